#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks made on an output location **before** any work, so that a run
/// never ends by destroying an input or a device, or by failing to write
/// after an hour of computation.
///
/// ```swift
/// if let problem = OutputCheck.problem(writing: "clean.jsonl", as: .file, inputs: paths) {
///     print(problem)  // "clean.jsonl: is one of the inputs"
/// }
/// ```
public enum OutputCheck {
    /// What an output location must be.
    public enum Kind: Sendable {
        /// A file, written atomically (a symbolic link is followed).
        case file
        /// A folder that files are written into (created when missing).
        case folder
    }

    /// Why `path` cannot be written as an output of `kind`, or nil when it can.
    ///
    /// Refused: a device, FIFO or socket; a folder where a file is needed, or a
    /// file where a folder is; a path that is one of `inputs` or inside an input
    /// folder (or, for a folder output, one that holds an input); a location
    /// whose folder is missing or not writable (tested by creating and removing
    /// a file there, which also catches read-only file systems).
    /// - Parameters:
    ///   - path: the output as given.
    ///   - kind: a file or a folder.
    ///   - inputs: the input paths of the run (`-` and streams are ignored).
    /// - Complexity: O(inputs) system calls.
    public static func problem(writing path: String, as kind: Kind, inputs: [String] = []) -> String? {
        guard !path.isEmpty else { return "an output path must not be empty" }
        let target = AtomicFile.resolvingLinks(path)
        var info = stat()
        let exists = stat(target, &info) == 0
        let type = info.st_mode & S_IFMT
        switch kind {
        case .file:
            if exists && type == S_IFDIR { return "\(path): is a folder; give a file name" }
            if exists && type != S_IFREG { return "\(path): is a device or special file, not a regular file; give a file name" }
        case .folder:
            if exists && type != S_IFDIR { return "\(path): exists and is not a folder; give a folder name" }
        }
        let canonicalOutput = canonical(target)
        for input in inputs where input != "-" {
            guard FileBytes.kind(of: input) == .file || FileBytes.kind(of: input) == .directory else { continue }
            let canonicalInput = canonical(input)
            if canonicalOutput == canonicalInput { return "\(path): is one of the inputs; give another output" }
            if FileBytes.kind(of: input) == .directory && isInside(canonicalOutput, folder: canonicalInput) {
                return "\(path): is inside the input folder \(input); give an output outside it"
            }
            if kind == .folder && isInside(canonicalInput, folder: canonicalOutput) {
                return "\(path): holds the input \(input); give an output folder apart from the inputs"
            }
        }
        // Writable: the folder that will hold the file, or the nearest existing folder above a missing one.
        var folder = kind == .folder && exists ? target : parent(of: target)
        if kind == .folder && !exists {
            folder = target
            while FileBytes.kind(of: folder) == .missing {
                let up = parent(of: folder)
                if up == folder { break }
                folder = up
            }
            if FileBytes.kind(of: folder) != .directory { return "\(path): \(folder) is not a folder" }
        } else if FileBytes.kind(of: folder) == .missing {
            return "\(path): the folder \(folder) does not exist"
        } else if FileBytes.kind(of: folder) != .directory {
            return "\(path): \(folder) is not a folder"
        }
        if let reason = probeWritable(folder) { return "\(path): cannot write in \(folder): \(reason)" }
        return nil
    }

    /// The absolute path with links resolved, for a path that may not exist yet.
    static func canonical(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let up = parent(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if up == path { return path }
        return canonical(up) + "/" + name
    }

    static func parent(of path: String) -> String {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    static func isInside(_ path: String, folder: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }

    /// Creates and removes a file in `folder`; nil when that worked, else the system's reason.
    static func probeWritable(_ folder: String) -> String? {
        let probe = folder + "/.arabic-text-probe-\(getpid())"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { return FileBytes.reason(errno) }
        close(descriptor)
        unlink(probe)
        return nil
    }
}
