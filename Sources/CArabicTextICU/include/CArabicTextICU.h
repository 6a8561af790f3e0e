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


// MARK: converters (legacy encodings to UTF-8)

/// An ICU converter from some encoding to Unicode, with what it met.
typedef struct arabictext_icu_decoder arabictext_icu_decoder;

/// Statuses of `arabictext_icu_decode`.
enum {
    /// All of the source was consumed (and, when flushing, the converter emptied).
    ARABICTEXT_ICU_DECODED = 0,
    /// The destination is full: call again with the rest of the source.
    ARABICTEXT_ICU_DESTINATION_FULL = 1,
    /// An undecodable sequence (when not substituting); it ends where the
    /// consumed bytes end; see `arabictext_icu_decoder_invalid`.
    ARABICTEXT_ICU_INVALID = 2,
    /// ICU failed otherwise (see `arabictext_icu_decoder_error_name`).
    ARABICTEXT_ICU_FAILED = -1,
};

/// Why a sequence could not be decoded.
enum {
    /// The bytes are well-formed but map to no character (a hole in a single-byte table).
    ARABICTEXT_ICU_UNASSIGNED = 0,
    /// The bytes are not a sequence of the encoding.
    ARABICTEXT_ICU_ILLEGAL = 1,
    /// The bytes are an irregular sequence (e.g. a non-shortest form).
    ARABICTEXT_ICU_IRREGULAR = 2,
    /// The source ended inside a sequence.
    ARABICTEXT_ICU_TRUNCATED = 3,
};

/// Whether ICU has a converter called `name` (any alias, case and
/// punctuation ignored as ICU does); writes its canonical name into
/// `canonical` (`capacity` bytes). Returns 1 if it has, 0 if not.
int32_t arabictext_icu_converter_exists(const char *name, char *canonical, int32_t capacity);

/// The number of converters ICU has (`ucnv_countAvailable`).
int32_t arabictext_icu_converter_count(void);

/// The canonical name of converter `index` (0 ..< count), or NULL.
const char *arabictext_icu_converter_name(int32_t index);

/// The name of a converter under a naming standard ("IANA", "MIME",
/// "WINDOWS"), or NULL when it has none there.
const char *arabictext_icu_converter_standard_name(const char *name, const char *standard);

/// The number of aliases of a converter, and alias `index` of them (or NULL).
int32_t arabictext_icu_converter_alias_count(const char *name);
const char *arabictext_icu_converter_alias(const char *name, int32_t index);

/// Opens a decoder for converter `name`; with `substitute`, undecodable
/// sequences become U+FFFD (counted), else decoding stops at the first.
/// Returns NULL when ICU cannot open it.
arabictext_icu_decoder *arabictext_icu_decoder_open(const char *name, int32_t substitute);

/// Decodes `source` into UTF-8 at `destination` (at least 8 bytes of
/// room): sets `*consumed` source bytes and `*written` UTF-8 bytes. Bytes of
/// an incomplete sequence at the end are kept in the decoder for the next
/// call unless `flush` (the end of the input), when they are undecodable.
/// Returns an ARABICTEXT_ICU_ status.
int32_t arabictext_icu_decode(arabictext_icu_decoder *decoder, const uint8_t *source, int64_t sourceLength,
                              int32_t flush, uint8_t *destination, int64_t destinationCapacity,
                              int64_t *consumed, int64_t *written);

/// The undecodable sequence last met: its bytes (up to 32) into `bytes`,
/// its reason (an ARABICTEXT_ICU_ value) into `*reason`, and into
/// `*lookahead` how many bytes after it ICU had consumed to judge it (they
/// end the consumed bytes: the sequence starts `length + lookahead` bytes
/// before their end); returns its length.
int32_t arabictext_icu_decoder_invalid(const arabictext_icu_decoder *decoder, uint8_t *bytes, int32_t *reason,
                                       int32_t *lookahead);

/// How many sequences were replaced with U+FFFD so far.
int64_t arabictext_icu_decoder_substitutions(const arabictext_icu_decoder *decoder);

/// How many source bytes the decoder holds (an incomplete sequence).
int32_t arabictext_icu_decoder_pending(arabictext_icu_decoder *decoder);

/// ICU's name of the last failure ("U_MEMORY_ALLOCATION_ERROR").
const char *arabictext_icu_decoder_error_name(const arabictext_icu_decoder *decoder);

/// Frees a decoder (NULL is allowed).
void arabictext_icu_decoder_close(arabictext_icu_decoder *decoder);

#ifdef __cplusplus
}
#endif

#endif
