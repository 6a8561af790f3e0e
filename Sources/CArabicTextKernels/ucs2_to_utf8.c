// UCS-2 (16-bit code units) to UTF-8, and the check for surrogates before it; see CArabicTextKernels.h.
#include "CArabicTextKernels.h"

/// One code point (not a surrogate) as UTF-8; returns its byte count.
static inline size_t encode_unit(uint16_t unit, uint8_t *out) {
    if (unit < 0x80) {
        out[0] = (uint8_t)unit;
        return 1;
    }
    if (unit < 0x800) {
        out[0] = (uint8_t)(0xC0 | unit >> 6);
        out[1] = (uint8_t)(0x80 | (unit & 0x3F));
        return 2;
    }
    out[0] = (uint8_t)(0xE0 | unit >> 12);
    out[1] = (uint8_t)(0x80 | ((unit >> 6) & 0x3F));
    out[2] = (uint8_t)(0x80 | (unit & 0x3F));
    return 3;
}

static size_t ucs2_first_surrogate_scalar(const uint16_t *units, size_t count) {
    for (size_t k = 0; k < count; k++) {
        if ((units[k] & 0xF800) == 0xD800) return k;
    }
    return count;
}

static size_t ucs2_to_utf8_scalar(const uint16_t *units, size_t count, uint8_t *out) {
    size_t written = 0;
    for (size_t k = 0; k < count; k++) written += encode_unit(units[k], out + written);
    return written;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#define AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,avx2,bmi,bmi2,popcnt")))

/// 32 units a step while they are below U+0800 (ASCII, Latin, Greek,
/// Cyrillic, Hebrew, Arabic...): each unit becomes a 16-bit lane holding its
/// one or two UTF-8 bytes, and one compress keeps the bytes that exist.
AVX512_TARGET
static size_t ucs2_to_utf8_avx512(const uint16_t *units, size_t count, uint8_t *out) {
    const __m512i below_two_bytes = _mm512_set1_epi16(0x80);
    const __m512i below_three_bytes = _mm512_set1_epi16(0x800);
    const __m512i low_six = _mm512_set1_epi16(0x3F);
    const __m512i markers = _mm512_set1_epi16((short)0x80C0);
    size_t k = 0, written = 0;
    while (k < count) {
        size_t left = count - k;
        size_t take = left < 32 ? left : 32;
        __mmask32 lanes = take == 32 ? 0xFFFFFFFFu : (__mmask32)((1u << take) - 1);
        __m512i unit = _mm512_maskz_loadu_epi16(lanes, units + k);
        if (_mm512_mask_cmpge_epu16_mask(lanes, unit, below_three_bytes) != 0) {
            // A three-byte character in this block: these units one by one.
            written += ucs2_to_utf8_scalar(units + k, take, out + written);
            k += take;
            continue;
        }
        __mmask32 two = _mm512_mask_cmpge_epu16_mask(lanes, unit, below_two_bytes);
        // Lead byte (unit >> 6 | 0xC0) low, continuation (unit & 0x3F | 0x80) high.
        __m512i encoded = _mm512_or_si512(
            _mm512_or_si512(_mm512_srli_epi16(unit, 6), _mm512_slli_epi16(_mm512_and_si512(unit, low_six), 8)),
            markers);
        __m512i lanes_bytes = _mm512_mask_mov_epi16(unit, two, encoded);
        // Every lane's first byte, and its second where the unit takes two.
        uint64_t first = _pdep_u64((uint64_t)lanes, 0x5555555555555555ull);
        uint64_t second = _pdep_u64((uint64_t)two, 0xAAAAAAAAAAAAAAAAull);
        uint64_t keep = first | second;
        __m512i packed = _mm512_maskz_compress_epi8(keep, lanes_bytes);
        size_t bytes = (size_t)_mm_popcnt_u64(keep);
        _mm512_mask_storeu_epi8(out + written, bytes == 64 ? ~0ull : ((1ull << bytes) - 1), packed);
        written += bytes;
        k += take;
    }
    return written;
}

/// 32 units a step: (unit & 0xF800) == 0xD800 marks a surrogate.
AVX512_TARGET
static size_t ucs2_first_surrogate_avx512(const uint16_t *units, size_t count) {
    const __m512i high_five = _mm512_set1_epi16((short)0xF800);
    const __m512i surrogate = _mm512_set1_epi16((short)0xD800);
    for (size_t k = 0; k < count; k += 32) {
        size_t left = count - k;
        __mmask32 lanes = left >= 32 ? 0xFFFFFFFFu : (__mmask32)((1u << left) - 1);
        __m512i unit = _mm512_maskz_loadu_epi16(lanes, units + k);
        __mmask32 found = _mm512_mask_cmpeq_epi16_mask(lanes, _mm512_and_si512(unit, high_five), surrogate);
        if (found != 0) return k + (size_t)__builtin_ctz(found);
    }
    return count;
}
#endif

size_t arabictext_ucs2_first_surrogate(const uint16_t *units, size_t count) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (arabictext_kernel_level_current() >= ARABICTEXT_KERNEL_LEVEL_AVX512) {
        return ucs2_first_surrogate_avx512(units, count);
    }
#endif
    return ucs2_first_surrogate_scalar(units, count);
}

size_t arabictext_ucs2_to_utf8(const uint16_t *units, size_t count, uint8_t *out) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (arabictext_kernel_level_current() >= ARABICTEXT_KERNEL_LEVEL_AVX512) {
        return ucs2_to_utf8_avx512(units, count, out);
    }
#endif
    return ucs2_to_utf8_scalar(units, count, out);
}
