import Foundation
import Testing
import NetSimCapture

@Suite("Atomic capture file")
final class AtomicCaptureFileTests {
    /// A fresh empty directory per test, removed afterwards.
    private let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("netsim-capture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func commitPutsTheWholeFileInPlace() throws {
        let path = directory.appendingPathComponent("out.pcapng").path
        let file = try AtomicCaptureFile(path: path)
        let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0) }  // more than one buffer's worth
        try file.write([1, 2, 3])
        try file.write(big)
        #expect(!FileManager.default.fileExists(atPath: path))
        try file.commit()
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == [1, 2, 3] + big)
        #expect(try contents() == ["out.pcapng"])
    }

    /// Until commit, an existing capture stays as it was; discarding (or dropping the file)
    /// leaves it untouched and removes the temporary file.
    @Test func anUncommittedCaptureChangesNothing() throws {
        let path = directory.appendingPathComponent("old.pcap").path
        try Data([7, 7, 7]).write(to: URL(fileURLWithPath: path))
        let discarded = try AtomicCaptureFile(path: path)
        try discarded.write([1, 2, 3])
        #expect(try contents().count == 2)
        discarded.discard()
        do {
            let dropped = try AtomicCaptureFile(path: path)
            try dropped.write([4, 5, 6])
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == [7, 7, 7])
        #expect(try contents() == ["old.pcap"])
    }

    @Test func commitReplacesAnExistingFile() throws {
        let path = directory.appendingPathComponent("again.pcapng").path
        try Data([7, 7, 7, 7, 7]).write(to: URL(fileURLWithPath: path))
        let file = try AtomicCaptureFile(path: path)
        try file.write([1])
        try file.commit()
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == [1])
    }

    /// An unwritable destination is reported when the file is created, before any run.
    @Test func unwritableDestinations() throws {
        let missing = directory.appendingPathComponent("no/such/dir/out.pcapng").path
        #expect(throws: AtomicCaptureFile.Failure.self) { try AtomicCaptureFile(path: missing) }
        do {
            _ = try AtomicCaptureFile(path: missing)
        } catch {
            #expect(error.description == "cannot write \(missing): No such file or directory")
        }
        do {
            _ = try AtomicCaptureFile(path: directory.path)
            Issue.record("a directory was accepted as a capture file")
        } catch {
            #expect(error.description == "cannot write \(directory.path): it is a directory")
        }
        #expect(try contents().isEmpty)
    }
}
