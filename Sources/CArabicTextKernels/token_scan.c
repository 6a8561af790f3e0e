// Runs of plain tokens (see the tokenization section of CArabicTextKernels.h).
//
// Each step classifies a block of 64 bytes into bit masks, one bit per byte
// (white space, Arabic word bytes, ASCII letters, ASCII digits, punctuation,
// characters that end an Arabic word), and derives from them the first byte
// of every token in the block, the byte after every token, the ends where a
// token may not end, and the bytes the scan does not take. The k-th start and
// the k-th end are then one token: reading the tokens is a count of trailing
// zeros on each mask per token, with no branch on the token's kind. A token
// that runs past the block starts the next block; the first token the masks
// cannot vouch for stops the scan.
#include "CArabicTextKernels.h"

/// Token word: start, length, kind.
static inline uint64_t pack_token(size_t start, size_t length, uint64_t kind) {
    return (uint64_t)start | (uint64_t)length << 32 | kind << 56;
}

/// The masks of one block, bit i for the byte at block offset i.
typedef struct {
    /// First byte of each token the block holds (its kind in the masks below).
    uint64_t starts;
    /// Byte after each token (a token ending at the block's end has none).
    uint64_t ends;
    /// Ends where the token before may not end (it goes on under the full rules).
    uint64_t bad_ends;
    /// Bytes where the scan must hand over: a byte no token shape takes, a
    /// word starting with a mark, a repeated two-byte punctuation character.
    uint64_t stops;
    /// Starts of Latin words, of numbers, of punctuation.
    uint64_t latin_starts, digit_starts, punctuation_starts;
} block_masks;

typedef enum { BLOCK_DONE, BLOCK_FULL, BLOCK_STOP } block_result;

/// Free slots below which the scan does not start another block.
#define ARABICTEXT_TOKEN_SCAN_BLOCK_ROOM 16

/// Reads the tokens of the block at `*p` (`left` bytes of text from there on,
/// `width` the block's size) into `tokens` from `*n` on. Moves `*p` to where
/// the next block starts; on BLOCK_FULL and BLOCK_STOP sets `*resume`.
static inline block_result read_block(size_t *p, size_t left, unsigned width, const block_masks *m,
                                      uint64_t *tokens, size_t *n, size_t capacity, size_t *resume) {
    const size_t base = *p;
    uint64_t starts = m->starts, ends = m->ends;
    const unsigned stop = m->stops ? (unsigned)__builtin_ctzll(m->stops) : 64;
    while (starts) {
        unsigned s = (unsigned)__builtin_ctzll(starts);
        if (s >= stop) break;
        if (ends == 0) {  // the last token goes on past the block: the next block starts with it
            if (s == 0) {  // a token as long as the block: left to the caller
                *resume = base;
                return BLOCK_STOP;
            }
            *p = base + s;
            return BLOCK_DONE;
        }
        unsigned e = (unsigned)__builtin_ctzll(ends);
        if ((m->bad_ends >> e) & 1) {
            *resume = base + s;
            return BLOCK_STOP;
        }
        uint64_t kind = ((m->latin_starts >> s) & 1) * ARABICTEXT_TOKEN_KIND_LATIN
                      | ((m->digit_starts >> s) & 1) * ARABICTEXT_TOKEN_KIND_NUMBER
                      | ((m->punctuation_starts >> s) & 1) * ARABICTEXT_TOKEN_KIND_PUNCTUATION;
        tokens[(*n)++] = pack_token(base + s, e - s, kind);
        if (*n == capacity) {
            *resume = base + e;
            return BLOCK_FULL;
        }
        starts &= starts - 1;
        ends &= ends - 1;
    }
    if (stop < width && stop < left) {
        *resume = base + stop;
        return BLOCK_STOP;
    }
    *p = base + (left < width ? left : width);
    return BLOCK_DONE;
}

/// The masks of a block from the class flags of its bytes (`flag_*`: bit i
/// set when byte i has that ARABICTEXT_TOKEN_* flag; two-byte characters have
/// their flags on the lead), `two_byte` the leads of two-byte characters the
/// tables know, `same_next` bytes equal to the byte after them,
/// `same_two_after` leads followed by the same two-byte character, `valid` the
/// bytes inside the text, `end` the bit of the text's end (0 if beyond).
static inline void make_masks(block_masks *m, uint64_t skip, uint64_t ends_arabic, uint64_t punctuation,
                              uint64_t latin, uint64_t digit, uint64_t word_lead, uint64_t letter,
                              uint64_t two_byte, uint64_t same_next, uint64_t same_two_after,
                              uint64_t valid, uint64_t end) {
    uint64_t word = word_lead | word_lead << 1;
    uint64_t punctuation_one = punctuation & ~two_byte;
    uint64_t punctuation_two = punctuation & two_byte;
    // A run of the same one-byte punctuation character is one token.
    uint64_t same_before = (same_next & punctuation_one) << 1;
    uint64_t arabic_starts = word & ~(word << 1);
    uint64_t latin_starts = latin & ~(latin << 1);
    uint64_t digit_starts = digit & ~(digit << 1);
    uint64_t punctuation_starts = (punctuation_one & ~same_before) | punctuation_two;
    m->starts = arabic_starts | latin_starts | digit_starts | punctuation_starts;
    uint64_t arabic_ends = ~word & (word << 1);
    uint64_t run_ends = (~latin & (latin << 1)) | (~digit & (digit << 1));
    m->ends = arabic_ends | run_ends | ((punctuation_one & ~same_next) << 1) | (punctuation_two << 2);
    m->bad_ends = (arabic_ends & ~(ends_arabic | end)) | (run_ends & ~(skip | end));
    uint64_t covered = skip | word | latin | digit | punctuation_one | punctuation_two | punctuation_two << 1;
    m->stops = (valid & ~covered) | (arabic_starts & ~letter) | (punctuation_two & same_two_after);
    m->latin_starts = latin_starts;
    m->digit_starts = digit_starts;
    m->punctuation_starts = punctuation_starts;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#define TARGET_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,avx2,bmi,bmi2")))
#define TARGET_AVX2 __attribute__((target("avx2,bmi,bmi2")))

TARGET_AVX512
static size_t scan_avx512(const uint8_t *text, size_t count, size_t position,
                          const arabictext_token_classes *classes, uint64_t *tokens, size_t capacity,
                          size_t *resume, int *handed_over) {
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
        if (n > 0 && capacity - n < ARABICTEXT_TOKEN_SCAN_BLOCK_ROOM) {
            // Room for fewer tokens than a block may hold: stop between blocks
            // rather than in one, which the next call would classify again.
            *resume = p;
            *handed_over = 0;
            return n;
        }
        size_t left = count - p;
        uint64_t valid = left >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << left) - 1;
        uint64_t valid_next = left - 1 >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << (left - 1)) - 1;
        uint64_t valid_after = left < 2 ? 0 : left - 2 >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << (left - 2)) - 1;
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

        // Bytes equal to the next one; leads followed by the same two-byte character.
        uint64_t same_next = _mm512_cmpeq_epi8_mask(b, next) & valid_next;
        __m512i after = _mm512_maskz_loadu_epi8(valid_after, text + p + 2);
        uint64_t same_two = _mm512_cmpeq_epi8_mask(b, after) & valid_after;
        uint64_t same_two_after = same_two & same_two >> 1;

        block_masks m;
        make_masks(&m,
                   _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_SKIP)),
                   _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_ENDS_ARABIC_WORD)),
                   _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_STARTS_PUNCTUATION)),
                   _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_LATIN_LETTER)),
                   _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_DIGIT)),
                   _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_ARABIC_WORD)),
                   _mm512_test_epi8_mask(flags, _mm512_set1_epi8(ARABICTEXT_TOKEN_ARABIC_LETTER)),
                   lead_arabic | lead_latin1, same_next, same_two_after, valid,
                   left < 64 ? (uint64_t)1 << left : 0);

        switch (read_block(&p, left, 64, &m, tokens, &n, capacity, resume)) {
        case BLOCK_DONE: break;
        case BLOCK_FULL: *handed_over = 0; return n;
        case BLOCK_STOP: *handed_over = 1; return n;
        }
    }
    *resume = count;
    *handed_over = 1;
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
                             size_t capacity, size_t *resume, int *handed_over) {
    *handed_over = 1;
    if (capacity == 0 || position >= count) {
        *resume = position < count ? position : count;
        return 0;
    }
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    int best = arabictext_kernel_level_detected();
    if (level > best) level = best;
    if (level >= ARABICTEXT_KERNEL_LEVEL_AVX512) {
        return scan_avx512(text, count, position, classes, tokens, capacity, resume, handed_over);
    }
#else
    (void)level;
    (void)classes;
    (void)tokens;
#endif
    *resume = position;
    return 0;
}
