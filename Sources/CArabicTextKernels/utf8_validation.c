// UTF-8 well-formedness check by blocks (see CArabicTextKernels.h).
//
// The vector versions follow the method of Keiser and Lemire ("Validating
// UTF-8 in less than one instruction per byte", Software: Practice and
// Experience 51(5), 2021): every error that involves two adjacent bytes is
// the AND of three 16-entry lookups (high nibble of the previous byte, low
// nibble of the previous byte, high nibble of the current byte); the third
// and fourth bytes of long sequences are checked by comparing the bytes two
// and three places back; a block that ends inside a sequence is remembered
// for the next block. Blocks of ASCII only skip all of that. The vector code
// answers only "is there an error in this block?"; the caller finds the
// exact error by rescanning from the returned point.
#include "CArabicTextKernels.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define ARABICTEXT_X86 1
#endif

// Bits of the three lookup tables: each names one kind of error between a
// byte (`previous`) and the byte after it (`current`).
enum {
    /// A lead byte followed by ASCII or another lead byte.
    TOO_SHORT = 1 << 0,
    /// ASCII followed by a continuation byte.
    TOO_LONG = 1 << 1,
    /// E0 followed by 80..9F.
    OVERLONG_3 = 1 << 2,
    /// F4 followed by 90..BF, or F5..FF followed by 90..BF.
    TOO_LARGE = 1 << 3,
    /// ED followed by A0..BF.
    SURROGATE = 1 << 4,
    /// C0 or C1 followed by a continuation byte.
    OVERLONG_2 = 1 << 5,
    /// F0 followed by 80..8F, or F5..FF followed by 80..8F.
    OVERLONG_4_OR_TOO_LARGE_8 = 1 << 6,
    /// Two continuation bytes in a row: an error unless the second is the
    /// third or fourth byte of a sequence (checked separately).
    TWO_CONTINUATIONS = 1 << 7,
};

#define ALWAYS (TOO_SHORT | TOO_LONG | TWO_CONTINUATIONS)

/// Indexed by the high nibble of the previous byte.
static const int8_t previous_high[16] = {
    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
    TWO_CONTINUATIONS, TWO_CONTINUATIONS, TWO_CONTINUATIONS, TWO_CONTINUATIONS,
    TOO_SHORT | OVERLONG_2,
    TOO_SHORT,
    TOO_SHORT | OVERLONG_3 | SURROGATE,
    TOO_SHORT | TOO_LARGE | OVERLONG_4_OR_TOO_LARGE_8,
};

/// Indexed by the low nibble of the previous byte.
static const int8_t previous_low[16] = {
    ALWAYS | OVERLONG_2 | OVERLONG_3 | OVERLONG_4_OR_TOO_LARGE_8,
    ALWAYS | OVERLONG_2,
    ALWAYS,
    ALWAYS,
    ALWAYS | TOO_LARGE,
    ALWAYS | TOO_LARGE | OVERLONG_4_OR_TOO_LARGE_8,
    ALWAYS | TOO_LARGE | OVERLONG_4_OR_TOO_LARGE_8,
    ALWAYS | TOO_LARGE | OVERLONG_4_OR_TOO_LARGE_8,
    ALWAYS | TOO_LARGE | OVERLONG_4_OR_TOO_LARGE_8,
    ALWAYS | TOO_LARGE | OVERLONG_4_OR_TOO_LARGE_8,
    ALWAYS | TOO_LARGE | OVERLONG_4_OR_TOO_LARGE_8,
    ALWAYS | TOO_LARGE | OVERLONG_4_OR_TOO_LARGE_8,
    ALWAYS | TOO_LARGE | OVERLONG_4_OR_TOO_LARGE_8,
    ALWAYS | TOO_LARGE | OVERLONG_4_OR_TOO_LARGE_8 | SURROGATE,
    ALWAYS | TOO_LARGE | OVERLONG_4_OR_TOO_LARGE_8,
    ALWAYS | TOO_LARGE | OVERLONG_4_OR_TOO_LARGE_8,
};

/// Indexed by the high nibble of the current byte.
static const int8_t current_high[16] = {
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
    (int8_t)(TOO_LONG | TWO_CONTINUATIONS | OVERLONG_2 | OVERLONG_3 | OVERLONG_4_OR_TOO_LARGE_8),
    (int8_t)(TOO_LONG | TWO_CONTINUATIONS | OVERLONG_2 | OVERLONG_3 | TOO_LARGE),
    (int8_t)(TOO_LONG | TWO_CONTINUATIONS | OVERLONG_2 | SURROGATE | TOO_LARGE),
    (int8_t)(TOO_LONG | TWO_CONTINUATIONS | OVERLONG_2 | SURROGATE | TOO_LARGE),
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
};

// MARK: Scalar

static int is_continuation(uint8_t b) { return (b & 0xC0) == 0x80; }

/// The length of the well-formed sequence at `i`, or 0 when none starts there.
static size_t sequence_length(const uint8_t *bytes, size_t i, size_t count) {
    uint8_t b0 = bytes[i];
    if (b0 < 0x80) return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        return i + 1 < count && is_continuation(bytes[i + 1]) ? 2 : 0;
    }
    if (b0 >= 0xE0 && b0 <= 0xF4) {
        uint8_t low = 0x80, high = 0xBF;
        if (b0 == 0xE0) low = 0xA0;
        else if (b0 == 0xED) high = 0x9F;
        else if (b0 == 0xF0) low = 0x90;
        else if (b0 == 0xF4) high = 0x8F;
        if (i + 1 >= count || bytes[i + 1] < low || bytes[i + 1] > high) return 0;
        size_t length = b0 < 0xF0 ? 3 : 4;
        for (size_t k = 2; k < length; k++) {
            if (i + k >= count || !is_continuation(bytes[i + k])) return 0;
        }
        return length;
    }
    return 0;
}

/// The start of the first ill-formed sequence (eight ASCII bytes a step), or `count`.
static size_t utf8_scalar(const uint8_t *bytes, size_t count) {
    size_t i = 0;
    while (i < count) {
        if (i + 8 <= count) {
            uint64_t word;
            memcpy(&word, bytes + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        size_t length = sequence_length(bytes, i, count);
        if (length == 0) return i;
        i += length;
    }
    return count;
}

/// The start of the last character before `block` (a character boundary when
/// everything before `block` is well-formed apart from a cut sequence at its end).
static size_t restart_before(const uint8_t *bytes, size_t block) {
    if (block == 0) return 0;
    size_t p = block - 1;
    while (p > 0 && block - p < 4 && is_continuation(bytes[p])) p--;
    return p;
}

#ifdef ARABICTEXT_X86

// MARK: AVX2

#define AVX2_TARGET __attribute__((target("avx2,bmi,bmi2")))

AVX2_TARGET static inline __m256i avx2_table(const int8_t table[16]) {
    return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)table));
}

/// `input` with its bytes moved up by `n` (1 to 3) places, the first
/// `n` taken from the end of `previous`.
#define AVX2_PREVIOUS(input, previous, n) \
    _mm256_alignr_epi8((input), _mm256_permute2x128_si256((previous), (input), 0x21), 16 - (n))

AVX2_TARGET static size_t utf8_avx2(const uint8_t *bytes, size_t count) {
    const __m256i t1 = avx2_table(previous_high), t2 = avx2_table(previous_low), t3 = avx2_table(current_high);
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    // A byte at one of the last three places of a block that starts a
    // sequence too long for the block.
    const __m256i incomplete_limits = _mm256_setr_epi8(
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)0xEF, (char)0xDF, (char)0xBF);
    __m256i previous = _mm256_setzero_si256();
    __m256i previous_incomplete = _mm256_setzero_si256();
    size_t i = 0;
    uint8_t tail[32];
    while (i < count) {
        __m256i input;
        if (i + 32 <= count) {
            input = _mm256_loadu_si256((const __m256i *)(bytes + i));
        } else {
            memset(tail, 0, sizeof tail);
            memcpy(tail, bytes + i, count - i);
            input = _mm256_loadu_si256((const __m256i *)tail);
        }
        __m256i error;
        if (_mm256_movemask_epi8(input) == 0) {
            error = previous_incomplete;
        } else {
            __m256i prev1 = AVX2_PREVIOUS(input, previous, 1);
            __m256i lookup1 = _mm256_shuffle_epi8(t1, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble));
            __m256i lookup2 = _mm256_shuffle_epi8(t2, _mm256_and_si256(prev1, nibble));
            __m256i lookup3 = _mm256_shuffle_epi8(t3, _mm256_and_si256(_mm256_srli_epi16(input, 4), nibble));
            __m256i special = _mm256_and_si256(_mm256_and_si256(lookup1, lookup2), lookup3);
            __m256i prev2 = AVX2_PREVIOUS(input, previous, 2);
            __m256i prev3 = AVX2_PREVIOUS(input, previous, 3);
            __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
            __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
            __m256i must_continue = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
            error = _mm256_xor_si256(must_continue, special);
            previous_incomplete = _mm256_subs_epu8(input, incomplete_limits);
        }
        if (!_mm256_testz_si256(error, error)) return restart_before(bytes, i);
        previous = input;
        i += 32;
    }
    if (!_mm256_testz_si256(previous_incomplete, previous_incomplete)) {
        return restart_before(bytes, count);
    }
    return count;
}

// MARK: AVX-512

#define AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,avx2,bmi,bmi2")))

AVX512_TARGET static inline __m512i avx512_table(const int8_t table[16]) {
    return _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)table));
}

/// Indexes for `_mm512_permutex2var_epi8(input, index, previous)` that move
/// the bytes of `input` up by `n` places and take the first `n` from the end of `previous`.
AVX512_TARGET static inline __m512i avx512_shift_index(int n) {
    uint8_t index[64];
    for (int k = 0; k < 64; k++) index[k] = (uint8_t)(k >= n ? k - n : 64 + 64 - n + k);
    return _mm512_loadu_si512(index);
}

AVX512_TARGET static size_t utf8_avx512(const uint8_t *bytes, size_t count) {
    const __m512i t1 = avx512_table(previous_high), t2 = avx512_table(previous_low), t3 = avx512_table(current_high);
    const __m512i nibble = _mm512_set1_epi8(0x0F);
    const __m512i shift1 = avx512_shift_index(1), shift2 = avx512_shift_index(2), shift3 = avx512_shift_index(3);
    uint8_t limits[64];
    memset(limits, 0xFF, sizeof limits);
    limits[61] = 0xEF;
    limits[62] = 0xDF;
    limits[63] = 0xBF;
    const __m512i incomplete_limits = _mm512_loadu_si512(limits);
    __m512i previous = _mm512_setzero_si512();
    __m512i previous_incomplete = _mm512_setzero_si512();
    size_t i = 0;
    while (i < count) {
        __m512i input;
        if (i + 64 <= count) {
            input = _mm512_loadu_si512(bytes + i);
        } else {
            // The tail, padded with zeros (ASCII) by a masked load that reads only its bytes.
            __mmask64 present = _bzhi_u64(~0ULL, (unsigned)(count - i));
            input = _mm512_maskz_loadu_epi8(present, bytes + i);
        }
        __m512i error;
        if (_mm512_movepi8_mask(input) == 0) {
            error = previous_incomplete;
        } else {
            __m512i prev1 = _mm512_permutex2var_epi8(input, shift1, previous);
            __m512i lookup1 = _mm512_shuffle_epi8(t1, _mm512_and_si512(_mm512_srli_epi16(prev1, 4), nibble));
            __m512i lookup2 = _mm512_shuffle_epi8(t2, _mm512_and_si512(prev1, nibble));
            __m512i lookup3 = _mm512_shuffle_epi8(t3, _mm512_and_si512(_mm512_srli_epi16(input, 4), nibble));
            // lookup1 & lookup2 & lookup3 in one instruction (truth table 0x80).
            __m512i special = _mm512_ternarylogic_epi32(lookup1, lookup2, lookup3, 0x80);
            __m512i prev2 = _mm512_permutex2var_epi8(input, shift2, previous);
            __m512i prev3 = _mm512_permutex2var_epi8(input, shift3, previous);
            __m512i third = _mm512_subs_epu8(prev2, _mm512_set1_epi8((char)(0xE0 - 0x80)));
            __m512i fourth = _mm512_subs_epu8(prev3, _mm512_set1_epi8((char)(0xF0 - 0x80)));
            // ((third | fourth) & 0x80) ^ special (truth table over a=third, b=fourth, c=0x80 ... done in two steps).
            __m512i must_continue = _mm512_and_si512(_mm512_or_si512(third, fourth), _mm512_set1_epi8((char)0x80));
            error = _mm512_xor_si512(must_continue, special);
            previous_incomplete = _mm512_subs_epu8(input, incomplete_limits);
        }
        if (_mm512_test_epi8_mask(error, error) != 0) return restart_before(bytes, i);
        previous = input;
        i += 64;
    }
    if (_mm512_test_epi8_mask(previous_incomplete, previous_incomplete) != 0) {
        return restart_before(bytes, count);
    }
    return count;
}

#endif

/// The kernel at `level`, which the caller has checked the processor supports.
static size_t dispatch(int level, const uint8_t *bytes, size_t count) {
    if (count == 0) return 0;
#ifdef ARABICTEXT_X86
    switch (level) {
    case ARABICTEXT_KERNEL_LEVEL_AVX512: return utf8_avx512(bytes, count);
    case ARABICTEXT_KERNEL_LEVEL_AVX2: return utf8_avx2(bytes, count);
    default: break;
    }
#endif
    return utf8_scalar(bytes, count);
}

size_t arabictext_utf8_restart_point_at_level(int level, const uint8_t *bytes, size_t count) {
    int detected = arabictext_kernel_level_detected();
    return dispatch(level < detected ? level : detected, bytes, count);
}

size_t arabictext_utf8_restart_point(const uint8_t *bytes, size_t count) {
    return dispatch(arabictext_kernel_level_current(), bytes, count);
}
