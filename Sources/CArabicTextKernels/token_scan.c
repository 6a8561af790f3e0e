// Runs of plain tokens (see the tokenization section of CArabicTextKernels.h).
//
// Each step classifies a block of bytes (64 with AVX-512, 32 with AVX2) into
// bit masks, one bit per byte: white space to skip, Arabic word bytes, ASCII
// letters, ASCII digits, characters that end an Arabic word, punctuation
// that starts a token. Tokens are then read off the masks with a count of
// trailing zeros each: the first byte not skipped starts a token, the first
// byte after it outside its run ends it, and the flags of that byte say
// whether the token really ends there. A token running past the block starts
// the next block; a token the masks cannot vouch for stops the scan.
#include "CArabicTextKernels.h"

#include <string.h>

/// Token word: start, length, kind.
static inline uint64_t pack_token(size_t start, size_t length, unsigned kind) {
    return (uint64_t)start | (uint64_t)length << 32 | (uint64_t)kind << 56;
}

/// End of the run of the punctuation character of `length` bytes at `start`
/// (the same bytes repeated), or 0 when the run is too long to write.
static inline size_t punctuation_run_end(const uint8_t *text, size_t count, size_t start, size_t length) {
    size_t j = start + length;
    if (length == 1) {
        uint8_t b = text[start];
        while (j < count && text[j] == b) j++;
    } else {
        while (j + 2 <= count && text[j] == text[start] && text[j + 1] == text[start + 1]) j += 2;
    }
    return j - start <= ARABICTEXT_TOKEN_SCAN_MAX_LENGTH ? j : 0;
}

/// Where the tokens of one block go: the shared step that reads tokens off
/// the masks of a block of `width` bytes at `p`.
typedef struct {
    uint64_t skip, ends_arabic, ends_run, punctuation, latin, digit, word, letter, two_byte;
} block_masks;

typedef enum { BLOCK_DONE, BLOCK_FULL, BLOCK_STOP } block_result;

/// Reads the tokens of the block at `*p` (its masks in `m`, `valid` its
/// bytes inside the text) into `tokens` from `*n` on. Moves `*p` to where the
/// next block starts; on BLOCK_FULL and BLOCK_STOP sets `*resume`.
static inline block_result read_block(const uint8_t *text, size_t count, size_t *p, unsigned width,
                                      uint64_t valid, const block_masks *m, uint64_t *tokens,
                                      size_t *n, size_t capacity, size_t *resume) {
    const size_t base = *p;
    unsigned i = 0;
    for (;;) {
        uint64_t rest = ~m->skip & valid & (~(uint64_t)0 << i);
        if (rest == 0) {
            size_t left = count - base;
            *p = base + (left < width ? left : width);
            return BLOCK_DONE;
        }
        unsigned s = (unsigned)__builtin_ctzll(rest);
        uint64_t from = ~(uint64_t)0 << s;
        unsigned kind;
        uint64_t outside, ends;
        if ((m->letter >> s) & 1) {
            outside = ~m->word & from;
            ends = m->ends_arabic;
            kind = ARABICTEXT_TOKEN_KIND_ARABIC;
        } else if ((m->latin >> s) & 1) {
            outside = ~m->latin & from;
            ends = m->ends_run;
            kind = ARABICTEXT_TOKEN_KIND_LATIN;
        } else if ((m->digit >> s) & 1) {
            outside = ~m->digit & from;
            ends = m->ends_run;
            kind = ARABICTEXT_TOKEN_KIND_NUMBER;
        } else if ((m->punctuation >> s) & 1) {
            size_t start = base + s;
            size_t end = punctuation_run_end(text, count, start, ((m->two_byte >> s) & 1) ? 2 : 1);
            if (end == 0) {
                *resume = start;
                return BLOCK_STOP;
            }
            tokens[(*n)++] = pack_token(start, end - start, ARABICTEXT_TOKEN_KIND_PUNCTUATION);
            if (*n == capacity) {
                *resume = end;
                return BLOCK_FULL;
            }
            if (end - base >= width) {
                *p = end;
                return BLOCK_DONE;
            }
            i = (unsigned)(end - base);
            continue;
        } else {
            *resume = base + s;
            return BLOCK_STOP;
        }
        // Only bits below `width` exist; a run reaching the block's end may go on.
        if (width < 64) outside &= ((uint64_t)1 << width) - 1;
        if (outside == 0) {
            if (s == 0) {  // a run as long as the block: left to the caller
                *resume = base;
                return BLOCK_STOP;
            }
            *p = base + s;
            return BLOCK_DONE;
        }
        unsigned e = (unsigned)__builtin_ctzll(outside);
        if (!((ends >> e) & 1)) {
            *resume = base + s;
            return BLOCK_STOP;
        }
        tokens[(*n)++] = pack_token(base + s, e - s, kind);
        if (*n == capacity) {
            *resume = base + e;
            return BLOCK_FULL;
        }
        i = e;
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#define TARGET_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,avx2,bmi,bmi2")))
#define TARGET_AVX2 __attribute__((target("avx2,bmi,bmi2")))

TARGET_AVX512
static size_t scan_avx512(const uint8_t *text, size_t count, size_t position,
                          const arabictext_token_classes *classes, uint64_t *tokens, size_t capacity,
                          size_t *resume) {
    const __m512i ascii0 = _mm512_loadu_si512(classes->ascii);
    const __m512i ascii1 = _mm512_loadu_si512(classes->ascii + 64);
    const __m512i latin1 = _mm512_loadu_si512(classes->lead_c2);
    const __m512i arabic0 = _mm512_loadu_si512(classes->leads_d8_db);
    const __m512i arabic1 = _mm512_loadu_si512(classes->leads_d8_db + 64);
    const __m512i arabic2 = _mm512_loadu_si512(classes->leads_d8_db + 128);
    const __m512i arabic3 = _mm512_loadu_si512(classes->leads_d8_db + 192);
    size_t n = 0;
    size_t p = position;
    while (p < count) {
        size_t left = count - p;
        uint64_t valid = left >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << left) - 1;
        uint64_t valid_next = left - 1 >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << (left - 1)) - 1;
        __m512i b = _mm512_maskz_loadu_epi8(valid, text + p);
        __m512i next = _mm512_maskz_loadu_epi8(valid_next, text + p + 1);

        uint64_t ascii = ~_mm512_movepi8_mask(b) & valid;
        uint64_t continued = _mm512_cmpeq_epi8_mask(_mm512_and_si512(next, _mm512_set1_epi8((char)0xC0)),
                                                    _mm512_set1_epi8((char)0x80));
        uint64_t lead_arabic = _mm512_cmpeq_epi8_mask(_mm512_and_si512(b, _mm512_set1_epi8((char)0xFC)),
                                                      _mm512_set1_epi8((char)0xD8)) & continued;
        uint64_t lead_latin1 = _mm512_cmpeq_epi8_mask(b, _mm512_set1_epi8((char)0xC2)) & continued;
        __m512i trail = _mm512_and_si512(next, _mm512_set1_epi8(0x3F));
        // (lead & 3) << 6 | trail: the shift by 6 of values below 4 stays inside each byte.
        __m512i index = _mm512_or_si512(_mm512_slli_epi16(_mm512_and_si512(b, _mm512_set1_epi8(3)), 6), trail);
        __m512i arabic_low = _mm512_permutex2var_epi8(arabic0, index, arabic1);
        __m512i arabic_high = _mm512_permutex2var_epi8(arabic2, index, arabic3);
        __m512i arabic = _mm512_mask_blend_epi8(_mm512_movepi8_mask(index), arabic_low, arabic_high);
        __m512i flags = _mm512_maskz_mov_epi8(ascii, _mm512_permutex2var_epi8(ascii0, b, ascii1));
        flags = _mm512_mask_mov_epi8(flags, lead_arabic, arabic);
        flags = _mm512_mask_mov_epi8(flags, lead_latin1, _mm512_permutexvar_epi8(trail, latin1));

        block_masks m;
        uint64_t end = left < 64 ? (uint64_t)1 << left : 0;  // the end of the text ends any token
        m.skip = _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_SKIP));
        m.ends_arabic = _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_ENDS_ARABIC_WORD)) | end;
        m.ends_run = m.skip | end;
        m.punctuation = _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_STARTS_PUNCTUATION));
        m.latin = _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_LATIN_LETTER));
        m.digit = _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_DIGIT));
        uint64_t word_lead = _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_ARABIC_WORD));
        m.word = word_lead | word_lead << 1;
        m.letter = _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_ARABIC_LETTER));
        m.two_byte = lead_arabic | lead_latin1;

        switch (read_block(text, count, &p, 64, valid, &m, tokens, &n, capacity, resume)) {
        case BLOCK_DONE: break;
        case BLOCK_FULL:
        case BLOCK_STOP: return n;
        }
    }
    *resume = count;
    return n;
}
#endif

int arabictext_token_scan_available(int level) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    int best = arabictext_kernel_level_detected();
    if (level > best) level = best;
    return level >= ARABICTEXT_KERNEL_LEVEL_AVX512;
#else
    (void)level;
    return 0;
#endif
}

size_t arabictext_token_scan(int level, const uint8_t *text, size_t count, size_t position,
                             const arabictext_token_classes *classes, uint64_t *tokens,
                             size_t capacity, size_t *resume) {
    if (capacity == 0 || position >= count) {
        *resume = position < count ? position : count;
        return 0;
    }
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    int best = arabictext_kernel_level_detected();
    if (level > best) level = best;
    if (level >= ARABICTEXT_KERNEL_LEVEL_AVX512) {
        return scan_avx512(text, count, position, classes, tokens, capacity, resume);
    }
#else
    (void)level;
    (void)classes;
    (void)tokens;
#endif
    *resume = position;
    return 0;
}
