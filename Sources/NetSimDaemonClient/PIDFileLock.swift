import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The daemon's PID file and the kernel lock that proves the daemon is alive.
///
/// The daemon opens `daemon.pid`, takes an exclusive `flock` on it and keeps the descriptor open
/// for its whole life; the kernel drops the lock when the process ends, however it ends. So a
/// PID file whose lock can be taken belongs to a daemon that is gone (stale), and a second daemon
/// with the same name cannot start while the first holds the lock.
public final class PIDFileLock {
    private let descriptor: Int32
    public let url: URL

    private init(descriptor: Int32, url: URL) {
        self.descriptor = descriptor
        self.url = url
    }

    /// Takes the lock and writes this process's PID, or reports the live holder.
    public static func acquire(_ url: URL) throws(DaemonClientError) -> PIDFileLock {
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .connection("cannot open \(url.path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = readPID(url) ?? 0
            close(descriptor)
            throw .alreadyRunning(name: url.deletingLastPathComponent().lastPathComponent, pid: holder)
        }
        let text = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return PIDFileLock(descriptor: descriptor, url: url)
    }

    /// Removes the PID file and drops the lock (the daemon's last act).
    public func release() {
        unlink(url.path)
        close(descriptor)
    }

    /// True when some process holds the lock on the PID file at `url`.
    public static func isHeld(_ url: URL) -> Bool {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    public static func readPID(_ url: URL) -> Int32? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
