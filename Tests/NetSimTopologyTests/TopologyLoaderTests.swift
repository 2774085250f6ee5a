import Foundation
import Testing
@testable import NetSimTopology

/// Loading from disk.
@Suite struct TopologyLoaderTests {
    @Test func loadsAFileAndNamesItInDiagnostics() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("netsim-topology-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let good = directory.appendingPathComponent("triangle.yaml").path
        try SeedTopologies.ospfTriangle
            .write(toFile: good, atomically: true, encoding: .utf8)
        let spec = try TopologyLoader.load(path: good).get()
        #expect(spec.devices.count == 5)
        #expect(spec.devices[0].location.file == good)

        let bad = directory.appendingPathComponent("001.yaml").path
        try SeedTopologies.ospfTriangleMissingInterface.write(toFile: bad, atomically: true, encoding: .utf8)
        guard case let .failure(error) = TopologyLoader.load(path: bad) else {
            Issue.record("page 001's triangle loaded")
            return
        }
        #expect(error.description.contains("\(bad):54:17: error: link endpoint 'r3:eth2': device 'r3' has no interface 'eth2'"))
    }

    @Test func missingFileIsADiagnostic() {
        let path = "/nonexistent/netsim/topology.yaml"
        guard case let .failure(error) = TopologyLoader.load(path: path) else {
            Issue.record("a missing file loaded")
            return
        }
        #expect(error.description == "\(path):1:1: error: topology file not found")
    }

    @Test func directoryIsUnreadable() {
        let path = FileManager.default.temporaryDirectory.path
        guard case let .failure(error) = TopologyLoader.load(path: path) else {
            Issue.record("a directory loaded")
            return
        }
        #expect(error.diagnostics.count == 1)
        #expect(error.diagnostics[0].location == SourceLocation(file: path, line: 1, column: 1))
    }

    @Test func invalidUTF8IsADiagnostic() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("netsim-bad-utf8-\(UUID().uuidString).yaml").path
        try Data([0x6E, 0x61, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case let .failure(error) = TopologyLoader.load(path: path) else {
            Issue.record("invalid UTF-8 loaded")
            return
        }
        #expect(error.diagnostics.map(\.message) == ["cannot read topology file (is it UTF-8 text?)"])
    }
}
