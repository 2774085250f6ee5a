import Foundation
import NetSimDaemonClient
#if canImport(Glibc)
import Glibc
#endif

/// A private NETSIM_HOME for daemon tests. `withSandbox` always kills whatever daemons were
/// started in it and removes it, even when the test fails or throws.
struct DaemonSandbox {
    let home: URL

    var environment: [String: String] { ["NETSIM_HOME": home.path] }
    var client: DaemonDirectory { DaemonDirectory(home: DaemonHome(root: home)) }

    static func withSandbox<T>(_ body: (DaemonSandbox) throws -> T) throws -> T {
        // Short and under /tmp: a Unix socket path must stay under about 100 bytes.
        let home = URL(fileURLWithPath: "/tmp/netsim-test-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let sandbox = DaemonSandbox(home: home)
        defer { sandbox.tearDown() }
        return try body(sandbox)
    }

    func netsim(_ arguments: String...) throws -> NetsimBinary.Output {
        try NetsimBinary.run(arguments, environment: environment)
    }

    func netsim(arguments: [String], directory: URL? = nil) throws -> NetsimBinary.Output {
        try NetsimBinary.run(arguments, environment: environment, directory: directory)
    }

    func daemonClient(_ name: String) throws -> DaemonClient {
        try DaemonClient.named(name, home: DaemonHome(root: home))
    }

    func paths(_ name: String) throws -> DaemonPaths { try DaemonHome(root: home).paths(for: name) }

    /// Polls `condition` every 20 ms for up to `seconds`.
    func waitUntil(seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(20_000)
        }
        return try condition()
    }

    private func tearDown() {
        for entry in client.entries() where entry.state == .running {
            if let pid = entry.pid, pid > 0 { kill(pid, SIGKILL) }
        }
        _ = waitUntil(seconds: 5) { client.entries().allSatisfy { $0.state == .stale } }
        try? FileManager.default.removeItem(at: home)
    }
}
