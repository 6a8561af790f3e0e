/*
 * arabictext.h: the C interface of ArabicText (libArabicTextC.so).
 *
 * Batches of UTF-8 texts go in; results come out in flat arrays. Every
 * function is thread-safe and never aborts on bad input: it returns a status
 * code, and at_last_error() / at_last_error_item() say what was wrong and with
 * which item of the batch. No Swift type crosses this interface.
 *
 * Memory:
 *   - Inputs are only read during the call; the caller keeps ownership.
 *   - Results whose size the caller knows (MinHash signatures, per-document
 *     duplicate results) are written into arrays the caller provides.
 *   - Results of variable size (at_texts, at_tokens, at_line_groups) are
 *     allocated by the library; release each with its free function
 *     (at_texts_free, ...) exactly once. The free functions accept a zeroed or
 *     already freed struct, and zero it.
 *
 * Layout: every field of every struct here is 8 bytes (int64_t, uint64_t,
 * double or a pointer), so field k sits at byte offset 8 * k on the 64-bit
 * platforms this library supports.
 *
 * Threads: the `threads` argument of a call is the number of threads it may
 * use; 0 means one per active processor. Results never depend on it.
 */
#ifndef ARABICTEXT_H
#define ARABICTEXT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this interface; at_abi_version() returns the library's. */
#define AT_ABI_VERSION 1

/* ---- Status codes and errors ---------------------------------------- */

typedef int32_t at_status;

#define AT_OK 0
/* An argument is invalid: a NULL pointer with a nonzero length, an option
 * value out of range, offsets that decrease or leave the data. */
#define AT_ERROR_ARGUMENT 1
/* An item of the batch is not well-formed UTF-8 (at_last_error_item() names it). */
#define AT_ERROR_INVALID_UTF8 2
/* An item of the batch is null in the validity bitmap (at_last_error_item() names it). */
#define AT_ERROR_NULL_ITEM 3
/* An item or a result is too large (tokenize: an item of 4 GiB or more). */
#define AT_ERROR_TOO_LARGE 4
/* Memory for a result could not be allocated. */
#define AT_ERROR_NO_MEMORY 5

/* The message of the last call that failed on the calling thread ("" if none):
 * "item 3: invalid UTF-8 at byte 17 (missing continuation byte)". The pointer
 * stays valid until the next failing call on this thread. */
const char *at_last_error(void);

/* The batch item the last failed call on the calling thread named, or -1. */
int64_t at_last_error_item(void);

/* ---- Versions and names --------------------------------------------- */

/* The library's version, e.g. "0.1.0" (a static string). */
const char *at_version(void);

/* The interface version the library implements (AT_ABI_VERSION of its header). */
int64_t at_abi_version(void);

/* ---- Batches of texts (input) --------------------------------------- */

/* item i is data[offsets[i] .. offsets[i+1]) with int32_t offsets (Arrow's string layout) */
#define AT_LAYOUT_OFFSETS32 1
/* the same with int64_t offsets (Arrow's large_string layout) */
#define AT_LAYOUT_OFFSETS64 2
/* item i is pointers[i][0 .. lengths[i]) */
#define AT_LAYOUT_POINTERS 3

typedef struct at_batch {
    int64_t layout;               /* AT_LAYOUT_* */
    int64_t count;                /* number of items */
    const uint8_t *data;          /* OFFSETS32/64: the bytes of the items */
    int64_t data_length;          /* OFFSETS32/64: bytes in data */
    const void *offsets;          /* OFFSETS32/64: count + 1 offsets, non-decreasing, within [0, data_length] */
    const uint8_t *const *pointers; /* POINTERS: count pointers (NULL allowed for empty items) */
    const int64_t *lengths;       /* POINTERS: count lengths in bytes */
    const uint8_t *validity;      /* optional Arrow validity bitmap (bit i, LSB first; 0 = null item), or NULL */
    int64_t validity_offset;      /* bit of item 0 in validity (an Arrow array's offset) */
} at_batch;

/* ---- Normalization --------------------------------------------------- */

/* The normalization rules: their number, each one's name as the library spells
 * it ("tashkeel", "daggerAlef", ...; NULL outside 0..count-1) and its bit. */
int64_t at_normalization_rule_count(void);
const char *at_normalization_rule_name(int64_t index);
uint32_t at_normalization_rule_bit(int64_t index);

/* The rule bits of a preset: "search", "lucene", "light" or "none". */
at_status at_normalization_preset(const char *name, uint32_t *rules);

/* Texts made by the library: item i is data[offsets[i] .. offsets[i+1]). */
typedef struct at_texts {
    int64_t count;
    uint8_t *data;
    int64_t data_length;
    int64_t *offsets;             /* count + 1 offsets, offsets[0] == 0 */
} at_texts;

/* Releases a result of at_normalize or at_stem and zeroes it. */
void at_texts_free(at_texts *texts);

/* Normalizes every text with the rules whose bits are set in `rules`
 * (see at_normalization_rule_bit); the same as `arabic-text normalize`. */
at_status at_normalize(const at_batch *texts, uint32_t rules, int64_t threads, at_texts *result);

/* ---- Tokenization ---------------------------------------------------- */

#define AT_TOKENIZE_URLS 1        /* keep URLs whole */
#define AT_TOKENIZE_EMAILS 2      /* keep e-mail addresses whole */
#define AT_TOKENIZE_HASHTAGS 4    /* keep #hashtags and @mentions whole */
#define AT_TOKENIZE_JOIN_DIGITS 8 /* digits against letters stay in the word (G20) */
#define AT_TOKENIZE_DEFAULT 15

#define AT_KIND_ARABIC 0
#define AT_KIND_LATIN 1
#define AT_KIND_NUMBER 2
#define AT_KIND_PUNCTUATION 3
#define AT_KIND_OTHER 4

#define AT_TAG_NONE 0
#define AT_TAG_HASHTAG 1
#define AT_TAG_MENTION 2
#define AT_TAG_URL 3
#define AT_TAG_EMAIL 4

/* Tokens of a batch: those of document d are d_offsets[d] .. d_offsets[d+1]. */
typedef struct at_tokens {
    int64_t document_count;
    int64_t token_count;
    int64_t *document_offsets;    /* document_count + 1 */
    uint32_t *starts;             /* byte offset of the token in its document */
    uint32_t *ends;               /* byte offset one past its end */
    uint8_t *kinds;               /* AT_KIND_* */
    uint8_t *tags;                /* AT_TAG_* */
} at_tokens;

/* Releases a result of at_tokenize and zeroes it. */
void at_tokens_free(at_tokens *tokens);

/* Tokenizes every text (flags: AT_TOKENIZE_*). Items must be under 4 GiB. */
at_status at_tokenize(const at_batch *texts, uint32_t flags, int64_t threads, at_tokens *result);

/* ---- Stemming -------------------------------------------------------- */

#define AT_STEM_LUCENE 0          /* Lucene's Arabic light stemmer (with its normalizer) */
#define AT_STEM_SNOWBALL 1        /* Snowball Arabic */
#define AT_STEM_ISRI 2            /* NLTK's ISRI */
#define AT_STEM_NONE 3            /* the word unchanged */

/* The stem of every word (each item is one word), as `arabic-text stem --per-line`. */
at_status at_stem(const at_batch *words, int64_t algorithm, int64_t threads, at_texts *result);

/* ---- Near duplicates ------------------------------------------------- */

#define AT_SKETCH_ONE_PERMUTATION 0
#define AT_SKETCH_CLASSIC 1
#define AT_REPRESENTATIVE_LONGEST 0
#define AT_REPRESENTATIVE_FIRST 1
#define AT_GROUPING_CONNECTED 0
#define AT_GROUPING_CENTER 1

typedef struct at_duplicate_options {
    double threshold;             /* Jaccard similarity of shingle sets, in (0, 1] */
    int64_t shingle_size;         /* words per shingle, 1..16 */
    int64_t hash_count;           /* MinHash values per signature, 1..4096 */
    uint64_t seed;                /* seed of every hash */
    int64_t sketch;               /* AT_SKETCH_* */
    uint64_t normalization;       /* rule bits applied before shingling */
    int64_t bands;                /* LSH bands and rows: both 0 to derive them from the threshold */
    int64_t rows;
    int64_t representative;       /* AT_REPRESENTATIVE_* */
    int64_t grouping;             /* AT_GROUPING_* */
} at_duplicate_options;

/* Fills `options` with the defaults of `arabic-text dedup`. */
void at_duplicate_options_init(at_duplicate_options *options);

/* MinHash signatures of the texts' word shingles: count x hash_count values,
 * row by row, into `signatures` (room for `capacity` values). */
at_status at_minhash(const at_batch *texts, const at_duplicate_options *options, int64_t threads,
                     uint32_t *signatures, int64_t capacity);

#define AT_ROLE_UNIQUE 0          /* no duplicate */
#define AT_ROLE_REPRESENTATIVE 1  /* stands for its group */
#define AT_ROLE_EXACT 2           /* same normalized words as the representative */
#define AT_ROLE_NEAR 3            /* near duplicate in the group */

/* Per-document results in arrays of `count` items that the caller provides
 * (any may be NULL); group_count and candidate_pair_count are written by the call. */
typedef struct at_duplicate_result {
    int64_t *cluster;             /* cluster number from 0 (`dedup --format jsonl` "cluster" minus 1) */
    int64_t *group;               /* index of its duplicate group, -1 when unique */
    int64_t *representative;      /* the document standing for its group (itself when unique) */
    double *similarity;           /* Jaccard similarity to the representative (1 when unique) */
    uint8_t *role;                /* AT_ROLE_* */
    int64_t group_count;          /* out: number of groups of two or more documents */
    int64_t candidate_pair_count; /* out: pairs the LSH bands proposed */
} at_duplicate_result;

/* Exact and near-duplicate documents, as `arabic-text dedup`. */
at_status at_find_duplicates(const at_batch *texts, const at_duplicate_options *options, int64_t threads,
                             at_duplicate_result *result);

/* ---- Repeated lines -------------------------------------------------- */

typedef struct at_repeated_line_options {
    uint64_t normalization;       /* rule bits applied to each line */
    int64_t near_repeats;         /* 0: exact repeats only */
    int64_t minimum_words;        /* fewest words of a near repeat, >= 1 */
    double maximum_edit_fraction; /* word edits allowed, fraction of the shorter line, in [0, 1] */
    double minimum_coverage;      /* least fraction of the longer line covered, in [0, 1] */
    int64_t maximum_words;        /* longest line compared for near repeats, 1..100000 */
} at_repeated_line_options;

/* Fills `options` with the defaults of `arabic-text dedup --lines`. */
void at_repeated_line_options_init(at_repeated_line_options *options);

#define AT_LINE_EXACT 0
#define AT_LINE_NEAR 1

/* Groups of repeated lines: the lines of group g are group_offsets[g] .. group_offsets[g+1]. */
typedef struct at_line_groups {
    int64_t group_count;
    int64_t line_count;
    int64_t *group_offsets;       /* group_count + 1 */
    int64_t *documents;           /* document (batch item) of each line */
    int64_t *lines;               /* line number from 1 (text split on line feeds) */
    uint8_t *kinds;               /* AT_LINE_* */
} at_line_groups;

/* Releases a result of at_find_repeated_lines and zeroes it. */
void at_line_groups_free(at_line_groups *groups);

/* Lines repeated within and across the texts, as `arabic-text dedup --lines`. */
at_status at_find_repeated_lines(const at_batch *texts, const at_repeated_line_options *options, int64_t threads,
                                 at_line_groups *result);

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
_Static_assert(sizeof(at_batch) == 9 * 8, "at_batch: 8-byte fields");
_Static_assert(sizeof(at_texts) == 4 * 8, "at_texts: 8-byte fields");
_Static_assert(sizeof(at_tokens) == 7 * 8, "at_tokens: 8-byte fields");
_Static_assert(sizeof(at_duplicate_options) == 10 * 8, "at_duplicate_options: 8-byte fields");
_Static_assert(sizeof(at_duplicate_result) == 7 * 8, "at_duplicate_result: 8-byte fields");
_Static_assert(sizeof(at_repeated_line_options) == 6 * 8, "at_repeated_line_options: 8-byte fields");
_Static_assert(sizeof(at_line_groups) == 6 * 8, "at_line_groups: 8-byte fields");
#endif

#ifdef __cplusplus
}
#endif

#endif /* ARABICTEXT_H */
