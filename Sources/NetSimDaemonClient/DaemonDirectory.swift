import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The daemons under one `DaemonHome`: which run, which are stale, and stopping them.
public struct DaemonDirectory: Sendable {
    public enum State: Sendable, Equatable {
        /// The PID file's lock is held: the daemon runs.
        case running
        /// A PID file nobody holds: the daemon crashed or was killed.
        case stale
    }

    public struct Entry: Sendable, Equatable {
        public var name: String
        public var paths: DaemonPaths
        public var state: State
        public var pid: Int32?
        /// Nil while a daemon is still starting (it writes the record once ready) or when stale
        /// without one.
        public var record: DaemonRecord?
    }

    public let home: DaemonHome

    public init(home: DaemonHome = .fromEnvironment()) { self.home = home }

    /// Every directory with a PID file, sorted by name.
    public func entries() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: home.root.path)) ?? []
        return names.sorted().compactMap { name in
            guard let paths = try? home.paths(for: name),
                  FileManager.default.fileExists(atPath: paths.pidFile.path) else { return nil }
            return entry(paths)
        }
    }

    /// The entry of one daemon, or nil when it has no PID file.
    public func entry(named name: String) throws(DaemonClientError) -> Entry? {
        let paths = try home.paths(for: name)
        guard FileManager.default.fileExists(atPath: paths.pidFile.path) else { return nil }
        return entry(paths)
    }

    private func entry(_ paths: DaemonPaths) -> Entry {
        Entry(name: paths.name, paths: paths, state: PIDFileLock.isHeld(paths.pidFile) ? .running : .stale,
              pid: PIDFileLock.readPID(paths.pidFile), record: DaemonRecord.read(paths.record))
    }

    /// The paths of a running daemon, or why there is none.
    public func running(_ name: String) throws(DaemonClientError) -> DaemonPaths {
        guard let entry = try entry(named: name) else { throw .notRunning(name) }
        guard entry.state == .running else { throw .stale(name: name, pid: entry.pid ?? 0) }
        return entry.paths
    }

    /// Removes what a stale daemon left behind (its log and standard error stay). A running
    /// daemon is never touched: its lock is checked again first.
    @discardableResult
    public func clean(_ entry: Entry) -> Bool {
        guard !PIDFileLock.isHeld(entry.paths.pidFile) else { return false }
        for file in entry.paths.runtimeFiles { unlink(file.path) }
        return true
    }

    public enum StopOutcome: Sendable, Equatable {
        /// It shut down on SIGTERM within the grace period.
        case stopped(pid: Int32)
        /// It ignored SIGTERM and was killed.
        case killed(pid: Int32)
    }

    /// SIGTERM, then SIGKILL when the daemon still holds its lock after `grace` seconds.
    public func stop(_ name: String, grace: Double = 5) throws(DaemonClientError) -> StopOutcome {
        let paths = try running(name)
        guard let pid = PIDFileLock.readPID(paths.pidFile), pid > 0 else {
            throw .protocolError("\(paths.pidFile.path) holds no PID")
        }
        kill(pid, SIGTERM)
        if waitForRelease(paths.pidFile, seconds: grace) { return .stopped(pid: pid) }
        kill(pid, SIGKILL)
        _ = waitForRelease(paths.pidFile, seconds: 5)
        if let entry = try entry(named: name) { clean(entry) }
        return .killed(pid: pid)
    }

    private func waitForRelease(_ pidFile: URL, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !PIDFileLock.isHeld(pidFile) { return true }
            usleep(20_000)
        }
        return !PIDFileLock.isHeld(pidFile)
    }
}
