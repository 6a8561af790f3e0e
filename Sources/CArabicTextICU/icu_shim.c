#include "CArabicTextICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

int64_t arabictext_icu_nfkc_utf8(const uint8_t *source, int64_t sourceLength,
                                 uint8_t *destination, int64_t destinationCapacity) {
    if (sourceLength < 0 || sourceLength > INT32_MAX / 4) return -1;
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&status);
    if (U_FAILURE(status)) return -1;

    // UTF-8 -> UTF-16: never more UTF-16 units than UTF-8 bytes.
    int32_t utf16Capacity = (int32_t)sourceLength + 1;
    UChar *utf16 = malloc(sizeof(UChar) * (size_t)utf16Capacity);
    if (!utf16) return -1;
    int32_t utf16Length = 0;
    u_strFromUTF8(utf16, utf16Capacity, &utf16Length, (const char *)source,
                  (int32_t)sourceLength, &status);
    if (U_FAILURE(status)) { free(utf16); return -1; }

    // NFKC can expand (U+FDFA becomes 18 code points); ask for the size first
    // when the first guess is too small.
    int32_t normalizedCapacity = utf16Length * 2 + 16;
    UChar *normalized = malloc(sizeof(UChar) * (size_t)normalizedCapacity);
    if (!normalized) { free(utf16); return -1; }
    int32_t normalizedLength = unorm2_normalize(nfkc, utf16, utf16Length, normalized,
                                                normalizedCapacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        free(normalized);
        normalizedCapacity = normalizedLength + 1;
        normalized = malloc(sizeof(UChar) * (size_t)normalizedCapacity);
        if (!normalized) { free(utf16); return -1; }
        normalizedLength = unorm2_normalize(nfkc, utf16, utf16Length, normalized,
                                            normalizedCapacity, &status);
    }
    free(utf16);
    if (U_FAILURE(status)) { free(normalized); return -1; }

    int32_t utf8Length = 0;
    int32_t capacity = destinationCapacity > INT32_MAX ? INT32_MAX : (int32_t)destinationCapacity;
    u_strToUTF8((char *)destination, capacity, &utf8Length, normalized, normalizedLength, &status);
    free(normalized);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) {
        return utf8Length;
    }
    if (U_FAILURE(status)) return -1;
    return utf8Length;
}

int64_t arabictext_icu_count_words_utf8(const uint8_t *source, int64_t sourceLength) {
    UErrorCode status = U_ZERO_ERROR;
    UText *text = utext_openUTF8(NULL, (const char *)source, sourceLength, &status);
    if (U_FAILURE(status)) return -1;
    UBreakIterator *words = ubrk_open(UBRK_WORD, "ar", NULL, 0, &status);
    if (U_FAILURE(status)) { utext_close(text); return -1; }
    ubrk_setUText(words, text, &status);
    int64_t count = 0;
    if (U_SUCCESS(status)) {
        ubrk_first(words);
        while (ubrk_next(words) != UBRK_DONE) {
            if (ubrk_getRuleStatus(words) != UBRK_WORD_NONE) count += 1;
        }
    }
    ubrk_close(words);
    utext_close(text);
    return U_SUCCESS(status) ? count : -1;
}

void arabictext_icu_version(char *buffer, int32_t capacity) {
    UVersionInfo version;
    u_getVersion(version);
    char full[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(version, full);
    strncpy(buffer, full, (size_t)capacity - 1);
    buffer[capacity - 1] = 0;
}

// MARK: converters

struct arabictext_icu_decoder {
    UConverter *converter;
    int32_t substitute;
    int64_t substitutions;
    uint8_t invalid[32];
    int32_t invalidLength;
    int32_t invalidReason;
    int32_t invalidLookahead;  // bytes after the sequence ICU consumed to judge it (kept for replay)
    UErrorCode lastError;
    UChar pendingLead;  // a lead surrogate whose trail has not come out yet
};

int32_t arabictext_icu_converter_exists(const char *name, char *canonical, int32_t capacity) {
    if (!name || !*name) return 0;  // "" would open ICU's default converter
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(name, &status);
    if (U_FAILURE(status) || !converter) return 0;
    if (canonical && capacity > 0) {
        const char *found = ucnv_getName(converter, &status);
        strncpy(canonical, U_SUCCESS(status) && found ? found : name, (size_t)capacity - 1);
        canonical[capacity - 1] = 0;
    }
    ucnv_close(converter);
    return 1;
}

int32_t arabictext_icu_converter_count(void) { return ucnv_countAvailable(); }

const char *arabictext_icu_converter_name(int32_t index) {
    if (index < 0 || index >= ucnv_countAvailable()) return NULL;
    return ucnv_getAvailableName(index);
}

const char *arabictext_icu_converter_standard_name(const char *name, const char *standard) {
    UErrorCode status = U_ZERO_ERROR;
    const char *found = ucnv_getStandardName(name, standard, &status);
    return U_SUCCESS(status) ? found : NULL;
}

int32_t arabictext_icu_converter_alias_count(const char *name) {
    UErrorCode status = U_ZERO_ERROR;
    uint16_t count = ucnv_countAliases(name, &status);
    return U_SUCCESS(status) ? count : 0;
}

const char *arabictext_icu_converter_alias(const char *name, int32_t index) {
    if (index < 0 || index > UINT16_MAX) return NULL;
    UErrorCode status = U_ZERO_ERROR;
    const char *alias = ucnv_getAlias(name, (uint16_t)index, &status);
    return U_SUCCESS(status) ? alias : NULL;
}

// Records the undecodable sequence; substitutes U+FFFD or lets the error stop the conversion.
static void decoder_callback(const void *context, UConverterToUnicodeArgs *args, const char *codeUnits,
                             int32_t length, UConverterCallbackReason reason, UErrorCode *error) {
    arabictext_icu_decoder *self = (arabictext_icu_decoder *)context;
    if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
    int32_t kept = length < 0 ? 0 : length > 32 ? 32 : length;
    memcpy(self->invalid, codeUnits, (size_t)kept);
    self->invalidLength = length;
    self->invalidReason = *error == U_TRUNCATED_CHAR_FOUND ? ARABICTEXT_ICU_TRUNCATED
                        : reason == UCNV_UNASSIGNED       ? ARABICTEXT_ICU_UNASSIGNED
                        : reason == UCNV_IRREGULAR        ? ARABICTEXT_ICU_IRREGULAR
                                                          : ARABICTEXT_ICU_ILLEGAL;
    if (!self->substitute) return;
    *error = U_ZERO_ERROR;
    static const UChar replacement = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, error);
    self->substitutions += 1;
}

arabictext_icu_decoder *arabictext_icu_decoder_open(const char *name, int32_t substitute) {
    if (!name || !*name) return NULL;
    arabictext_icu_decoder *self = calloc(1, sizeof *self);
    if (!self) return NULL;
    UErrorCode status = U_ZERO_ERROR;
    self->converter = ucnv_open(name, &status);
    if (U_FAILURE(status) || !self->converter) { free(self); return NULL; }
    self->substitute = substitute != 0;
    ucnv_setToUCallBack(self->converter, decoder_callback, self, NULL, NULL, &status);
    if (U_FAILURE(status)) { ucnv_close(self->converter); free(self); return NULL; }
    return self;
}

static uint8_t *put_utf8(uint8_t *out, uint32_t scalar) {
    if (scalar < 0x80) {
        *out++ = (uint8_t)scalar;
    } else if (scalar < 0x800) {
        *out++ = (uint8_t)(0xC0 | scalar >> 6);
        *out++ = (uint8_t)(0x80 | (scalar & 0x3F));
    } else if (scalar < 0x10000) {
        *out++ = (uint8_t)(0xE0 | scalar >> 12);
        *out++ = (uint8_t)(0x80 | (scalar >> 6 & 0x3F));
        *out++ = (uint8_t)(0x80 | (scalar & 0x3F));
    } else {
        *out++ = (uint8_t)(0xF0 | scalar >> 18);
        *out++ = (uint8_t)(0x80 | (scalar >> 12 & 0x3F));
        *out++ = (uint8_t)(0x80 | (scalar >> 6 & 0x3F));
        *out++ = (uint8_t)(0x80 | (scalar & 0x3F));
    }
    return out;
}

// UTF-16 from ICU to UTF-8; a lead surrogate at the end waits for its trail.
// A surrogate without its partner (ICU does not make them) becomes U+FFFD.
static uint8_t *put_utf16(arabictext_icu_decoder *self, uint8_t *out, const UChar *units, const UChar *end) {
    for (; units < end; units++) {
        UChar unit = *units;
        if (self->pendingLead) {
            UChar lead = self->pendingLead;
            self->pendingLead = 0;
            if (U16_IS_TRAIL(unit)) {
                out = put_utf8(out, U16_GET_SUPPLEMENTARY(lead, unit));
                continue;
            }
            out = put_utf8(out, 0xFFFD);
            self->substitutions += 1;
        }
        if (U16_IS_LEAD(unit)) {
            self->pendingLead = unit;
        } else if (U16_IS_TRAIL(unit)) {
            out = put_utf8(out, 0xFFFD);
            self->substitutions += 1;
        } else {
            out = put_utf8(out, unit);
        }
    }
    return out;
}

int32_t arabictext_icu_decode(arabictext_icu_decoder *self, const uint8_t *source, int64_t sourceLength,
                              int32_t flush, uint8_t *destination, int64_t destinationCapacity,
                              int64_t *consumed, int64_t *written) {
    static const uint8_t nothing[1] = {0};
    if (!source || sourceLength <= 0) { source = nothing; sourceLength = 0; }
    const char *from = (const char *)source;
    const char *fromEnd = from + sourceLength;
    uint8_t *out = destination;
    uint8_t *outEnd = destination + (destinationCapacity > 0 ? destinationCapacity : 0);
    UChar pivot[1024];
    int32_t result = ARABICTEXT_ICU_DECODED;
    for (;;) {
        // Each UTF-16 unit makes at most 3 bytes (a pair 4); keep 4 for a pending lead.
        int64_t room = (outEnd - out - 4) / 3;
        if (room < 1) { result = ARABICTEXT_ICU_DESTINATION_FULL; break; }
        UChar *target = pivot;
        UChar *targetEnd = pivot + (room < 1024 ? room : 1024);
        UErrorCode status = U_ZERO_ERROR;
        ucnv_toUnicode(self->converter, &target, targetEnd, &from, fromEnd, NULL, (UBool)(flush != 0), &status);
        out = put_utf16(self, out, pivot, target);
        if (status == U_BUFFER_OVERFLOW_ERROR) continue;
        if (U_FAILURE(status)) {
            self->lastError = status;
            result = status == U_INVALID_CHAR_FOUND || status == U_ILLEGAL_CHAR_FOUND
                  || status == U_TRUNCATED_CHAR_FOUND || status == U_ILLEGAL_ESCAPE_SEQUENCE
                  || status == U_UNSUPPORTED_ESCAPE_SEQUENCE
                ? ARABICTEXT_ICU_INVALID : ARABICTEXT_ICU_FAILED;
            if (result == ARABICTEXT_ICU_INVALID) {
                UErrorCode pendingStatus = U_ZERO_ERROR;
                int32_t pending = ucnv_toUCountPending(self->converter, &pendingStatus);
                self->invalidLookahead = U_SUCCESS(pendingStatus) && pending > 0 ? pending : 0;
            }
            if (result == ARABICTEXT_ICU_INVALID && self->invalidLength == 0) {
                self->invalidReason = status == U_TRUNCATED_CHAR_FOUND ? ARABICTEXT_ICU_TRUNCATED : ARABICTEXT_ICU_ILLEGAL;
            }
            break;
        }
        if (flush && self->pendingLead) {
            self->pendingLead = 0;
            out = put_utf8(out, 0xFFFD);
            self->substitutions += 1;
        }
        break;
    }
    *consumed = (const uint8_t *)from - source;
    *written = out - destination;
    return result;
}

int32_t arabictext_icu_decoder_invalid(const arabictext_icu_decoder *self, uint8_t *bytes, int32_t *reason,
                                       int32_t *lookahead) {
    int32_t kept = self->invalidLength < 0 ? 0 : self->invalidLength > 32 ? 32 : self->invalidLength;
    memcpy(bytes, self->invalid, (size_t)kept);
    *reason = self->invalidReason;
    *lookahead = self->invalidLookahead;
    return self->invalidLength;
}

int64_t arabictext_icu_decoder_substitutions(const arabictext_icu_decoder *self) { return self->substitutions; }

int32_t arabictext_icu_decoder_pending(arabictext_icu_decoder *self) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t pending = ucnv_toUCountPending(self->converter, &status);
    return U_SUCCESS(status) ? pending + (self->pendingLead ? 1 : 0) : 0;
}

const char *arabictext_icu_decoder_error_name(const arabictext_icu_decoder *self) { return u_errorName(self->lastError); }

void arabictext_icu_decoder_close(arabictext_icu_decoder *self) {
    if (!self) return;
    ucnv_close(self->converter);
    free(self);
}
