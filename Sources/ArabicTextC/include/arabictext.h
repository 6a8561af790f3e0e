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
 *
 * Handles: fitted models, duplicate archives and similarity indexes live in
 * the library behind opaque handles (at_tfidf_model, at_duplicate_index,
 * at_similarity_index), valid from the call that makes one until its free
 * function. Every call checks its handle against the live ones, so a freed,
 * made-up or wrongly typed handle is AT_ERROR_ARGUMENT, never a crash. A
 * handle may be used by several threads at once (an archive serializes its
 * additions against its queries).
 */
#ifndef ARABICTEXT_H
#define ARABICTEXT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this interface; at_abi_version() returns the library's. */
#define AT_ABI_VERSION 11

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
/* A file could not be read or written, or is not a valid model / archive file. */
#define AT_ERROR_FILE 6

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
/* Items as code units (Python's internal string forms), accepted by at_minhash
 * and at_find_duplicates only: pointers, lengths in code units and widths
 * (per item 0: UTF-8 bytes, 1: Latin-1, 2: UCS-2, 4: UCS-4; native byte order);
 * the library writes each item as UTF-8 while reading it, and reports a
 * surrogate as AT_ERROR_INVALID_UTF8 naming the item and the character. */
#define AT_LAYOUT_CODE_UNITS 4

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
    const uint8_t *widths;        /* CODE_UNITS: count code-unit widths (read for that layout only) */
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

/* Releases an at_texts made by the library (at_normalize, at_stem, at_stem_distinct, ...) and zeroes it. */
void at_texts_free(at_texts *texts);

/* Copies the items into `out` (room for data_length + count - 1 bytes) with
 * `separator` between them, for callers that split a buffer at once
 * (Python's str.split); AT_ERROR_ARGUMENT naming the item that holds the separator. */
at_status at_texts_join(const at_texts *texts, uint8_t separator, uint8_t *out, int64_t capacity);

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

/* The same stems, each distinct word stemmed once: `result` holds the stems
 * of the distinct words (compared byte for byte) in order of first
 * occurrence, and numbers[i] (room for `capacity` >= words->count values)
 * the index in `result` of the stem of item i. */
at_status at_stem_distinct(const at_batch *words, int64_t algorithm, int64_t threads, at_texts *result,
                           int64_t *numbers, int64_t capacity);

/* The stems of `count` words given as one UTF-16LE buffer of `unit_count`
 * (at most INT32_MAX) code units, the words separated by U+0000 (a
 * binding's strings joined with NUL and encoded at once). `result` holds
 * the distinct stems (compared byte for byte) in order of first occurrence,
 * and numbers[i] the index in `result` of the stem of word i: the stem
 * at_stem_distinct gives for it. Words are compared code unit for code
 * unit; only the distinct ones are converted to UTF-8 (AT_ERROR_INVALID_UTF8
 * naming the first word with a lone surrogate) and stemmed, on the calling
 * thread (`threads` is checked, not used). AT_ERROR_ARGUMENT when the
 * separators do not give `count` words (reported when the text is read that
 * far: a lone surrogate before that point is reported instead). */
at_status at_stem_distinct_utf16(const uint16_t *units, int64_t unit_count, int64_t count, int64_t algorithm,
                                 int64_t threads, at_texts *result, int64_t *numbers, int64_t capacity);

/* ---- Near duplicates ------------------------------------------------- */

#define AT_SKETCH_ONE_PERMUTATION 0
#define AT_SKETCH_CLASSIC 1
#define AT_REPRESENTATIVE_LONGEST 0
#define AT_REPRESENTATIVE_FIRST 1
#define AT_GROUPING_CONNECTED 0
#define AT_GROUPING_CENTER 1
#define AT_GROUPING_STAR 2            /* the default */

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
    double containment;           /* share of the smaller shingle set inside the larger at or above which
                                     it is contained, in (0, 1]; 0: near duplicates only (default 0.8) */
    int64_t boilerplate_documents; /* lines of at least this many texts are left out of the comparison;
                                      0: every line kept (default 10) */
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
#define AT_ROLE_CONTAINED_IN 4    /* contained in the representative */
#define AT_ROLE_CONTAINS 5        /* holds the representative, and more text */

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
    uint8_t *removed_as;          /* AT_REMOVED_*: what `dedup --write-unique` does with it (0: kept) */
    int64_t *copy_of;             /* the kept document a removed one copies; -1 when kept */
    double *copy_similarity;      /* its Jaccard similarity to copy_of (1 for exact copies); NaN when kept */
    int64_t kept_count;           /* out: documents `dedup --write-unique` keeps */
    double *containment;          /* share of the smaller shingle set inside the other, with the representative (1 when unique) */
    double *copy_containment;     /* for a document removed as contained: its share inside copy_of; NaN otherwise */
} at_duplicate_result;

#define AT_REMOVED_NONE 0         /* kept */
#define AT_REMOVED_EXACT 1        /* same normalized words as a kept document */
#define AT_REMOVED_NEAR 2         /* verified Jaccard similarity at or above the threshold to a kept document */
#define AT_REMOVED_ARCHIVE 3      /* already in the archive */
#define AT_REMOVED_CONTAINED 4    /* contained in a kept document (at_duplicate_options.containment) */

/* Exact and near-duplicate documents, as `arabic-text dedup`, with the kept
 * set of `arabic-text dedup --write-unique` (every removed document is an
 * exact copy, a verified near copy or a verified contained part of a kept
 * one; at_kept_selection). */
at_status at_find_duplicates(const at_batch *texts, const at_duplicate_options *options, int64_t threads,
                             at_duplicate_result *result);

/* ---- Sketches for distributed duplicate detection -------------------- */

/* What at_sketch_documents computes besides fingerprints and word counts. */
#define AT_SKETCHES_SIGNATURES 1    /* MinHash signatures */
#define AT_SKETCHES_BAND_KEYS 2     /* LSH band keys */
#define AT_SKETCHES_SHINGLE_SETS 4  /* distinct shingle hashes, increasing */
#define AT_SKETCHES_ALL 7

/* Per-document sketches, in library memory until at_document_sketches_free.
 * Arrays of parts not asked for are NULL (and their counts 0). */
typedef struct at_document_sketches {
    int64_t document_count;
    int64_t hash_count;           /* signature values per document (0: not asked) */
    int64_t band_count;           /* band keys per document (0: not asked) */
    uint64_t *fingerprints;       /* 2 per document: high, then low 64 bits of the 128-bit fingerprint
                                     of its normalized words (equal for exact copies) */
    int64_t *word_counts;         /* per document: its number of normalized words */
    uint32_t *signatures;         /* hash_count per document, document after document */
    uint64_t *band_keys;          /* band_count per document: the key of band b at b (64 bits; store
                                     them as signed 64-bit integers bit for bit where unsigned ones do not fit) */
    int64_t shingle_count;        /* distinct shingles of all documents */
    int64_t *shingle_offsets;     /* document_count + 1: document d's set is shingles[o[d] .. o[d+1]) */
    uint64_t *shingles;           /* each document's distinct shingle hashes, increasing */
} at_document_sketches;

/* Releases a result of at_sketch_documents and zeroes it. */
void at_document_sketches_free(at_document_sketches *sketches);

/* What duplicate detection (at_find_duplicates, `arabic-text dedup`) computes
 * of each text, for a caller that groups documents itself, across machines:
 * the fingerprint and word count of every text and, as `parts` asks
 * (AT_SKETCHES_* bits), its MinHash signature, the keys of its LSH bands
 * (options' bands and rows, derived from the threshold when 0) and its set
 * of shingle hashes for the exact Jaccard similarity |A n B| / |A u B|.
 * With the library's rules on top of these: equal fingerprints are exact
 * copies once their at_canonical_texts are equal; the first document of each
 * set of equal fingerprints that has words goes into the bands; two of those
 * sharing (band, key) are a candidate pair, a near duplicate when the Jaccard
 * similarity of their sets reaches the threshold. */
at_status at_sketch_documents(const at_batch *texts, const at_duplicate_options *options, int64_t parts,
                              int64_t threads, at_document_sketches *result);

/* The normalized words of every text joined by single spaces: what two texts
 * with equal fingerprints must share byte for byte to be exact copies. Free
 * with at_texts_free. */
at_status at_canonical_texts(const at_batch *texts, const at_duplicate_options *options, int64_t threads,
                             at_texts *result);

/* The exact Jaccard similarity |A n B| / |A u B| (1 for two empty sets) of
 * `count` pairs of shingle sets, as at_find_duplicates verifies a candidate
 * pair: pair p is the set values_a[offsets_a[p] .. offsets_a[p+1]) and the
 * set values_b[offsets_b[p] .. offsets_b[p+1]), each increasing without
 * repeats (as at_sketch_documents gives them); similarities[p] receives its
 * similarity. Offsets that decrease or leave the values, or a set that does
 * not increase, are AT_ERROR_ARGUMENT naming the pair. */
at_status at_jaccard_pairs(int64_t count, const int64_t *offsets_a, const uint64_t *values_a, int64_t length_a,
                           const int64_t *offsets_b, const uint64_t *values_b, int64_t length_b, int64_t threads,
                           double *similarities);

/* The kept set of `arabic-text dedup --write-unique` from the parts of a
 * duplicate report, for a caller that finds them itself (across machines):
 * documents 0 .. count-1 in input order, each with the first document of its
 * set of exact copies (exact_heads[d] <= d, a head being its own head) and
 * its number of normalized words; the groups' representatives; the verified
 * near pairs (pair_first[p], pair_second[p], pair_similarity[p]) between
 * heads; archive_copies (NULL: none) flags documents already in an archive;
 * representative_choice is the AT_REPRESENTATIVE_* that chose the
 * representatives. Kept: each exact-copy set keeps one member (the
 * representative when in it), representatives' sets first, then the other
 * sets in the order of the representative choice, each kept unless a pair
 * joins it to a set already kept. Writes (any output may be NULL) removed_as
 * (AT_REMOVED_*), copy_of (-1 when kept) and copy_similarity (NaN when kept).
 * Documents that no chain of exact copies and pairs joins do not affect each
 * other: the call over a union of whole connected components, numbered in
 * their input order, gives what the call over the whole corpus gives them. */
at_status at_kept_selection(int64_t count, const int64_t *exact_heads, const int64_t *word_counts,
                            int64_t representative_count, const int64_t *representatives,
                            int64_t pair_count, const int64_t *pair_first, const int64_t *pair_second,
                            const double *pair_similarity, const uint8_t *archive_copies,
                            int64_t representative_choice, uint8_t *removed_as, int64_t *copy_of,
                            double *copy_similarity);

/* ---- Duplicate detection step by step, across machines ---------------- */

/* at_find_duplicates one step at a time, for a caller that spreads the steps
 * over machines (arabictext.spark) and must get exactly its groups and kept
 * set. Each step runs the library's own code on the documents it is given:
 *
 *  1. at_sketch_documents: fingerprints, word counts, band keys of the
 *     banding at_candidate_banding names (pass its bands and rows);
 *     at_line_fingerprints: each document's distinct line fingerprints.
 *     The caller counts each fingerprint over the corpus (once per
 *     document) and keeps those of at least options.boilerplate_documents
 *     documents: the boilerplate lines (none when that is 0).
 *  2. Exact copies by fingerprint and at_canonical_texts; each document's
 *     head (the first of its set). Heads with words sharing a (band, key)
 *     are the candidate pairs.
 *  3. at_verification_sets of the documents in candidate pairs, with the
 *     boilerplate lines; at_verify_pairs on each candidate pair.
 *  4. Connected components of the exact copies and related pairs; for each
 *     component (or a union of them, numbered in input order),
 *     at_group_verified: groups, representatives, roles and kept set. */

/* The banding whose shared (band, key) make candidate pairs: the options'
 * bands and rows without containment, else one tuned for contained
 * documents too (64 x 2 with 128 values); either output may be NULL. */
at_status at_candidate_banding(const at_duplicate_options *options, int64_t *bands, int64_t *rows);

/* Lists of 64-bit values in library memory until at_hash_lists_free: list t
 * is values[offsets[t] .. offsets[t+1]). */
typedef struct at_hash_lists {
    int64_t count;                /* number of lists (one per text) */
    int64_t value_count;
    int64_t *offsets;             /* count + 1, offsets[0] == 0 */
    uint64_t *values;
} at_hash_lists;

/* Releases a result of at_line_fingerprints, at_verification_sets or at_shingle_hashes and zeroes it. */
void at_hash_lists_free(at_hash_lists *lists);

/* Each text's distinct line fingerprints, increasing: the lines that have
 * words, each known by its normalized words (punctuation and spacing aside),
 * as at_find_duplicates counts them to find boilerplate lines (the options'
 * normalization and seed). */
at_status at_line_fingerprints(const at_batch *texts, const at_duplicate_options *options, int64_t threads,
                               at_hash_lists *result);

/* Each text's shingle set as at_find_duplicates verifies candidates with it:
 * distinct shingle hashes, increasing, the lines whose fingerprints are among
 * the `boilerplate_count` values of `boilerplate` (any order; read during the
 * call) left out, unless fewer than 10 distinct shingles would be left (the
 * text then keeps every line). With no boilerplate, the sets of
 * at_sketch_documents. */
at_status at_verification_sets(const at_batch *texts, const at_duplicate_options *options, const uint64_t *boilerplate,
                               int64_t boilerplate_count, int64_t threads, at_hash_lists *result);

#define AT_RELATION_NONE 0        /* neither near nor contained */
#define AT_RELATION_NEAR 1        /* Jaccard similarity at or above the threshold */
#define AT_RELATION_CONTAINED 2   /* not near; the smaller set (ties: set a) is at least options.containment
                                     inside the other, sharing at least 10 shingles */

/* Verifies `count` candidate pairs as at_find_duplicates does: pair p is the
 * set values_a[offsets_a[p] .. offsets_a[p+1]) and the set values_b[...] (as
 * at_verification_sets makes them: increasing, without repeats; a pair's
 * first set is the lower document number's). Writes (either output may be
 * NULL, not both) relations[p] (AT_RELATION_*) and shared[p], the number of
 * shingles the two share, -1 when they are unrelated (the comparison stops
 * once they cannot be related). */
at_status at_verify_pairs(const at_duplicate_options *options, int64_t count, const int64_t *offsets_a,
                          const uint64_t *values_a, int64_t length_a, const int64_t *offsets_b, const uint64_t *values_b,
                          int64_t length_b, int64_t threads, int64_t *shared, uint8_t *relations);

/* The groups and kept set of documents 0 .. count-1 (in input order) from
 * their verified pairs, as at_find_duplicates makes them: each document's
 * exact-copy head (exact_heads[d] <= d, a head being its own head) and word
 * count; the related pairs between heads (pair_first[p], pair_second[p], the
 * shingles they share and the sizes of their verification sets; pairs that
 * are not related at these options are ignored). When the documents are
 * whole connected components of a corpus's exact copies and related pairs,
 * numbered in the corpus's order, every per-document result equals
 * at_find_duplicates' on the corpus except the cluster and group numbers
 * (local here) and candidate_pair_count (0). Star and center grouping only
 * (options.grouping; connected grouping needs the sets of members and their
 * representatives): AT_ERROR_ARGUMENT otherwise. The inputs are read during
 * the call only. */
at_status at_group_verified(const at_duplicate_options *options, int64_t count, const int64_t *exact_heads,
                            const int64_t *word_counts, int64_t pair_count, const int64_t *pair_first,
                            const int64_t *pair_second, const int64_t *pair_shared, const int64_t *first_sizes,
                            const int64_t *second_sizes, at_duplicate_result *result);

/* ---- Duplicates from shingles given --------------------------------- */

#define AT_SHINGLES_HASHES 1      /* the shingles as 64-bit hashes */
#define AT_SHINGLES_BYTES 2       /* the shingles' bytes, each hashed once by the library */

/* Documents given as their shingles, read in place during the call (an Arrow
 * list<binary> or large_list<large_binary> column without a copy: its list
 * offsets, its child's offsets and data). Document d has the shingles
 * document_offsets[d] .. document_offsets[d+1]); with bytes, shingle s is
 * data[shingle_offsets[s] .. shingle_offsets[s+1]). Offsets are 4- or 8-byte
 * signed integers, need not start at 0, never decrease and stay within what
 * they index; a bad one is AT_ERROR_ARGUMENT naming the document or shingle
 * (at_last_error_item()). Fields a layout does not use are ignored. */
typedef struct at_shingle_documents {
    int64_t layout;               /* AT_SHINGLES_* */
    int64_t document_count;
    const void *document_offsets; /* document_count + 1 shingle indices, within [0, shingle_count] */
    int64_t document_offset_width; /* 4 (int32: Arrow list) or 8 (int64: large_list, numpy int64) */
    int64_t shingle_count;        /* hashes, or shingles in data */
    const uint64_t *hashes;       /* HASHES: shingle_count hashes (any alignment) */
    const uint8_t *data;          /* BYTES: the shingles' bytes (any bytes) */
    int64_t data_length;          /* BYTES: bytes in data */
    const void *shingle_offsets;  /* BYTES: shingle_count + 1 byte offsets, within [0, data_length] */
    int64_t shingle_offset_width; /* BYTES: 4 (Arrow binary) or 8 (large_binary, numpy int64) */
} at_shingle_documents;

/* Exact and near-duplicate documents given as their shingles: what
 * at_find_duplicates does after shingling, by the same code. Shingles given
 * as bytes are hashed once each (the library's 64-bit byte hash, seeded with
 * options.seed); signatures (options.hash_count values, one-permutation
 * hashing unless options.sketch says classic), LSH candidates among the heads
 * of exact copies (options' banding, or the containment banding), each
 * candidate verified by the exact Jaccard similarity and containment of the
 * two shingle sets, and groups, roles, representatives and kept set as
 * at_find_duplicates writes them into `result`. From shingles: two documents
 * are exact copies when their shingle sequences are equal; a document's
 * length (the longest representative) is its number of shingles; lines are
 * unknown, so options.boilerplate_documents, shingle_size and normalization
 * are not used. Our own shingle hashes (at_shingle_hashes) give exactly
 * at_find_duplicates' result with boilerplate_documents = 0.
 * Cost: O(shingles + hash_count) per document for the signatures (plus the
 * bytes, hashed where read), on `threads` threads, then the candidates'
 * verification; the library holds 532 bytes per document (128 values) and
 * the sorted sets of candidate documents during the call, nothing after. */
at_status at_find_duplicates_in_shingles(const at_shingle_documents *shingles, const at_duplicate_options *options,
                                         int64_t threads, at_duplicate_result *result);

/* Each text's shingle hashes in text order, repeats included, as
 * at_find_duplicates makes them (options' shingle_size, seed and
 * normalization): list t of `result` (release with at_hash_lists_free) is
 * text t's. Cost: O(total bytes) on `threads` threads; 8 bytes per shingle. */
at_status at_shingle_hashes(const at_batch *texts, const at_duplicate_options *options, int64_t threads,
                            at_hash_lists *result);

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

/* ---- Analysis: texts to terms ---------------------------------------- */

#define AT_ANALYSIS_ARABIC 0      /* our chain: tokenize, normalize each token, drop stop words, stem */
#define AT_ANALYSIS_SKLEARN 1     /* scikit-learn's default analysis (lowercase, token pattern, char / char_wb rules) */

/* What features are made of, with scikit-learn's names (its `analyzer`). */
#define AT_ANALYZER_WORD 0
#define AT_ANALYZER_CHAR 1
#define AT_ANALYZER_CHAR_WB 2

#define AT_STOP_WORDS_NONE 0
#define AT_STOP_WORDS_DEFAULT 1   /* Arabic and English function words */
#define AT_STOP_WORDS_ARABIC 2    /* Arabic function words */
#define AT_STOP_WORDS_LIST 3      /* the items of stop_word_list */

/* Token kinds that become terms (AT_ANALYSIS_ARABIC). */
#define AT_TERMS_ARABIC 1
#define AT_TERMS_LATIN 2
#define AT_TERMS_NUMBER 4
#define AT_TERMS_OTHER 16         /* words of other scripts */
#define AT_TERMS_LINKS 32         /* URLs and e-mail addresses */
#define AT_TERMS_WORDS 23         /* words of every script and numbers: the default */

typedef struct at_analysis_options {
    int64_t style;                /* AT_ANALYSIS_* */
    uint64_t normalization;       /* arabic: rule bits applied to each token */
    int64_t stemming;             /* arabic: AT_STEM_* for Arabic words */
    int64_t stop_words;           /* arabic: AT_STOP_WORDS_* (normalized like the text) */
    const at_batch *stop_word_list; /* arabic, AT_STOP_WORDS_LIST: one word per item; read during the call */
    uint64_t kinds;               /* arabic: AT_TERMS_* bits */
    uint64_t tokenizer;           /* arabic: AT_TOKENIZE_* flags (default: URLs, e-mails, digits; hashtags split) */
    int64_t pre_tokenized;        /* arabic: 1 when each run of non-space characters is already a term */
    int64_t lowercase;            /* sklearn: 1 to lowercase as Python's str.lower() (scikit-learn's default) */
} at_analysis_options;

/* Fills `options` with the chain's defaults for features of `analyzer`
 * (AT_ANALYZER_*): the search preset, the default stop words, Lucene stems
 * for words and no stemming for characters, as `arabic-text tfidf`. */
void at_analysis_options_init(at_analysis_options *options, int64_t analyzer);

/* Terms of a batch: those of document d are term_offsets[document_offsets[d]]
 * .. up to term document_offsets[d+1]; term t is data[term_offsets[t] .. term_offsets[t+1]). */
typedef struct at_term_lists {
    int64_t document_count;
    int64_t term_count;
    int64_t *document_offsets;    /* document_count + 1, in terms */
    uint8_t *data;                /* the terms' UTF-8, back to back */
    int64_t data_length;
    int64_t *term_offsets;        /* term_count + 1, in bytes */
    uint8_t *sentence_starts;     /* per term: 1 when it starts a sentence (arabic) */
} at_term_lists;

/* Releases a result of at_terms and zeroes it. */
void at_term_lists_free(at_term_lists *terms);

/* The terms of every text, as `arabic-text terms` (`analysis` NULL: the
 * defaults for `analyzer`). With AT_ANALYSIS_SKLEARN, `analyzer` chooses the
 * rule: word tokens, the whole collapsed text (char), or the words between
 * white space (char_wb). */
at_status at_terms(const at_batch *texts, const at_analysis_options *analysis, int64_t analyzer, int64_t threads,
                   at_term_lists *result);

/* ---- TF-IDF ----------------------------------------------------------- */

#define AT_NORM_L2 0
#define AT_NORM_L1 1
#define AT_NORM_NONE 2

#define AT_ORDER_FIRST_OCCURRENCE 0 /* features numbered as first met, documents in order (the command line's) */
#define AT_ORDER_BYTES 1            /* features numbered in byte order = code point order (scikit-learn's) */

/* Features and weighting, with scikit-learn's names and formulas. */
typedef struct at_tfidf_options {
    int64_t analyzer;             /* AT_ANALYZER_* */
    int64_t ngram_min;            /* n-gram sizes, 1 <= ngram_min <= ngram_max <= 64 */
    int64_t ngram_max;
    int64_t crosses_sentences;    /* arabic: word n-grams may span sentences (sklearn always does) */
    int64_t hashed_bits;          /* 0: a vocabulary; 1..24: features hashed into 2^bits columns */
    int64_t sublinear_tf;         /* 1 + ln(tf) instead of tf */
    int64_t smooth_idf;           /* ln((1 + n) / (1 + df)) + 1 instead of ln(n / df) + 1 */
    int64_t use_idf;
    int64_t norm;                 /* AT_NORM_* */
    double min_df;                /* features in fewer documents are dropped: a count, or a fraction */
    int64_t min_df_is_fraction;   /* 1: min_df is a fraction in [0, 1] of the documents */
    double max_df;                /* features in more documents are dropped */
    int64_t max_df_is_fraction;
    int64_t max_features;         /* 0: no limit; else keep the most frequent (ties: byte order) */
    int64_t feature_order;        /* AT_ORDER_* */
} at_tfidf_options;

/* Fills `options` with the defaults of `arabic-text tfidf`: word 1- and
 * 2-grams, l2, smoothed idf, min_df 1, max_df 1.0, first-occurrence order. */
void at_tfidf_options_init(at_tfidf_options *options);

typedef struct at_tfidf_model at_tfidf_model;

#define AT_FLOAT64 0
#define AT_FLOAT32 1

/* A sparse matrix in CSR form (scipy's csr_matrix): the entries of row r are
 * indices/data[indptr[r] .. indptr[r+1]), columns increasing. The arrays live
 * in library memory until at_csr_free. */
typedef struct at_csr {
    int64_t row_count;
    int64_t column_count;
    int64_t nonzero_count;
    int64_t *indptr;              /* row_count + 1 */
    int32_t *indices;             /* nonzero_count column indices */
    void *data;                   /* nonzero_count values: double (AT_FLOAT64) or float (AT_FLOAT32) */
    int64_t value_type;           /* AT_FLOAT64 or AT_FLOAT32 */
    void *owner;                  /* the library's; released by at_csr_free */
} at_csr;

/* Releases a matrix of at_tfidf_fit or at_tfidf_transform and zeroes it. */
void at_csr_free(at_csr *matrix);

/* Fits a TF-IDF model on the texts (read in place) and makes a handle for it
 * in *model; with a non-NULL `matrix`, also the texts' matrix (values of
 * `value_type`). `analysis` NULL: the defaults for the options' analyzer.
 * The same model and matrix as `arabic-text tfidf` with the same settings. */
at_status at_tfidf_fit(const at_batch *texts, const at_analysis_options *analysis, const at_tfidf_options *options,
                       int64_t value_type, int64_t threads, at_tfidf_model **model, at_csr *matrix);

/* The matrix of new texts under a fitted model (unknown features are ignored). */
at_status at_tfidf_transform(const at_tfidf_model *model, const at_batch *texts, int64_t value_type, int64_t threads,
                             at_csr *matrix);

/* Releases a model handle; NULL and handles already released are ignored. */
void at_tfidf_free(at_tfidf_model *model);

/* A model's settings (the stop-word list as AT_STOP_WORDS_LIST with a NULL
 * list: see at_tfidf_stop_words), feature count and document count; any output may be NULL. */
at_status at_tfidf_info(const at_tfidf_model *model, at_analysis_options *analysis, at_tfidf_options *options,
                        int64_t *feature_count, int64_t *document_count);

/* The model's stop words (no items when it has none). Free with at_texts_free. */
at_status at_tfidf_stop_words(const at_tfidf_model *model, at_texts *words);

/* The feature names in column order (not for hashed features). Free with at_texts_free. */
at_status at_tfidf_features(const at_tfidf_model *model, at_texts *names);

/* Each feature's idf and document frequency into arrays of `capacity` values (either may be NULL). */
at_status at_tfidf_statistics(const at_tfidf_model *model, double *idf, int64_t *document_frequencies,
                              int64_t capacity);

/* Writes the model file (`arabic-text tfidf --save-model`'s format), atomically. */
at_status at_tfidf_save(const at_tfidf_model *model, const char *path);

/* Reads a model file (AT_ERROR_FILE with the reason when it cannot). */
at_status at_tfidf_load(const char *path, at_tfidf_model **model);

/* The model file's bytes as one item of `bytes` (free with at_texts_free), and back. */
at_status at_tfidf_serialize(const at_tfidf_model *model, at_texts *bytes);
at_status at_tfidf_deserialize(const uint8_t *data, int64_t length, at_tfidf_model **model);

/* ---- Duplicate archive ------------------------------------------------- */

typedef struct at_duplicate_index at_duplicate_index;

/* An empty archive whose documents are compared with `options` (at_duplicate_options_init). */
at_status at_duplicate_index_create(const at_duplicate_options *options, at_duplicate_index **index);

/* Reads an archive file (as `arabic-text dedup --index` writes it). */
at_status at_duplicate_index_open(const char *path, at_duplicate_index **index);

/* Writes the archive file, atomically. */
at_status at_duplicate_index_save(const at_duplicate_index *index, const char *path);

/* Releases an archive handle; NULL and handles already released are ignored. */
void at_duplicate_index_free(at_duplicate_index *index);

/* The archive's comparison settings (representative and grouping fields set
 * to their defaults) and its number of documents; either output may be NULL. */
at_status at_duplicate_index_info(const at_duplicate_index *index, at_duplicate_options *options, int64_t *count);

/* The ids of archived documents first .. first + count - 1, in the order added. Free with at_texts_free. */
at_status at_duplicate_index_ids(const at_duplicate_index *index, int64_t first, int64_t count, at_texts *ids);

/* Adds the texts' sketches with their ids (`ids` NULL: the document numbers
 * the texts get, "n", "n+1", ...). The archive keeps no text. */
at_status at_duplicate_index_add(at_duplicate_index *index, const at_batch *texts, const at_batch *ids,
                                 int64_t threads);

/* Matches of query q: query_offsets[q] .. query_offsets[q+1], best first (ties: document number). */
typedef struct at_index_matches {
    int64_t query_count;
    int64_t match_count;
    int64_t *query_offsets;       /* query_count + 1 */
    int64_t *documents;           /* archived document number (order added) */
    double *similarities;         /* 1 for an exact copy, else the Jaccard similarity estimated from the signatures */
    uint8_t *exact;               /* 1: the same normalized words (by fingerprint) */
} at_index_matches;

/* Releases a result of at_duplicate_index_query and zeroes it. */
void at_index_matches_free(at_index_matches *matches);

/* For each text, the archived documents that duplicate it: exact copies and
 * documents at or above the archive's threshold (estimated: the archive has
 * no texts to compare exactly); with best_only = 1, at most the best one
 * (the `archive_match` of `arabic-text dedup --index`). */
at_status at_duplicate_index_query(const at_duplicate_index *index, const at_batch *texts, int64_t best_only,
                                   int64_t threads, at_index_matches *result);

/* ---- Story clustering --------------------------------------------------- */

#define AT_CLUSTER_AVERAGE 0      /* average linkage over the sparse cosine graph (no chaining) */
#define AT_CLUSTER_COMPONENTS 1   /* connected components (single link) */

typedef struct at_cluster_options {
    double threshold;             /* cosine for an edge and least average similarity in a story, in (0, 1] */
    int64_t method;               /* AT_CLUSTER_* */
    int64_t top_feature_count;    /* top terms per story, 0..10000 */
    int64_t labels;               /* 0: none; 1: titles, and for stories of 2+ documents the top terms as the
                                     words they stand for (surface forms); 2: surface forms for every story */
} at_cluster_options;

/* Fills each non-NULL argument with the defaults of `arabic-text cluster`
 * (word unigrams, Lucene stems, stop words, sublinear TF, threshold 0.5). */
void at_cluster_options_init(at_cluster_options *options, at_analysis_options *analysis, at_tfidf_options *weighting);

#define AT_DUPLICATE_NONE 0
#define AT_DUPLICATE_EXACT 1      /* a copy of an earlier document */
#define AT_DUPLICATE_NEAR 2       /* a near duplicate of its group's representative */

/* Stories, largest first: the members of story s are members[member_offsets[s] .. member_offsets[s+1]),
 * most central first (the representative); its top terms are term_offsets[s] .. term_offsets[s+1],
 * term t being term_data[term_data_offsets[t] .. term_data_offsets[t+1]); its title is
 * title_data[title_offsets[s] .. title_offsets[s+1]) (empty without labels). */
typedef struct at_clusters {
    int64_t document_count;
    int64_t story_count;
    int64_t edge_count;           /* document pairs at or above the threshold */
    int64_t *story;               /* per document: its story (`cluster --format jsonl` "cluster" minus 1) */
    double *similarity;           /* per document: cosine to its story's centroid */
    uint8_t *duplicate;           /* per document: AT_DUPLICATE_* */
    int64_t *duplicate_of;        /* per document: the document it copies, or -1 */
    int64_t *member_offsets;      /* story_count + 1 */
    int64_t *members;             /* document_count */
    double *average_similarity;   /* per story: average cosine over its pairs (1 for one document) */
    uint8_t *title_data;
    int64_t *title_offsets;       /* story_count + 1 */
    int64_t *term_offsets;        /* story_count + 1 */
    uint8_t *term_data;
    int64_t *term_data_offsets;   /* terms + 1 */
    double *term_weights;         /* per term: its weight in the story's unit centroid */
} at_clusters;

/* Releases a result of at_cluster and zeroes it. */
void at_clusters_free(at_clusters *clusters);

/* The stories of a batch, as `arabic-text cluster`: TF-IDF (`analysis`,
 * `weighting`), duplicates (`duplicates` NULL: dedup's defaults with the
 * analysis's normalization) always together, average linkage. */
at_status at_cluster(const at_batch *texts, const at_analysis_options *analysis, const at_tfidf_options *weighting,
                     const at_duplicate_options *duplicates, const at_cluster_options *options, int64_t threads,
                     at_clusters *result);

/* ---- Similarity search -------------------------------------------------- */

typedef struct at_similarity_index at_similarity_index;

/* Weighs the texts with a model fitted on them and indexes them (`arabic-text similar`). */
at_status at_similarity_build(const at_batch *texts, const at_analysis_options *analysis,
                              const at_tfidf_options *weighting, int64_t threads, at_similarity_index **index);

/* Weighs the texts with a fitted model and indexes them. */
at_status at_similarity_build_with_model(const at_tfidf_model *model, const at_batch *texts, int64_t threads,
                                         at_similarity_index **index);

/* Releases an index handle; NULL and handles already released are ignored. */
void at_similarity_free(at_similarity_index *index);

/* The number of documents indexed, or -1 for a handle that is not a live index. */
int64_t at_similarity_count(const at_similarity_index *index);

/* Results of query q: query_offsets[q] .. query_offsets[q+1], best first (ties: document number). */
typedef struct at_scored_documents {
    int64_t query_count;
    int64_t result_count;
    int64_t *query_offsets;       /* query_count + 1 */
    int64_t *documents;
    double *scores;               /* cosine similarity */
} at_scored_documents;

/* Releases a result of at_similarity_query and zeroes it. */
void at_scored_documents_free(at_scored_documents *result);

/* The `top` documents most similar to each query; with fill_unrelated = 1,
 * documents sharing no feature follow with score 0, in order, up to `top`. */
at_status at_similarity_query(const at_similarity_index *index, const at_batch *queries, int64_t top,
                              int64_t fill_unrelated, int64_t threads, at_scored_documents *result);

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
_Static_assert(sizeof(at_batch) == 10 * 8, "at_batch: 8-byte fields");
_Static_assert(sizeof(at_texts) == 4 * 8, "at_texts: 8-byte fields");
_Static_assert(sizeof(at_tokens) == 7 * 8, "at_tokens: 8-byte fields");
_Static_assert(sizeof(at_duplicate_options) == 12 * 8, "at_duplicate_options: 8-byte fields");
_Static_assert(sizeof(at_duplicate_result) == 13 * 8, "at_duplicate_result: 8-byte fields");
_Static_assert(sizeof(at_document_sketches) == 10 * 8, "at_document_sketches: 8-byte fields");
_Static_assert(sizeof(at_hash_lists) == 4 * 8, "at_hash_lists: 8-byte fields");
_Static_assert(sizeof(at_shingle_documents) == 10 * 8, "at_shingle_documents: 8-byte fields");
_Static_assert(sizeof(at_repeated_line_options) == 6 * 8, "at_repeated_line_options: 8-byte fields");
_Static_assert(sizeof(at_line_groups) == 6 * 8, "at_line_groups: 8-byte fields");
_Static_assert(sizeof(at_analysis_options) == 9 * 8, "at_analysis_options: 8-byte fields");
_Static_assert(sizeof(at_term_lists) == 7 * 8, "at_term_lists: 8-byte fields");
_Static_assert(sizeof(at_tfidf_options) == 15 * 8, "at_tfidf_options: 8-byte fields");
_Static_assert(sizeof(at_csr) == 8 * 8, "at_csr: 8-byte fields");
_Static_assert(sizeof(at_index_matches) == 6 * 8, "at_index_matches: 8-byte fields");
_Static_assert(sizeof(at_cluster_options) == 4 * 8, "at_cluster_options: 8-byte fields");
_Static_assert(sizeof(at_clusters) == 16 * 8, "at_clusters: 8-byte fields");
_Static_assert(sizeof(at_scored_documents) == 5 * 8, "at_scored_documents: 8-byte fields");
#endif

#ifdef __cplusplus
}
#endif

#endif /* ARABICTEXT_H */
