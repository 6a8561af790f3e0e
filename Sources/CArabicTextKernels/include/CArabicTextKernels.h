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

#ifdef __cplusplus
}
#endif

#endif
