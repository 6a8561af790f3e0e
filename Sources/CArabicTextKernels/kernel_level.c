// Run-time choice of the vector level (see CArabicTextKernels.h).
#include "CArabicTextKernels.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static int detect_hardware(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi") &&
        __builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("avx2") &&
        __builtin_cpu_supports("bmi2")) {
        return ARABICTEXT_KERNEL_LEVEL_AVX512;
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2")) {
        return ARABICTEXT_KERNEL_LEVEL_AVX2;
    }
#endif
    return ARABICTEXT_KERNEL_LEVEL_SCALAR;
}

static int environment_cap(void) {
    const char *value = getenv("ARABICTEXT_KERNELS");
    if (value == NULL) return ARABICTEXT_KERNEL_LEVEL_AVX512;
    if (strcmp(value, "scalar") == 0) return ARABICTEXT_KERNEL_LEVEL_SCALAR;
    if (strcmp(value, "avx2") == 0) return ARABICTEXT_KERNEL_LEVEL_AVX2;
    return ARABICTEXT_KERNEL_LEVEL_AVX512;
}

/// -1 until first use.
static _Atomic int detected_level = -1;
static _Atomic int current_level = -1;

int arabictext_kernel_level_detected(void) {
    int level = atomic_load_explicit(&detected_level, memory_order_relaxed);
    if (level >= 0) return level;
    level = detect_hardware();
    int cap = environment_cap();
    if (level > cap) level = cap;
    atomic_store_explicit(&detected_level, level, memory_order_relaxed);
    return level;
}

int arabictext_kernel_level_current(void) {
    int level = atomic_load_explicit(&current_level, memory_order_relaxed);
    if (level >= 0) return level;
    level = arabictext_kernel_level_detected();
    atomic_store_explicit(&current_level, level, memory_order_relaxed);
    return level;
}

int arabictext_kernel_level_set(int level) {
    int best = arabictext_kernel_level_detected();
    if (level < ARABICTEXT_KERNEL_LEVEL_SCALAR) level = ARABICTEXT_KERNEL_LEVEL_SCALAR;
    if (level > best) level = best;
    atomic_store_explicit(&current_level, level, memory_order_relaxed);
    return level;
}
