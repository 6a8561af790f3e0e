// Plain C entry points for the few ICU services ArabicText uses.
//
// ICU renames every C function with a version suffix through macros
// (unorm2_normalize is really unorm2_normalize_72); Swift cannot import those
// macros, so the calls are made here, in C, and exposed under stable names.
#ifndef CARABICTEXT_ICU_H
#define CARABICTEXT_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Unicode NFKC of well-formed UTF-8.
///
/// Converts `source` (`sourceLength` bytes) to UTF-16, normalizes it with ICU's
/// NFKC instance and converts it back into `destination`.
/// Returns the number of bytes of the result. When the result does not fit in
/// `destinationCapacity` bytes nothing useful is written and the return value
/// is the capacity needed (call again with a larger buffer).
/// Returns -1 when ICU reports an error (for example ill-formed input).
int64_t arabictext_icu_nfkc_utf8(const uint8_t *source, int64_t sourceLength,
                                 uint8_t *destination, int64_t destinationCapacity);

/// Counts the word-like segments ICU's word break iterator finds in UTF-8
/// text (segments whose rule status is not "none"); used only as a peer
/// baseline in benchmarks. Returns -1 on error.
int64_t arabictext_icu_count_words_utf8(const uint8_t *source, int64_t sourceLength);

/// ICU's version as "major.minor", written into `buffer` (at least 16 bytes).
void arabictext_icu_version(char *buffer, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
