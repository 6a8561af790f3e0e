#include "CArabicTextArchive.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct arabictext_archive {
    struct archive *reader;
    int descriptor;
    int seekable;
    uint8_t *prefix;          // peeked bytes, handed out before the descriptor's
    size_t prefixLength;
    int prefixGiven;
    uint8_t *block;           // the read callback's buffer
    size_t blockSize;
    int gaveEmptyStream;      // the one empty member of an empty compressed stream was given
    int inEmptyStream;
    int ended;                // libarchive said EOF: never call it again
};

// libarchive converts names through the locale's character set (cached
// per archive at its first use); in the "C" locale every non-ASCII name
// fails to convert (and pax's writer in 3.6 crashes on one). Every call
// into libarchive runs in a UTF-8 locale, on the calling thread only.
static locale_t found_utf8_locale = (locale_t)0;
static pthread_once_t utf8_locale_once = PTHREAD_ONCE_INIT;

static void find_utf8_locale(void) {
    const char *names[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"};
    for (size_t k = 0; k < sizeof names / sizeof names[0] && !found_utf8_locale; k++) {
        found_utf8_locale = newlocale(LC_CTYPE_MASK, names[k], (locale_t)0);
    }
}

/// Switches this thread to the UTF-8 locale; returns the one to restore.
static locale_t enter_utf8_locale(void) {
    pthread_once(&utf8_locale_once, find_utf8_locale);
    return found_utf8_locale ? uselocale(found_utf8_locale) : (locale_t)0;
}

static void leave_utf8_locale(locale_t previous) {
    if (found_utf8_locale && previous) uselocale(previous);
}

// MARK: which filters and formats

typedef int (*support_function)(struct archive *);

// Filters tried; only those libarchive runs in-process are enabled (a
// support function that would run an external program returns ARCHIVE_WARN).
static const support_function candidate_filters[] = {
    archive_read_support_filter_gzip,  archive_read_support_filter_bzip2,
    archive_read_support_filter_xz,    archive_read_support_filter_lzma,
    archive_read_support_filter_lzip,  archive_read_support_filter_zstd,
    archive_read_support_filter_lz4,   archive_read_support_filter_compress,
    archive_read_support_filter_lzop,  archive_read_support_filter_grzip,
    archive_read_support_filter_lrzip,
};
enum { candidate_filter_count = sizeof(candidate_filters) / sizeof(candidate_filters[0]) };
static int native_filter[candidate_filter_count];
static pthread_once_t native_filters_once = PTHREAD_ONCE_INIT;

static const char *const candidate_filter_names[candidate_filter_count] = {
    "gzip", "bzip2", "xz", "lzma", "lzip", "zstd", "lz4", "compress", "lzop", "grzip", "lrzip",
};
static char native_filter_names[128];

static void find_native_filters(void) {
    size_t used = 0;
    for (int k = 0; k < candidate_filter_count; k++) {
        struct archive *probe = archive_read_new();
        if (!probe) continue;
        native_filter[k] = candidate_filters[k](probe) == ARCHIVE_OK;
        archive_read_free(probe);
        if (native_filter[k]) {
            int written = snprintf(native_filter_names + used, sizeof native_filter_names - used, "%s%s",
                                   used > 0 ? " " : "", candidate_filter_names[k]);
            if (written > 0 && (size_t)written < sizeof native_filter_names - used) used += (size_t)written;
        }
    }
}

const char *arabictext_archive_native_filters(void) {
    pthread_once(&native_filters_once, find_native_filters);
    return native_filter_names;
}

// Every reading format but mtree (whose entries name local files that
// libarchive would open); raw and empty last resort for lone streams.
static const support_function formats[] = {
    archive_read_support_format_7zip, archive_read_support_format_ar,
    archive_read_support_format_cab,  archive_read_support_format_cpio,
    archive_read_support_format_empty, archive_read_support_format_iso9660,
    archive_read_support_format_lha,  archive_read_support_format_rar,
    archive_read_support_format_rar5, archive_read_support_format_tar,
    archive_read_support_format_warc, archive_read_support_format_xar,
    archive_read_support_format_zip,  archive_read_support_format_raw,
};

static arabictext_archive *arabictext_archive_new_in_locale(void) {
    pthread_once(&native_filters_once, find_native_filters);
    arabictext_archive *self = calloc(1, sizeof *self);
    if (!self) return NULL;
    self->reader = archive_read_new();
    if (!self->reader) { free(self); return NULL; }
    self->descriptor = -1;
    for (int k = 0; k < candidate_filter_count; k++) {
        if (native_filter[k]) candidate_filters[k](self->reader);
    }
    for (size_t k = 0; k < sizeof(formats) / sizeof(formats[0]); k++) formats[k](self->reader);
    return self;
}

// MARK: reading from a descriptor

static la_ssize_t read_descriptor(struct archive *reader, void *data, const void **buffer) {
    arabictext_archive *self = data;
    if (!self->prefixGiven) {
        self->prefixGiven = 1;
        if (self->prefixLength > 0) {
            *buffer = self->prefix;
            return (la_ssize_t)self->prefixLength;
        }
    }
    for (;;) {
        ssize_t count = read(self->descriptor, self->block, self->blockSize);
        if (count >= 0) {
            *buffer = self->block;
            return count;
        }
        if (errno == EINTR) continue;
        int code = errno;
        archive_set_error(reader, code, "read error: %s", strerror(code));
        return ARCHIVE_FATAL;
    }
}

static la_int64_t skip_descriptor(struct archive *reader, void *data, la_int64_t request) {
    (void)reader;
    arabictext_archive *self = data;
    if (!self->seekable || request <= 0) return 0;  // libarchive then reads and drops
    if (lseek(self->descriptor, (off_t)request, SEEK_CUR) < 0) return 0;
    return request;
}

static la_int64_t seek_descriptor(struct archive *reader, void *data, la_int64_t offset, int whence) {
    arabictext_archive *self = data;
    off_t result = lseek(self->descriptor, (off_t)offset, whence);
    if (result < 0) {
        int code = errno;
        archive_set_error(reader, code, "seek error: %s", strerror(code));
        return ARCHIVE_FATAL;
    }
    return (la_int64_t)result;
}

static int status_of_open(int result) {
    return result == ARCHIVE_OK || result == ARCHIVE_WARN ? ARABICTEXT_ARCHIVE_OK : ARABICTEXT_ARCHIVE_FATAL;
}

static int arabictext_archive_open_descriptor_in_locale(arabictext_archive *self, int descriptor, int seekable,
                                       const uint8_t *prefix, size_t prefixLength) {
    if (seekable && prefixLength > 0) {
        archive_set_error(self->reader, EINVAL, "a seekable input cannot have a peeked prefix");
        return ARABICTEXT_ARCHIVE_FATAL;
    }
    self->descriptor = descriptor;
    self->seekable = seekable != 0;
    self->blockSize = 256 * 1024;
    self->block = malloc(self->blockSize);
    if (prefixLength > 0) {
        self->prefix = malloc(prefixLength);
        if (self->prefix) memcpy(self->prefix, prefix, prefixLength);
        self->prefixLength = prefixLength;
    }
    if (!self->block || (prefixLength > 0 && !self->prefix)) {
        archive_set_error(self->reader, ENOMEM, "out of memory");
        return ARABICTEXT_ARCHIVE_FATAL;
    }
    archive_read_set_read_callback(self->reader, read_descriptor);
    archive_read_set_skip_callback(self->reader, skip_descriptor);
    if (self->seekable) archive_read_set_seek_callback(self->reader, seek_descriptor);
    archive_read_set_callback_data(self->reader, self);
    return status_of_open(archive_read_open1(self->reader));
}

static int arabictext_archive_open_memory_in_locale(arabictext_archive *self, const uint8_t *bytes, size_t length) {
    static const uint8_t nothing[1] = {0};
    return status_of_open(archive_read_open_memory(self->reader, length > 0 ? bytes : nothing, length));
}

// MARK: entries

static int arabictext_archive_next_in_locale(arabictext_archive *self, arabictext_archive_entry *entry) {
    memset(entry, 0, sizeof *entry);
    entry->size = -1;
    self->inEmptyStream = 0;
    if (self->ended) return ARABICTEXT_ARCHIVE_END;
    struct archive_entry *found = NULL;
    int result = ARCHIVE_RETRY;
    for (int attempt = 0; attempt < 16 && result == ARCHIVE_RETRY; attempt++) {
        result = archive_read_next_header(self->reader, &found);
    }
    if (result == ARCHIVE_EOF) {
        self->ended = 1;
        // An empty compressed stream (an empty file, gzipped) is one empty member.
        if (!self->gaveEmptyStream && archive_format(self->reader) == ARCHIVE_FORMAT_EMPTY
            && archive_filter_count(self->reader) > 1) {
            self->gaveEmptyStream = 1;
            self->inEmptyStream = 1;
            entry->name = "data";
            entry->size = 0;
            entry->type = ARABICTEXT_ENTRY_REGULAR;
            return ARABICTEXT_ARCHIVE_OK;
        }
        return ARABICTEXT_ARCHIVE_END;
    }
    if (result == ARCHIVE_FATAL) return ARABICTEXT_ARCHIVE_FATAL;
    if (result != ARCHIVE_OK && result != ARCHIVE_WARN) return ARABICTEXT_ARCHIVE_FAILED;

    const char *name = archive_entry_pathname_utf8(found);
    if (!name) name = archive_entry_pathname(found);
    entry->name = name ? name : "";
    if (archive_entry_size_is_set(found)) entry->size = archive_entry_size(found);
    entry->encrypted = archive_entry_is_data_encrypted(found) != 0;
    const char *hardlink = archive_entry_hardlink_utf8(found);
    if (!hardlink) hardlink = archive_entry_hardlink(found);
    if (hardlink) {
        entry->type = ARABICTEXT_ENTRY_HARD_LINK;
        entry->link = hardlink;
        return ARABICTEXT_ARCHIVE_OK;
    }
    switch (archive_entry_filetype(found)) {
    case AE_IFREG:
        entry->type = ARABICTEXT_ENTRY_REGULAR;
        break;
    case AE_IFDIR:
        entry->type = ARABICTEXT_ENTRY_DIRECTORY;
        break;
    case AE_IFLNK: {
        entry->type = ARABICTEXT_ENTRY_SYMBOLIC_LINK;
        const char *target = archive_entry_symlink_utf8(found);
        entry->link = target ? target : archive_entry_symlink(found);
        break;
    }
    default:
        // libarchive gives 0 for formats without types (raw, some zips): a file.
        entry->type = archive_entry_filetype(found) == 0 ? ARABICTEXT_ENTRY_REGULAR : ARABICTEXT_ENTRY_OTHER;
        break;
    }
    return ARABICTEXT_ARCHIVE_OK;
}

static int64_t arabictext_archive_read_in_locale(arabictext_archive *self, uint8_t *buffer, int64_t capacity) {
    if (self->inEmptyStream || capacity <= 0) return 0;
    la_ssize_t count = archive_read_data(self->reader, buffer, (size_t)capacity);
    if (count >= 0) return count;
    // ARCHIVE_WARN here is damaged data (a bad CRC): not to be taken as text.
    return count == ARCHIVE_FATAL ? ARABICTEXT_ARCHIVE_FATAL : ARABICTEXT_ARCHIVE_FAILED;
}

// MARK: the reading entry points, in the UTF-8 locale

arabictext_archive *arabictext_archive_new(void) {
    locale_t previous = enter_utf8_locale();
    arabictext_archive *result = arabictext_archive_new_in_locale();
    leave_utf8_locale(previous);
    return result;
}

int arabictext_archive_open_descriptor(arabictext_archive *self, int descriptor, int seekable, const uint8_t *prefix, size_t prefixLength) {
    locale_t previous = enter_utf8_locale();
    int result = arabictext_archive_open_descriptor_in_locale(self, descriptor, seekable, prefix, prefixLength);
    leave_utf8_locale(previous);
    return result;
}

int arabictext_archive_open_memory(arabictext_archive *self, const uint8_t *bytes, size_t length) {
    locale_t previous = enter_utf8_locale();
    int result = arabictext_archive_open_memory_in_locale(self, bytes, length);
    leave_utf8_locale(previous);
    return result;
}

int arabictext_archive_next(arabictext_archive *self, arabictext_archive_entry *entry) {
    locale_t previous = enter_utf8_locale();
    int result = arabictext_archive_next_in_locale(self, entry);
    leave_utf8_locale(previous);
    return result;
}

int64_t arabictext_archive_read(arabictext_archive *self, uint8_t *buffer, int64_t capacity) {
    locale_t previous = enter_utf8_locale();
    int64_t result = arabictext_archive_read_in_locale(self, buffer, capacity);
    leave_utf8_locale(previous);
    return result;
}

const char *arabictext_archive_error(arabictext_archive *self) {
    const char *message = archive_error_string(self->reader);
    return message ? message : "";
}

int arabictext_archive_error_number(arabictext_archive *self) { return archive_errno(self->reader); }

const char *arabictext_archive_format_name(arabictext_archive *self) {
    const char *name = archive_format_name(self->reader);
    return name ? name : "";
}

int arabictext_archive_format_code(arabictext_archive *self) {
    return archive_format(self->reader) & ARCHIVE_FORMAT_BASE_MASK;
}

int arabictext_archive_is_lone_stream(arabictext_archive *self) {
    int format = archive_format(self->reader) & ARCHIVE_FORMAT_BASE_MASK;
    return format == ARCHIVE_FORMAT_RAW || format == ARCHIVE_FORMAT_EMPTY;
}

void arabictext_archive_filter_names(arabictext_archive *self, char *buffer, size_t capacity) {
    if (capacity == 0) return;
    buffer[0] = 0;
    size_t used = 0;
    // Filter 0 is the innermost; list them from the file inward.
    for (int k = archive_filter_count(self->reader) - 1; k >= 0; k--) {
        if (archive_filter_code(self->reader, k) == ARCHIVE_FILTER_NONE) continue;
        const char *name = archive_filter_name(self->reader, k);
        if (!name) continue;
        int written = snprintf(buffer + used, capacity - used, "%s%s", used > 0 ? "+" : "", name);
        if (written < 0 || (size_t)written >= capacity - used) break;
        used += (size_t)written;
    }
}

void arabictext_archive_close(arabictext_archive *self) {
    if (!self) return;
    locale_t previous = enter_utf8_locale();
    archive_read_free(self->reader);
    leave_utf8_locale(previous);
    free(self->block);
    free(self->prefix);
    free(self);
}

const char *arabictext_archive_version(void) { return archive_version_details(); }

// MARK: writing (tests and fuzzing)

typedef struct {
    uint8_t *bytes;
    size_t length;
    size_t capacity;
} growable_buffer;

static la_ssize_t write_growable(struct archive *writer, void *data, const void *buffer, size_t length) {
    growable_buffer *output = data;
    if (output->length + length > output->capacity) {
        size_t capacity = output->capacity ? output->capacity : 4096;
        while (capacity < output->length + length) capacity *= 2;
        uint8_t *grown = realloc(output->bytes, capacity);
        if (!grown) {
            archive_set_error(writer, ENOMEM, "out of memory");
            return -1;
        }
        output->bytes = grown;
        output->capacity = capacity;
    }
    memcpy(output->bytes + output->length, buffer, length);
    output->length += length;
    return (la_ssize_t)length;
}

static int fail_writing(struct archive *writer, growable_buffer *output, char *error, size_t capacity,
                        const char *what) {
    const char *message = writer ? archive_error_string(writer) : NULL;
    if (capacity > 0) snprintf(error, capacity, "%s: %s", what, message ? message : "failed");
    if (writer) archive_write_free(writer);
    free(output->bytes);
    return -1;
}

static int write_memory(const char *format, const char *filter, int32_t count,
                        const char *const *names, const int32_t *types,
                        const uint8_t *const *data, const int64_t *sizes,
                        uint8_t **output, size_t *outputLength,
                        char *error, size_t errorCapacity);

int arabictext_archive_write_memory(const char *format, const char *filter, int32_t count,
                                    const char *const *names, const int32_t *types,
                                    const uint8_t *const *data, const int64_t *sizes,
                                    uint8_t **output, size_t *outputLength,
                                    char *error, size_t errorCapacity) {
    locale_t previous = enter_utf8_locale();
    int result = write_memory(format, filter, count, names, types, data, sizes, output, outputLength, error, errorCapacity);
    leave_utf8_locale(previous);
    return result;
}

static int write_memory(const char *format, const char *filter, int32_t count,
                        const char *const *names, const int32_t *types,
                        const uint8_t *const *data, const int64_t *sizes,
                        uint8_t **output, size_t *outputLength,
                        char *error, size_t errorCapacity) {
    growable_buffer buffer = {0};
    struct archive *writer = archive_write_new();
    if (!writer) return fail_writing(NULL, &buffer, error, errorCapacity, "archive_write_new");
    if (archive_write_set_format_by_name(writer, format) != ARCHIVE_OK)
        return fail_writing(writer, &buffer, error, errorCapacity, "format");
    if (strcmp(filter, "none") != 0 && archive_write_add_filter_by_name(writer, filter) != ARCHIVE_OK)
        return fail_writing(writer, &buffer, error, errorCapacity, "filter");
    archive_write_set_bytes_in_last_block(writer, 1);
    if (archive_write_open2(writer, &buffer, NULL, write_growable, NULL, NULL) != ARCHIVE_OK)
        return fail_writing(writer, &buffer, error, errorCapacity, "open");
    for (int32_t k = 0; k < count; k++) {
        struct archive_entry *entry = archive_entry_new();
        if (!entry) return fail_writing(writer, &buffer, error, errorCapacity, "entry");
        archive_entry_set_pathname_utf8(entry, names[k]);
        archive_entry_set_mtime(entry, 1420070400, 0);
        int64_t size = sizes[k] < 0 ? 0 : sizes[k];
        if (types[k] == ARABICTEXT_ENTRY_DIRECTORY) {
            archive_entry_set_filetype(entry, AE_IFDIR);
            archive_entry_set_perm(entry, 0755);
            size = 0;
        } else if (types[k] == ARABICTEXT_ENTRY_SYMBOLIC_LINK) {
            char *target = malloc((size_t)size + 1);
            if (!target) { archive_entry_free(entry); return fail_writing(writer, &buffer, error, errorCapacity, "entry"); }
            if (size > 0) memcpy(target, data[k], (size_t)size);
            target[size] = 0;
            archive_entry_set_filetype(entry, AE_IFLNK);
            archive_entry_set_perm(entry, 0777);
            archive_entry_set_symlink_utf8(entry, target);
            free(target);
            size = 0;
        } else {
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_perm(entry, 0644);
        }
        archive_entry_set_size(entry, size);
        int result = archive_write_header(writer, entry);
        archive_entry_free(entry);
        if (result < ARCHIVE_WARN) return fail_writing(writer, &buffer, error, errorCapacity, names[k]);
        int64_t done = 0;
        while (done < size) {
            la_ssize_t written = archive_write_data(writer, data[k] + done, (size_t)(size - done));
            if (written <= 0) return fail_writing(writer, &buffer, error, errorCapacity, names[k]);
            done += written;
        }
    }
    if (archive_write_close(writer) != ARCHIVE_OK) return fail_writing(writer, &buffer, error, errorCapacity, "close");
    archive_write_free(writer);
    *output = buffer.bytes;
    *outputLength = buffer.length;
    return 0;
}

void arabictext_archive_free(void *buffer) { free(buffer); }
