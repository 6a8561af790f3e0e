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
enum {
    /// 256 entries, one per byte value: ARABICTEXT_NORMALIZATION_CLASS_* bits.
    ARABICTEXT_NORMALIZATION_BYTE_CLASS = 0,
    /// 128 entries: the byte an ASCII byte writes (with CLASS_ASCII).
    ARABICTEXT_NORMALIZATION_ASCII_OUTPUT = 256,
    /// 128 entries indexed by (lead & 1) << 6 | (continuation & 0x3F), leads C2-C3:
    /// the byte the lead's lane writes.
    ARABICTEXT_NORMALIZATION_LATIN_LEAD_OUTPUT = 384,
    /// As above: the byte the continuation's lane writes.
    ARABICTEXT_NORMALIZATION_LATIN_CONTINUATION_OUTPUT = 512,
    /// As above: ARABICTEXT_NORMALIZATION_KEEP_* / UNSUPPORTED bits.
    ARABICTEXT_NORMALIZATION_LATIN_FLAGS = 640,
    /// 256 entries indexed by (lead & 3) << 6 | (continuation & 0x3F), leads D8-DB.
    ARABICTEXT_NORMALIZATION_ARABIC_LEAD_OUTPUT = 768,
    ARABICTEXT_NORMALIZATION_ARABIC_CONTINUATION_OUTPUT = 1024,
    ARABICTEXT_NORMALIZATION_ARABIC_FLAGS = 1280,
    ARABICTEXT_NORMALIZATION_TABLES_SIZE = 1536,
};

/// Byte classes (bits of the BYTE_CLASS table); a byte with none is refused.
enum {
    /// ASCII that writes exactly one byte.
    ARABICTEXT_NORMALIZATION_CLASS_ASCII = 1,
    /// 80-BF.
    ARABICTEXT_NORMALIZATION_CLASS_CONTINUATION = 2,
    /// D8-DB: pairs from the Arabic tables.
    ARABICTEXT_NORMALIZATION_CLASS_ARABIC_LEAD = 4,
    /// C2-C3: pairs from the Latin tables.
    ARABICTEXT_NORMALIZATION_CLASS_LATIN_LEAD = 8,
    /// Another two-byte lead whose every character is written unchanged.
    ARABICTEXT_NORMALIZATION_CLASS_PLAIN_LEAD = 16,
};

/// Pair flags (bits of the *_FLAGS tables).
enum {
    /// The lead's lane writes its output byte (the character writes 1 or 2 bytes).
    ARABICTEXT_NORMALIZATION_KEEP_LEAD = 1,
    /// The continuation's lane writes its output byte (the character writes 2 bytes).
    ARABICTEXT_NORMALIZATION_KEEP_CONTINUATION = 2,
    /// The character writes more than 2 bytes: refused.
    ARABICTEXT_NORMALIZATION_UNSUPPORTED = 4,
};

/// Normalizes `input[0..<length]` block by block while it can: returns the
/// input bytes consumed (0 when the level is below AVX-512 or nothing could
/// be done) and sets `*written` to the output bytes written. The input must
/// start at a character boundary; the output needs room for `length` bytes
/// (it never writes more than it consumes). `last_was_space` says whether the
/// byte written before `output` is a space (for `collapse_whitespace`).
/// O(consumed), no allocation; does not read outside `input[0..<length]`.
size_t arabictext_normalize_blocks(
    const uint8_t *tables, int collapse_whitespace, const uint8_t *input, size_t length,
    uint8_t *output, size_t *written, int last_was_space);

// ---- end of normalization blocks ----

#ifdef __cplusplus
}
#endif

#endif
