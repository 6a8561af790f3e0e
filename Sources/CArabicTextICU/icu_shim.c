#include "CArabicTextICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
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
