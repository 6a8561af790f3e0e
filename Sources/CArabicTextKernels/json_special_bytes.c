// The first byte a JSON string cannot hold as it is (see CArabicTextKernels.h):
// a compare of each byte against '"', '\' and 0x20 to a bit mask, and the
// lowest set bit, 32 (AVX2) or 64 (AVX-512) bytes a step.
#include "CArabicTextKernels.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define ARABICTEXT_X86 1
#endif

static inline int is_special(uint8_t b) { return b == 0x22 || b == 0x5C || b < 0x20; }

/// Eight bytes a step: a byte is flagged when it is 0x22, 0x5C or below 0x20
/// (the lowest flagged byte of a word is exact; bytes above it may be flagged by borrows).
static size_t special_scalar(const uint8_t *bytes, size_t start, size_t count) {
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    size_t j = start;
    while (j + 8 <= count) {
        uint64_t word;
        memcpy(&word, bytes + j, 8);
        uint64_t quote = word ^ (ones * 0x22), backslash = word ^ (ones * 0x5C);
        uint64_t found = (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | ((word - ones * 0x20) & ~word)) & highs;
        if (found != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return j + (size_t)__builtin_ctzll(found) / 8;
#else
            break;
#endif
        }
        j += 8;
    }
    while (j < count && !is_special(bytes[j])) j++;
    return j;
}

#ifdef ARABICTEXT_X86

__attribute__((target("avx2,bmi,bmi2")))
static size_t special_avx2(const uint8_t *bytes, size_t start, size_t count) {
    const __m256i quote = _mm256_set1_epi8(0x22), backslash = _mm256_set1_epi8(0x5C), control = _mm256_set1_epi8(0x1F);
    size_t j = start;
    while (j + 32 <= count) {
        __m256i block = _mm256_loadu_si256((const __m256i *)(bytes + j));
        __m256i found = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(block, quote), _mm256_cmpeq_epi8(block, backslash)),
            _mm256_cmpeq_epi8(_mm256_min_epu8(block, control), block));
        uint32_t mask = (uint32_t)_mm256_movemask_epi8(found);
        if (mask != 0) return j + _tzcnt_u32(mask);
        j += 32;
    }
    return special_scalar(bytes, j, count);
}

__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,avx2,bmi,bmi2")))
static size_t special_avx512(const uint8_t *bytes, size_t start, size_t count) {
    const __m512i quote = _mm512_set1_epi8(0x22), backslash = _mm512_set1_epi8(0x5C), space = _mm512_set1_epi8(0x20);
    size_t j = start;
    if (j + 32 <= count) {
        // Most runs between special bytes of JSON Lines are short: one 32-byte step first.
        __m256i block = _mm256_loadu_si256((const __m256i *)(bytes + j));
        __mmask32 found = _mm256_cmpeq_epi8_mask(block, _mm512_castsi512_si256(quote)) |
            _mm256_cmpeq_epi8_mask(block, _mm512_castsi512_si256(backslash)) |
            _mm256_cmplt_epu8_mask(block, _mm512_castsi512_si256(space));
        if (found != 0) return j + _tzcnt_u32(found);
        j += 32;
    }
    while (j + 64 <= count) {
        __m512i block = _mm512_loadu_si512(bytes + j);
        __mmask64 found = _mm512_cmpeq_epi8_mask(block, quote) | _mm512_cmpeq_epi8_mask(block, backslash) |
            _mm512_cmplt_epu8_mask(block, space);
        if (found != 0) return j + _tzcnt_u64(found);
        j += 64;
    }
    if (j < count) {
        // The tail by a masked load, which reads only its bytes.
        __mmask64 present = _bzhi_u64(~0ULL, (unsigned)(count - j));
        __m512i block = _mm512_maskz_loadu_epi8(present, bytes + j);
        __mmask64 found = (_mm512_cmpeq_epi8_mask(block, quote) | _mm512_cmpeq_epi8_mask(block, backslash) |
            _mm512_cmplt_epu8_mask(block, space)) & present;
        if (found != 0) return j + _tzcnt_u64(found);
    }
    return count;
}

#endif

/// The kernel at `level`, which the caller has checked the processor supports.
static size_t dispatch(int level, const uint8_t *bytes, size_t start, size_t count) {
    if (start >= count) return count;
#ifdef ARABICTEXT_X86
    switch (level) {
    case ARABICTEXT_KERNEL_LEVEL_AVX512: return special_avx512(bytes, start, count);
    case ARABICTEXT_KERNEL_LEVEL_AVX2: return special_avx2(bytes, start, count);
    default: break;
    }
#endif
    return special_scalar(bytes, start, count);
}

size_t arabictext_json_special_index_at_level(int level, const uint8_t *bytes, size_t start, size_t count) {
    int detected = arabictext_kernel_level_detected();
    return dispatch(level < detected ? level : detected, bytes, start, count);
}

size_t arabictext_json_special_index(const uint8_t *bytes, size_t start, size_t count) {
    return dispatch(arabictext_kernel_level_current(), bytes, start, count);
}
