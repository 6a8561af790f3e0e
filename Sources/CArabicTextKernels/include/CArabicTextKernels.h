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
