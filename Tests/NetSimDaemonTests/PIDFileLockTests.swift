import Foundation
import NetSimDaemonClient
import Testing

@Suite struct PIDFileLockTests {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netsim-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func theLockProvesLifeAndRefusesASecondHolder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("daemon.pid")
        #expect(!PIDFileLock.isHeld(file))
        let lock = try PIDFileLock.acquire(file)
        #expect(PIDFileLock.isHeld(file))
        #expect(PIDFileLock.readPID(file) == getpid())
        #expect(throws: DaemonClientError.alreadyRunning(name: directory.lastPathComponent, pid: getpid())) {
            _ = try PIDFileLock.acquire(file)
        }
        lock.release()
        #expect(!PIDFileLock.isHeld(file))
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func aPIDFileNobodyLocksIsStale() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let home = DaemonHome(root: directory)
        let paths = try home.paths(for: "old")
        try FileManager.default.createDirectory(at: paths.directory, withIntermediateDirectories: true)
        try "999999\n".write(to: paths.pidFile, atomically: true, encoding: .utf8)
        let entries = DaemonDirectory(home: home).entries()
        #expect(entries.map(\.name) == ["old"])
        #expect(entries.first?.state == .stale)
        #expect(entries.first?.pid == 999_999)
        #expect(throws: DaemonClientError.stale(name: "old", pid: 999_999)) { _ = try DaemonClient.named("old", home: home) }
        #expect(DaemonDirectory(home: home).clean(entries[0]))
        #expect(DaemonDirectory(home: home).entries().isEmpty)
        #expect(throws: DaemonClientError.notRunning("old")) { _ = try DaemonClient.named("old", home: home) }
    }

    @Test func namesMustBeSafeDirectoryNames() throws {
        for good in ["lab", "ci-test", "my_net.2", "A1"] { try DaemonHome.check(name: good) }
        for bad in ["", ".hidden", "a/b", "..", "sp ace", String(repeating: "x", count: 65), "ünï"] {
            #expect(throws: DaemonClientError.invalidName(bad)) { try DaemonHome.check(name: bad) }
        }
    }

    @Test func homeComesFromTheEnvironment() {
        #expect(DaemonHome.fromEnvironment(["NETSIM_HOME": "/x/y", "HOME": "/h"]).root.path == "/x/y")
        #expect(DaemonHome.fromEnvironment(["HOME": "/h"]).root.path == "/h/.netsim")
        #expect(DaemonHome.fromEnvironment(["NETSIM_HOME": "", "HOME": "/h"]).root.path == "/h/.netsim")
    }
}
