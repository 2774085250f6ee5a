import Foundation

/// Where daemons keep their state: `$NETSIM_HOME`, or `~/.netsim`, with one directory per daemon
/// name. Both the daemon and its clients find everything through these paths.
public struct DaemonHome: Sendable, Equatable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// `$NETSIM_HOME` when set and not empty, otherwise `~/.netsim`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> DaemonHome {
        if let custom = environment["NETSIM_HOME"], !custom.isEmpty {
            return DaemonHome(root: URL(fileURLWithPath: custom, isDirectory: true))
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return DaemonHome(root: URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".netsim"))
    }

    /// The files of the daemon called `name` (the name is checked first).
    public func paths(for name: String) throws(DaemonClientError) -> DaemonPaths {
        try DaemonHome.check(name: name)
        return DaemonPaths(directory: root.appendingPathComponent(name, isDirectory: true))
    }

    /// Names become directory names: letters, digits, '.', '_' and '-', not starting with '.'.
    public static func check(name: String) throws(DaemonClientError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !name.isEmpty, name.count <= 64, !name.hasPrefix("."), name.allSatisfy(allowed.contains) else {
            throw .invalidName(name)
        }
    }
}

/// The files in one daemon's state directory.
public struct DaemonPaths: Sendable, Equatable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public var name: String { directory.lastPathComponent }
    /// The daemon's PID; the daemon holds an exclusive `flock` on it while it runs.
    public var pidFile: URL { directory.appendingPathComponent("daemon.pid") }
    /// The HTTP API (mode 0600).
    public var socket: URL { directory.appendingPathComponent("daemon.sock") }
    /// One JSON object per line for every event.
    public var log: URL { directory.appendingPathComponent("daemon.log") }
    /// What the daemon was started with (`DaemonRecord`).
    public var record: URL { directory.appendingPathComponent("daemon.json") }
    /// The bearer token of the TCP listener, when there is one (mode 0600).
    public var token: URL { directory.appendingPathComponent("token") }
    /// The daemon process's standard error: where a crash leaves its last words.
    public var errorLog: URL { directory.appendingPathComponent("daemon.err") }

    /// The files that describe a running daemon; `daemon.log` and `daemon.err` stay for post-mortems.
    var runtimeFiles: [URL] { [socket, record, token, pidFile] }
}
