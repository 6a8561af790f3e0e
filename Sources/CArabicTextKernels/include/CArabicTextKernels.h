// Byte kernels written in C with vector instructions, chosen at run time.
//
// Swift's SIMD types do not reach the byte shuffles, compares-to-mask and
// compress instructions that text kernels live on (SIMD32<UInt8> compares
// compile to a loop over lanes), so the hottest loops over bytes are here,
// in C, each with a portable scalar version and versions for AVX2 and
// AVX-512 (BW, VBMI, VBMI2) on x86-64. Every version of a kernel returns
// exactly what the scalar version returns; the Swift side tests each level
// against its own scalar reference, so the output never depends on the
// machine.
#ifndef CARABICTEXT_KERNELS_H
#define CARABICTEXT_KERNELS_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The vector instruction sets a kernel may use.
typedef enum {
    /// Portable C only.
    ARABICTEXT_KERNEL_LEVEL_SCALAR = 0,
    /// x86-64 AVX2 (with BMI1/BMI2).
    ARABICTEXT_KERNEL_LEVEL_AVX2 = 1,
    /// x86-64 AVX-512 F, BW, VL, VBMI and VBMI2 (with AVX2, BMI1/BMI2).
    ARABICTEXT_KERNEL_LEVEL_AVX512 = 2,
} arabictext_kernel_level;

/// The best level this processor supports, lowered by the environment
/// variable ARABICTEXT_KERNELS (`scalar`, `avx2` or `avx512`; never raised
/// above what the processor has). Read once; O(1) afterwards.
int arabictext_kernel_level_detected(void);

/// The level kernels use: `arabictext_kernel_level_detected()` unless
/// `arabictext_kernel_level_set` chose a lower one. Thread-safe (an atomic).
int arabictext_kernel_level_current(void);

/// Makes kernels use `level`, clamped to what the processor supports; returns
/// the level now in use. For tests that compare every level; thread-safe.
int arabictext_kernel_level_set(int level);

// --- UCS-2 to UTF-8 (Python's 16-bit strings) ------------------------------

/// Writes the UTF-8 form of `count` UCS-2 code units into `out` and returns
/// the bytes written (what encoding the same code points as UTF-8 gives).
/// `out` needs room for 3 × `count` bytes; nothing past the result is
/// written. AVX-512 encodes 32 units a step while they are below U+0800
/// (ASCII and Arabic text) and falls back to one unit at a time in blocks
/// holding a three-byte character.
/// Precondition: no unit is a surrogate (D800–DFFF).
/// Complexity: O(count); no allocation.
size_t arabictext_ucs2_to_utf8(const uint16_t *units, size_t count, uint8_t *out);

/// The position of the first surrogate (D800–DFFF) among `count` UCS-2
/// code units, or `count` when there is none. AVX-512: 32 units a step.
/// Complexity: O(count); no allocation.
size_t arabictext_ucs2_first_surrogate(const uint16_t *units, size_t count);

// ---- normalization blocks (Arabic normalization, issue 17) ----
//
// `arabictext_normalize_blocks` normalizes the longest prefix of whole
// 64-byte blocks it can, driven by tables that ArabicText compiles from one
// set of normalization rules (NormalizationTables). It handles one- and
// two-byte characters only: ASCII that maps to one byte, the Arabic leads
// D8-DB and the Latin-1 leads C2-C3 through full pair tables (each pair
// writes 0, 1 or 2 bytes), and any other two-byte lead whose characters all
// stay as they are. With `collapse_whitespace` a space written right after a
// space is dropped. It stops before the first character it does not handle
// (three- and four-byte characters, ill-formed bytes, expansions) or when
// fewer than 64 bytes are left; the Swift kernel does the rest.

/// Byte offsets of the tables in the table block (ARABICTEXT_NORMALIZATION_TABLES_SIZE bytes).
/// Output bytes use two values no lane can write: ARABICTEXT_NORMALIZATION_DROP
/// (the lane writes nothing) and ARABICTEXT_NORMALIZATION_REFUSED (the
/// character is left to the caller).
enum {
    /// 64 entries, one per byte C0-FF: ARABICTEXT_NORMALIZATION_LEAD_* bits (none: refused).
    ARABICTEXT_NORMALIZATION_LEAD_CLASS = 0,
    /// 128 entries: the byte an ASCII byte writes, or REFUSED.
    ARABICTEXT_NORMALIZATION_ASCII_OUTPUT = 64,
    /// 128 entries indexed by (lead & 1) << 6 | (continuation & 0x3F), leads C2-C3:
    /// the byte the lead's lane writes (the first output byte), DROP or REFUSED.
    ARABICTEXT_NORMALIZATION_LATIN_LEAD_OUTPUT = 192,
    /// As above: the byte the continuation's lane writes (the second output byte) or DROP.
    ARABICTEXT_NORMALIZATION_LATIN_CONTINUATION_OUTPUT = 320,
    /// 256 entries indexed by (lead & 3) << 6 | (continuation & 0x3F), leads D8-DB,
    /// as the Latin tables.
    ARABICTEXT_NORMALIZATION_ARABIC_LEAD_OUTPUT = 448,
    ARABICTEXT_NORMALIZATION_ARABIC_CONTINUATION_OUTPUT = 704,
    ARABICTEXT_NORMALIZATION_TABLES_SIZE = 960,
};

/// Lead classes (bits of the LEAD_CLASS table).
enum {
    /// D8-DB: pairs from the Arabic tables.
    ARABICTEXT_NORMALIZATION_LEAD_ARABIC = 1,
    /// C2-C3: pairs from the Latin tables.
    ARABICTEXT_NORMALIZATION_LEAD_LATIN = 2,
    /// Another two-byte lead whose every character is written unchanged.
    ARABICTEXT_NORMALIZATION_LEAD_PLAIN = 4,
};

/// Output values no lane writes.
enum {
    /// The lane writes nothing (a deleted character, or the second byte of one that writes one byte).
    ARABICTEXT_NORMALIZATION_DROP = 0xFF,
    /// The character is not handled here: an ASCII byte that does not write one byte, a pair that writes more than two.
    ARABICTEXT_NORMALIZATION_REFUSED = 0xFE,
};

/// Normalizes `input[0..<length]` block by block while it can: returns the
/// input bytes consumed (0 when the level is below AVX-512 or nothing could
/// be done) and sets `*written` to the output bytes written. The input must
/// start at a character boundary; the output needs room for `length` bytes:
/// it never writes more than it consumes, but stores whole 64-byte blocks, so
/// bytes of `output[written..<length]` may change too. `last_was_space` says whether the
/// byte written before `output` is a space (for `collapse_whitespace`).
/// O(consumed), no allocation; does not read outside `input[0..<length]`.
size_t arabictext_normalize_blocks(
    const uint8_t *tables, int collapse_whitespace, const uint8_t *input, size_t length,
    uint8_t *output, size_t *written, int last_was_space);

// ---- end of normalization blocks ----

// MARK: UTF-8 validation and JSON special bytes (utf8_validation.c, json_special_bytes.c)

/// Where to look for the first ill-formed UTF-8 sequence of `bytes[0..<count]`:
/// `count` when all of it is well-formed (RFC 3629); otherwise an offset
/// `p < count` such that `bytes[0..<p]` is well-formed and `p` starts a
/// character, so a scan from `p` finds the first error (which lies at most
/// one block, 32 or 64 bytes plus 3, after `p`). The vector levels check whole
/// blocks (Keiser and Lemire's lookup method; ASCII blocks skipped); the
/// scalar level returns the start of the first ill-formed sequence.
/// O(count); no allocation; reads only `bytes[0..<count]`.
size_t arabictext_utf8_restart_point(const uint8_t *bytes, size_t count);

/// `arabictext_utf8_restart_point` at `level` (clamped to the detected level),
/// whatever the current level is: for tests that compare levels.
size_t arabictext_utf8_restart_point_at_level(int level, const uint8_t *bytes, size_t count);

/// The index of the first byte at or after `start` in `bytes[0..<count]`
/// that is '"' (0x22), '\\' (0x5C) or a control byte (below 0x20), or `count`
/// when there is none. O(distance), 8 / 32 / 64 bytes a step by level; no
/// allocation; reads only `bytes[start..<count]`.
size_t arabictext_json_special_index(const uint8_t *bytes, size_t start, size_t count);

/// `arabictext_json_special_index` at `level` (clamped to the detected level).
size_t arabictext_json_special_index_at_level(int level, const uint8_t *bytes, size_t start, size_t count);

// MARK: end of UTF-8 validation and JSON special bytes


// ---- Tokenization: runs of plain tokens (token_scan.c) ----------------------
//
// The tokenizer's common case, written out over bytes: Arabic words of
// two-byte letters and marks, ASCII words and numbers between white space,
// and punctuation. `arabictext_token_scan` takes the tokens of that kind from
// a position on and stops at the first token it is not sure of, which the
// Swift tokenizer (ArabicTokenizer, TokenCursor) then takes with its full
// rules. What a character is comes from the caller's tables, which the Swift
// side fills from its own character classes; this file only knows the token
// shapes.

/// Flags of one character in `arabictext_token_classes`.
enum {
    /// ASCII white space or control character: skipped between tokens.
    ARABICTEXT_TOKEN_SKIP = 1 << 0,
    /// Ends an Arabic word that it follows (white space, punctuation but `_`).
    ARABICTEXT_TOKEN_ENDS_ARABIC_WORD = 1 << 1,
    /// Starts a punctuation token: one character, or a run of the same one.
    ARABICTEXT_TOKEN_STARTS_PUNCTUATION = 1 << 2,
    /// An ASCII letter: a run of them between white space is a Latin word.
    ARABICTEXT_TOKEN_LATIN_LETTER = 1 << 3,
    /// An ASCII digit: a run of them between white space is a number.
    ARABICTEXT_TOKEN_DIGIT = 1 << 4,
    /// A two-byte Arabic letter or mark: continues an Arabic word.
    ARABICTEXT_TOKEN_ARABIC_WORD = 1 << 5,
    /// A two-byte Arabic letter: starts an Arabic word.
    ARABICTEXT_TOKEN_ARABIC_LETTER = 1 << 6,
};

/// What each character the scan knows is, as `ARABICTEXT_TOKEN_*` flags;
/// characters not in these tables (three- and four-byte characters, other
/// two-byte leads, ill-formed bytes) have no flags and stop the scan.
typedef struct {
    /// One-byte characters, by byte.
    uint8_t ascii[128];
    /// U+0080-U+00BF (lead C2), by trail byte & 0x3F.
    uint8_t lead_c2[64];
    /// U+0600-U+06FF (leads D8-DB), by (lead & 3) << 6 | (trail & 0x3F).
    uint8_t leads_d8_db[256];
} arabictext_token_classes;

/// Token kinds in the scan's output: the raw values of Swift's TokenKind.
enum {
    ARABICTEXT_TOKEN_KIND_ARABIC = 0,
    ARABICTEXT_TOKEN_KIND_LATIN = 1,
    ARABICTEXT_TOKEN_KIND_NUMBER = 2,
    ARABICTEXT_TOKEN_KIND_PUNCTUATION = 3,
};

/// Writes the plain tokens of `text[position..<count]` to `tokens`, in order,
/// each as `start | length << 32 | kind << 56` (start and length in bytes,
/// kind an ARABICTEXT_TOKEN_KIND_*), and returns how many (at most
/// `capacity`). `*resume` gets where the caller goes on and `*handed_over`
/// why the scan stopped there: 1 when the token at `*resume` is one it does
/// not take (after white space it skipped), or `*resume` is `count`; 0 when
/// it stopped for room (after the last token written, or between blocks
/// when fewer than 16 slots were left), so that calling it again there goes on.
///
/// A token is written only when the tokenizer's rules give exactly it there:
/// an Arabic word (a letter, then letters and marks) followed by a character
/// that ends it or by the end of the text; a run of ASCII letters or of ASCII
/// digits followed by white space or the end; a punctuation character with
/// the run of the same character after it. Tokens of a block's length or
/// more (64 bytes with AVX-512) are left to the caller.
///
/// Uses the vector level `level` (clamped to what the processor has); at a
/// level without a scan (see `arabictext_token_scan_available`) it writes
/// nothing and hands over at `position`. Requires `count < 2^32`.
/// O(count - position); no allocation.
size_t arabictext_token_scan(int level, const uint8_t *text, size_t count, size_t position,
                             const arabictext_token_classes *classes, uint64_t *tokens,
                             size_t capacity, size_t *resume, int *handed_over);

/// Whether `arabictext_token_scan` does anything at `level` on this processor. O(1).
int arabictext_token_scan_available(int level);

// ---- end of tokenization --------------------------------------------------

#ifdef __cplusplus
}
#endif

#endif
