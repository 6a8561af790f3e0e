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
    const __m512i class0 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_BYTE_CLASS);
    const __m512i class1 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_BYTE_CLASS + 64);
    const __m512i class2 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_BYTE_CLASS + 128);
    const __m512i class3 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_BYTE_CLASS + 192);
    const __m512i ascii0 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_ASCII_OUTPUT);
    const __m512i ascii1 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_ASCII_OUTPUT + 64);
    const __m512i latin_lead0 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_LATIN_LEAD_OUTPUT);
    const __m512i latin_lead1 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_LATIN_LEAD_OUTPUT + 64);
    const __m512i latin_cont0 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_LATIN_CONTINUATION_OUTPUT);
    const __m512i latin_cont1 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_LATIN_CONTINUATION_OUTPUT + 64);
    const __m512i latin_flags0 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_LATIN_FLAGS);
    const __m512i latin_flags1 = _mm512_loadu_si512(tables + ARABICTEXT_NORMALIZATION_LATIN_FLAGS + 64);
    const uint8_t *arabic_lead = tables + ARABICTEXT_NORMALIZATION_ARABIC_LEAD_OUTPUT;
    const uint8_t *arabic_cont = tables + ARABICTEXT_NORMALIZATION_ARABIC_CONTINUATION_OUTPUT;
    const uint8_t *arabic_flags = tables + ARABICTEXT_NORMALIZATION_ARABIC_FLAGS;
    const __m512i arabic_lead0 = _mm512_loadu_si512(arabic_lead);
    const __m512i arabic_lead1 = _mm512_loadu_si512(arabic_lead + 64);
    const __m512i arabic_lead2 = _mm512_loadu_si512(arabic_lead + 128);
    const __m512i arabic_lead3 = _mm512_loadu_si512(arabic_lead + 192);
    const __m512i arabic_cont0 = _mm512_loadu_si512(arabic_cont);
    const __m512i arabic_cont1 = _mm512_loadu_si512(arabic_cont + 64);
    const __m512i arabic_cont2 = _mm512_loadu_si512(arabic_cont + 128);
    const __m512i arabic_cont3 = _mm512_loadu_si512(arabic_cont + 192);
    const __m512i arabic_flags0 = _mm512_loadu_si512(arabic_flags);
    const __m512i arabic_flags1 = _mm512_loadu_si512(arabic_flags + 64);
    const __m512i arabic_flags2 = _mm512_loadu_si512(arabic_flags + 128);
    const __m512i arabic_flags3 = _mm512_loadu_si512(arabic_flags + 192);

    const __m512i low_six_bits = _mm512_set1_epi8(0x3F);
    const __m512i low_two_bits = _mm512_set1_epi8(0x03);
    const __m512i space = _mm512_set1_epi8(0x20);
    const __m512i ascii_ok_bit = _mm512_set1_epi8(ARABICTEXT_NORMALIZATION_CLASS_ASCII);
    const __m512i continuation_bit = _mm512_set1_epi8(ARABICTEXT_NORMALIZATION_CLASS_CONTINUATION);
    const __m512i arabic_lead_bit = _mm512_set1_epi8(ARABICTEXT_NORMALIZATION_CLASS_ARABIC_LEAD);
    const __m512i latin_lead_bit = _mm512_set1_epi8(ARABICTEXT_NORMALIZATION_CLASS_LATIN_LEAD);
    const __m512i plain_lead_bit = _mm512_set1_epi8(ARABICTEXT_NORMALIZATION_CLASS_PLAIN_LEAD);
    const __m512i keep_lead_bit = _mm512_set1_epi8(ARABICTEXT_NORMALIZATION_KEEP_LEAD);
    const __m512i keep_cont_bit = _mm512_set1_epi8(ARABICTEXT_NORMALIZATION_KEEP_CONTINUATION);
    const __m512i unsupported_bit = _mm512_set1_epi8(ARABICTEXT_NORMALIZATION_UNSUPPORTED);

    uint64_t space_carry = last_was_space ? 1 : 0;
    size_t i = 0;
    size_t o = 0;
    while (i + 64 <= length) {
        const uint8_t *p = input + i;
        const __m512i bytes = _mm512_loadu_si512(p);
        // The byte before and after each lane, 0 outside the block (masked
        // lanes are not read, so nothing outside input[i..<i+64] is touched).
        const __m512i before = _mm512_maskz_loadu_epi8(~1ULL, p - 1);
        const __m512i after = _mm512_maskz_loadu_epi8(~0ULL >> 1, p + 1);

        const __mmask64 high_bytes = _mm512_movepi8_mask(bytes);
        const __m512i byte_class = lookup256(class0, class1, class2, class3, bytes, high_bytes);
        const uint64_t ascii_ok = _mm512_test_epi8_mask(byte_class, ascii_ok_bit);
        const uint64_t cont = _mm512_test_epi8_mask(byte_class, continuation_bit);
        const uint64_t arabic_lead_lanes = _mm512_test_epi8_mask(byte_class, arabic_lead_bit);
        const uint64_t latin_lead_lanes = _mm512_test_epi8_mask(byte_class, latin_lead_bit);
        const uint64_t plain_lead_lanes = _mm512_test_epi8_mask(byte_class, plain_lead_bit);
        const uint64_t lead = arabic_lead_lanes | latin_lead_lanes | plain_lead_lanes;
        // A lane is a whole character's byte: ASCII the tables map to one
        // byte, or a lead the tables know followed by a continuation, or
        // that continuation.
        const uint64_t well_formed = ascii_ok | (lead & (cont >> 1)) | (cont & (lead << 1));

        // Pair index (lead & 3) << 6 | (continuation & 0x3F), in both lanes of the pair.
        const __m512i pair_lead = _mm512_mask_blend_epi8(cont, bytes, before);
        const __m512i pair_cont = _mm512_mask_blend_epi8(cont, after, bytes);
        const __m512i index = _mm512_or_si512(
            _mm512_slli_epi16(_mm512_and_si512(pair_lead, low_two_bits), 6),
            _mm512_and_si512(pair_cont, low_six_bits));
        const __mmask64 index_high = _mm512_movepi8_mask(index);
        const __m512i arabic_lead_out = lookup256(arabic_lead0, arabic_lead1, arabic_lead2, arabic_lead3, index, index_high);
        const __m512i arabic_cont_out = lookup256(arabic_cont0, arabic_cont1, arabic_cont2, arabic_cont3, index, index_high);
        const __m512i arabic_pair_flags = lookup256(arabic_flags0, arabic_flags1, arabic_flags2, arabic_flags3, index, index_high);
        // C2 and C3 have (lead & 3) = 2, 3: the low seven bits of the same index.
        const __m512i latin_lead_out = _mm512_permutex2var_epi8(latin_lead0, index, latin_lead1);
        const __m512i latin_cont_out = _mm512_permutex2var_epi8(latin_cont0, index, latin_cont1);
        const __m512i latin_pair_flags = _mm512_permutex2var_epi8(latin_flags0, index, latin_flags1);
        const __m512i ascii_out = _mm512_permutex2var_epi8(ascii0, bytes, ascii1);

        const uint64_t arabic_lanes = arabic_lead_lanes | (cont & (arabic_lead_lanes << 1));
        const uint64_t latin_lanes = latin_lead_lanes | (cont & (latin_lead_lanes << 1));
        const uint64_t table_lanes = arabic_lanes | latin_lanes;
        __m512i out = _mm512_mask_blend_epi8(~high_bytes, bytes, ascii_out);
        out = _mm512_mask_blend_epi8(arabic_lanes, out, _mm512_mask_blend_epi8(cont, arabic_lead_out, arabic_cont_out));
        out = _mm512_mask_blend_epi8(latin_lanes, out, _mm512_mask_blend_epi8(cont, latin_lead_out, latin_cont_out));
        const __m512i flags = _mm512_mask_blend_epi8(latin_lanes, arabic_pair_flags, latin_pair_flags);
        const uint64_t keeps_lead = _mm512_test_epi8_mask(flags, keep_lead_bit);
        const uint64_t keeps_cont = _mm512_test_epi8_mask(flags, keep_cont_bit);
        const uint64_t unsupported = _mm512_test_epi8_mask(flags, unsupported_bit) & (arabic_lead_lanes | latin_lead_lanes);
        const uint64_t dropped = table_lanes & ((lead & ~keeps_lead) | (cont & ~keeps_cont));

        // Stop before the first character the tables do not handle; a lead
        // in the last lane waits for the next block (its continuation is there).
        const uint64_t refused = ~well_formed | unsupported;
        unsigned taken = 64;
        int stop = 0;
        if (refused != 0) {
            taken = (unsigned)_tzcnt_u64(refused);
            stop = !(taken == 63 && ((lead >> 63) & 1));
        }
        const uint64_t kept = ~dropped & lanes_below(taken);
        __m512i packed = _mm512_maskz_compress_epi8(kept, out);
        unsigned count = (unsigned)_mm_popcnt_u64(kept);
        if (collapse && count > 0) {
            // A space written right after a space is dropped (tabs are already spaces).
            const uint64_t spaces = _mm512_cmpeq_epi8_mask(packed, space) & lanes_below(count);
            const uint64_t repeated = spaces & ((spaces << 1) | space_carry);
            space_carry = (spaces >> (count - 1)) & 1;
            if (repeated != 0) {
                packed = _mm512_maskz_compress_epi8(lanes_below(count) & ~repeated, packed);
                count -= (unsigned)_mm_popcnt_u64(repeated);
            }
        }
        _mm512_mask_storeu_epi8(output + o, lanes_below(count), packed);
        o += count;
        i += taken;
        if (stop) break;
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
