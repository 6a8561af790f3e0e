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

#ifdef __cplusplus
}
#endif

#endif
