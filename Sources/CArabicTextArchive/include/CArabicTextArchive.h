// Plain C entry points over libarchive for reading archives and compressed
// files (and, for tests and fuzzing, writing them).
//
// Reading enables every archive format and compression filter libarchive
// reads natively, except the two that reach outside the archive: mtree (its
// entries name files on the local disk, which libarchive would open) and
// filters that run an external program (lrzip, grzip, and any other whose
// library was not built in). The uu and rpm filters are left out too: they
// would rewrite a compressed text that merely looks like them. A lone
// compressed stream (a `.gz` of a text) is read as one member: libarchive's
// "raw" format (or its "empty" format, for an empty stream).
#ifndef CARABICTEXT_ARCHIVE_H
#define CARABICTEXT_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An archive being read: libarchive's reader plus the input it reads from.
typedef struct arabictext_archive arabictext_archive;

/// Statuses of `arabictext_archive_open_*`, `_next` and `_read`.
enum {
    /// Done as asked.
    ARABICTEXT_ARCHIVE_OK = 0,
    /// No more entries.
    ARABICTEXT_ARCHIVE_END = 1,
    /// This entry failed (or its data is damaged); the next one may be read.
    ARABICTEXT_ARCHIVE_FAILED = -1,
    /// The archive cannot be read any further.
    ARABICTEXT_ARCHIVE_FATAL = -2,
};

/// Entry types.
enum {
    ARABICTEXT_ENTRY_REGULAR = 0,
    ARABICTEXT_ENTRY_DIRECTORY = 1,
    ARABICTEXT_ENTRY_SYMBOLIC_LINK = 2,
    ARABICTEXT_ENTRY_HARD_LINK = 3,
    ARABICTEXT_ENTRY_OTHER = 4,
};

/// What `arabictext_archive_next` found. The strings stay valid until the next call.
typedef struct {
    /// The path inside the archive, as UTF-8 when libarchive can give it so,
    /// else as stored. For a lone compressed stream: "data" (the caller names it).
    const char *name;
    /// The uncompressed size the entry declares, or -1 when it declares none.
    int64_t size;
    /// One of the ARABICTEXT_ENTRY_ values.
    int32_t type;
    /// Non-zero when the entry's data is encrypted.
    int32_t encrypted;
    /// The target of a link, or NULL.
    const char *link;
} arabictext_archive_entry;

/// A new reader, or NULL when memory runs out.
arabictext_archive *arabictext_archive_new(void);

/// Starts reading from an open file descriptor (not closed by the reader).
/// `seekable`: the descriptor is a regular file that may be sought (zip and
/// 7z need it). `prefix`: bytes already read from the descriptor, read
/// again first (for streams that were peeked at; must be empty when
/// seekable); copied. Returns an ARABICTEXT_ARCHIVE_ status; on failure see
/// `arabictext_archive_error`.
int arabictext_archive_open_descriptor(arabictext_archive *archive, int descriptor, int seekable,
                                       const uint8_t *prefix, size_t prefixLength);

/// Starts reading from bytes in memory (not copied: they must outlive the reader).
int arabictext_archive_open_memory(arabictext_archive *archive, const uint8_t *bytes, size_t length);

/// Reads the next entry's header into `entry`. Returns OK, END, FAILED (this
/// entry is unusable; call again for the next) or FATAL.
int arabictext_archive_next(arabictext_archive *archive, arabictext_archive_entry *entry);

/// Reads up to `capacity` bytes of the current entry's data (holes of
/// sparse entries as zeros). Returns the number of bytes, 0 at the end of
/// the entry, ARABICTEXT_ARCHIVE_FAILED or ARABICTEXT_ARCHIVE_FATAL.
int64_t arabictext_archive_read(arabictext_archive *archive, uint8_t *buffer, int64_t capacity);

/// libarchive's message for the last failure (never NULL; "" when it gave none).
const char *arabictext_archive_error(arabictext_archive *archive);

/// The error number of the last failure (an errno value, or -1 for a format problem).
int arabictext_archive_error_number(arabictext_archive *archive);

/// The archive format's name as libarchive gives it ("ZIP 2.0 (deflation)",
/// "GNU tar format", "raw", "Empty file"), or "" before the first entry.
const char *arabictext_archive_format_name(arabictext_archive *archive);

/// libarchive's format code without its variant bits (ARCHIVE_FORMAT_TAR,
/// ARCHIVE_FORMAT_ZIP, ...: 0x30000, 0x50000, ...), 0 before the first entry.
int arabictext_archive_format_code(arabictext_archive *archive);

/// Non-zero when the format is libarchive's "raw" or "empty": the input is
/// a lone (compressed) stream, not an archive of entries.
int arabictext_archive_is_lone_stream(arabictext_archive *archive);

/// The names of the compression filters in use, from the file inward, joined
/// with "+" ("gzip", "xz"), into `buffer`; "" when there is none.
void arabictext_archive_filter_names(arabictext_archive *archive, char *buffer, size_t capacity);

/// Ends reading and frees the reader (NULL is allowed).
void arabictext_archive_close(arabictext_archive *archive);

/// The names of the compression filters read in-process, separated by
/// spaces ("gzip bzip2 xz lzma lzip zstd lz4 compress").
const char *arabictext_archive_native_filters(void);

/// libarchive's version string ("libarchive 3.6.2 zlib/1.2.13 ...").
const char *arabictext_archive_version(void);

/// Writes an archive into memory: `format` is a libarchive format name
/// ("zip", "ustar", "pax", "gnutar", "cpio", "7zip", "raw"), `filter` a
/// filter name ("none", "gzip", "bzip2", "xz", "zstd", "lz4", "lzip", ...).
/// Entry `k` has name `names[k]`, type `types[k]` (regular, directory or
/// symbolic link, whose target is its data) and `sizes[k]` bytes at
/// `data[k]`. On success returns 0 and sets `*output` (free it with
/// `arabictext_archive_free`) and `*outputLength`; else returns -1 and
/// writes libarchive's message into `error`.
int arabictext_archive_write_memory(const char *format, const char *filter, int32_t count,
                                    const char *const *names, const int32_t *types,
                                    const uint8_t *const *data, const int64_t *sizes,
                                    uint8_t **output, size_t *outputLength,
                                    char *error, size_t errorCapacity);

/// Frees a buffer from `arabictext_archive_write_memory`.
void arabictext_archive_free(void *buffer);

#ifdef __cplusplus
}
#endif

#endif
