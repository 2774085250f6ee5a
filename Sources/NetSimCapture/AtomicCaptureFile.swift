import Foundation

/// A capture file that appears whole or not at all: bytes go to a temporary file beside the
/// destination (".NAME.tmp-PID"), and `commit()` renames it into place. Until then the
/// destination is untouched; `discard()` (or dropping an uncommitted file) removes the
/// temporary file, so a failed run never leaves a truncated capture behind.
public final class AtomicCaptureFile: CaptureOutput {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public let path: String
    let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var closed = false
    /// The first failed write; `commit()` reports it instead of renaming.
    private var writeFailure: Failure?
    private static let flushThreshold = 1 << 16

    /// Creates the temporary file now, so that an unwritable destination is reported before a
    /// simulation runs.
    public init(path: String) throws(Failure) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Failure(description: "cannot write \(path): it is a directory")
        }
        let url = URL(fileURLWithPath: path)
        self.path = path
        temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)").path
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit { discard() }

    public func write(_ bytes: [UInt8]) throws(Failure) {
        if let writeFailure { throw writeFailure }
        buffer += bytes
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes what is buffered and renames the temporary file to the destination; after a failed
    /// write, removes the temporary file and reports that failure instead.
    public func commit() throws(Failure) {
        precondition(!closed, "capture file already committed or discarded")
        do throws(Failure) {
            if let writeFailure { throw writeFailure }
            try flush()
            do {
                try handle.synchronize()
                try handle.close()
            } catch {
                throw failure(error)
            }
        } catch {
            discard()
            throw error
        }
        closed = true
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw Failure(description: "cannot write \(path): \(reason)")
        }
    }

    /// Abandons the capture: removes the temporary file and leaves the destination as it was.
    public func discard() {
        guard !closed else { return }
        closed = true
        try? handle.close()
        unlink(temporaryPath)
    }

    /// Writes what is buffered to the temporary file now (whole records, as they were written),
    /// so a reader of the temporary file sees the capture so far; the destination is unchanged.
    public func flush() throws(Failure) {
        if let writeFailure { throw writeFailure }
        guard !closed, !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(buffer))
        } catch {
            let failed = failure(error)
            writeFailure = failed
            throw failed
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func failure(_ error: any Error) -> Failure {
        Failure(description: "cannot write \(path): \(error.localizedDescription)")
    }
}
