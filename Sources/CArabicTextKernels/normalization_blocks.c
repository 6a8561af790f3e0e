// Arabic normalization over 64-byte blocks with AVX-512 VBMI/VBMI2 (see the
// "normalization blocks" section of CArabicTextKernels.h for the contract and
// the table layout). The Swift kernel (ArabicNormalizer._normalizeKernel) is
// the scalar version: it runs everything this function leaves to it, and
// everything on machines or levels without AVX-512.
#include "CArabicTextKernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#define NORMALIZATION_AVX512 \
    __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,avx2,bmi,bmi2,popcnt")))

/// `table[index]` for a 256-entry table held in four registers; `high` is
/// the mask of lanes whose index has bit 7 set.
NORMALIZATION_AVX512
static inline __m512i lookup256(__m512i t0, __m512i t1, __m512i t2, __m512i t3, __m512i index, __mmask64 high) {
    __m512i low_half = _mm512_permutex2var_epi8(t0, index, t1);
    __m512i high_half = _mm512_permutex2var_epi8(t2, index, t3);
    return _mm512_mask_blend_epi8(high, low_half, high_half);
}

/// The lanes below `count` (0...64).
static inline uint64_t lanes_below(unsigned count) {
    return count >= 64 ? ~0ULL : ((1ULL << count) - 1);
}

NORMALIZATION_AVX512
static size_t normalize_blocks_avx512(
    const uint8_t *tables, int collapse, const uint8_t *input, size_t length,
    uint8_t *output, size_t *written, int last_was_space) {
    const __m512i lead_classes = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_LEAD_CLASS);
    const __m512i ascii0 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_ASCII_OUTPUT);
    const __m512i ascii1 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_ASCII_OUTPUT + 64);
    const __m512i latin_lead0 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_LATIN_LEAD_OUTPUT);
    const __m512i latin_lead1 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_LATIN_LEAD_OUTPUT + 64);
    const __m512i latin_cont0 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_LATIN_CONTINUATION_OUTPUT);
    const __m512i latin_cont1 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_LATIN_CONTINUATION_OUTPUT + 64);
    const uint8_t *arabic_lead = tables + ARABICTEXT_NORMALIZATION_ARABIC_LEAD_OUTPUT;
    const uint8_t *arabic_cont = tables + ARABICTEXT_NORMALIZATION_ARABIC_CONTINUATION_OUTPUT;
    const __m512i arabic_lead0 = _mm512_loadu_si512(arabic_lead);
    const __m512i arabic_lead1 = _mm512_loadu_si512(arabic_lead + 64);
    const __m512i arabic_lead2 = _mm512_loadu_si512(arabic_lead + 128);
    const __m512i arabic_lead3 = _mm512_loadu_si512(arabic_lead + 192);
    const __m512i arabic_cont0 = _mm512_loadu_si512(arabic_cont);
    const __m512i arabic_cont1 = _mm512_loadu_si512(arabic_cont + 64);
    const __m512i arabic_cont2 = _mm512_loadu_si512(arabic_cont + 128);
    const __m512i arabic_cont3 = _mm512_loadu_si512(arabic_cont + 192);

    const __m512i low_six_bits = _mm512_set1_epi8(0x3F);
    const __m512i low_two_bits = _mm512_set1_epi8(0x03);
    const __m512i lead_start = _mm512_set1_epi8((char)0xC0);
    const __m512i space = _mm512_set1_epi8(0x20);
    const __m512i drop = _mm512_set1_epi8((char)ARABICTEXT_NORMALIZATION_DROP);
    const __m512i refuse = _mm512_set1_epi8((char)ARABICTEXT_NORMALIZATION_REFUSED);
    const __m512i arabic_bit = _mm512_set1_epi8(ARABICTEXT_NORMALIZATION_LEAD_ARABIC);
    const __m512i latin_bit = _mm512_set1_epi8(ARABICTEXT_NORMALIZATION_LEAD_LATIN);

    const __m512i continuation_marker = _mm512_set1_epi8((char)0x80);
    const __m512i top_two_bits = _mm512_set1_epi8((char)0xC0);
    const __m512i any_lead_bit = _mm512_set1_epi8(
        ARABICTEXT_NORMALIZATION_LEAD_ARABIC | ARABICTEXT_NORMALIZATION_LEAD_LATIN | ARABICTEXT_NORMALIZATION_LEAD_PLAIN);

    uint64_t space_carry = last_was_space ? 1 : 0;
    size_t i = 0;
    size_t o = 0;
    while (i + 64 <= length) {
        const uint8_t *p = input + i;
        const __m512i bytes = _mm512_loadu_si512(p);
        // The byte before and after each lane. A pair that straddles two
        // blocks is written half by each: the lead's lane sees its
        // continuation in `after`, the continuation's lane its lead in
        // `before`; so every block starts 64 bytes after the last, and the
        // next loads never wait for this block's lookups. The first block
        // has no byte before it (the input starts at a character boundary);
        // in the last block (no next block to write the continuation) a lead
        // in the last lane sees no byte after it and is refused. Those lanes
        // read 0 (masked lanes are not read).
        const __m512i before = _mm512_maskz_loadu_epi8(i > 0 ? ~0ULL : ~1ULL, p - 1);
        const __m512i after = _mm512_maskz_loadu_epi8(i + 128 <= length ? ~0ULL : ~0ULL >> 1, p + 1);

        const uint64_t high = _mm512_movepi8_mask(bytes);
        const uint64_t leads = _mm512_cmpge_epu8_mask(bytes, lead_start);
        const uint64_t cont = high & ~leads;
        const uint64_t lead_before = _mm512_cmpge_epu8_mask(before, lead_start);
        const uint64_t cont_after = _mm512_cmpeq_epi8_mask(_mm512_and_si512(after, top_two_bits), continuation_marker);
        // The lead of each lane's pair (the lane itself, or the byte before a
        // continuation) and its class: the low six bits of C0-FF index the table.
        const __m512i pair_lead = _mm512_mask_blend_epi8(cont, bytes, before);
        const __m512i pair_class = _mm512_permutexvar_epi8(pair_lead, lead_classes);
        const uint64_t arabic_lanes = _mm512_mask_test_epi8_mask(high, pair_class, arabic_bit);
        const uint64_t latin_lanes = _mm512_mask_test_epi8_mask(high, pair_class, latin_bit);
        const uint64_t known_lanes = _mm512_mask_test_epi8_mask(high, pair_class, any_lead_bit);
        // Each lane belongs to an ASCII character, or to a known lead
        // followed by a continuation (either byte of the pair).
        const uint64_t whole = ~high | (known_lanes & ((leads & cont_after) | (cont & lead_before)));

        // Pair index (lead & 3) << 6 | (continuation & 0x3F), in both lanes of the pair.
        const __m512i pair_cont = _mm512_mask_blend_epi8(cont, after, bytes);
        const __m512i index = _mm512_ternarylogic_epi32(
            _mm512_slli_epi16(_mm512_and_si512(pair_lead, low_two_bits), 6), pair_cont, low_six_bits, 0xF8);
        const __mmask64 index_high = _mm512_movepi8_mask(index);
        const __m512i arabic_lead_out = lookup256(arabic_lead0, arabic_lead1, arabic_lead2, arabic_lead3, index, index_high);
        const __m512i arabic_cont_out = lookup256(arabic_cont0, arabic_cont1, arabic_cont2, arabic_cont3, index, index_high);
        // C2 and C3 have (lead & 3) = 2, 3: the low seven bits of the same index.
        const __m512i latin_lead_out = _mm512_permutex2var_epi8(latin_lead0, index, latin_lead1);
        const __m512i latin_cont_out = _mm512_permutex2var_epi8(latin_cont0, index, latin_cont1);
        const __m512i ascii_out = _mm512_permutex2var_epi8(ascii0, bytes, ascii1);

        __m512i out = _mm512_mask_blend_epi8(high, ascii_out, bytes);
        out = _mm512_mask_blend_epi8(arabic_lanes, out, _mm512_mask_blend_epi8(cont, arabic_lead_out, arabic_cont_out));
        out = _mm512_mask_blend_epi8(latin_lanes, out, _mm512_mask_blend_epi8(cont, latin_lead_out, latin_cont_out));
        uint64_t kept = ~(uint64_t)_mm512_cmpeq_epi8_mask(out, drop);
        const uint64_t refused = ~whole | _mm512_cmpeq_epi8_mask(out, refuse);

        // Stop before the first character the tables refuse (rare: the
        // branch is predicted, and the common path takes no data-dependent step).
        unsigned taken = 64;
        if (__builtin_expect(refused != 0, 0)) {
            taken = (unsigned)_tzcnt_u64(refused);
            kept &= lanes_below(taken);
        }
        __m512i packed = _mm512_maskz_compress_epi8(kept, out);
        unsigned count = (unsigned)_mm_popcnt_u64(kept);
        if (collapse && count > 0) {
            // A space written right after a space is dropped (tabs are already spaces).
            const uint64_t spaces = _mm512_cmpeq_epi8_mask(packed, space) & lanes_below(count);
            const uint64_t repeated = spaces & ((spaces << 1) | space_carry);
            space_carry = (spaces >> (count - 1)) & 1;
            if (__builtin_expect(repeated != 0, 0)) {
                packed = _mm512_maskz_compress_epi8(lanes_below(count) & ~repeated, packed);
                count -= (unsigned)_mm_popcnt_u64(repeated);
            }
        }
        // The whole block: the output has room for `length - i` >= 64 more bytes.
        _mm512_storeu_si512(output + o, packed);
        o += count;
        i += taken;
        if (__builtin_expect(taken < 64, 0)) break;
    }
    *written = o;
    return i;
}
#endif

size_t arabictext_normalize_blocks(
    const uint8_t *tables, int collapse_whitespace, const uint8_t *input, size_t length,
    uint8_t *output, size_t *written, int last_was_space) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (arabictext_kernel_level_current() >= ARABICTEXT_KERNEL_LEVEL_AVX512) {
        return normalize_blocks_avx512(tables, collapse_whitespace, input, length, output, written, last_was_space);
    }
#endif
    (void)tables; (void)collapse_whitespace; (void)input; (void)length; (void)output; (void)last_was_space;
    *written = 0;
    return 0;
}
