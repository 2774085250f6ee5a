import Foundation
import NetSimCapture
import NetSimEngine
import NetSimTopology
import NetSimWire

/// Stand-in bytes for a frame until the codec lands: the real Ethernet header (addresses, 802.1Q
/// tag, EtherType) and zeros for the payload, `wireLength` bytes in all. Enough for the capture
/// plumbing, which never looks inside a frame's bytes.
func headerOnlyBytes(_ frame: EthernetFrame) -> [UInt8] {
    var bytes = frame.destination.bytes + frame.source.bytes
    if let vlan = frame.vlan { bytes += [0x81, 0x00, UInt8(vlan >> 8), UInt8(vlan & 0xFF)] }
    bytes += [UInt8(frame.payload.etherType >> 8), UInt8(frame.payload.etherType & 0xFF)]
    return bytes + [UInt8](repeating: 0, count: frame.wireLength - bytes.count)
}

/// A topology from YAML text, built into a simulation (not started).
func simulation(_ yaml: String, seed: UInt64 = 1) throws -> Simulation {
    let spec = try TopologyLoader.load(yaml: yaml, file: "test.yaml").get()
    return SimulationBuilder.build(spec, seed: seed)
}

/// examples/static-triangle.yaml: r1, r2, r3 in a triangle, h1 behind r1, h3 behind r3.
func staticTriangle(seed: UInt64 = 1) throws -> Simulation {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/static-triangle.yaml").path
    return SimulationBuilder.build(try TopologyLoader.load(path: path).get(), seed: seed)
}

/// r1, r2 and r3 on one shared segment; h2 behind r2; r1:eth1 and spare:eth0 are not cabled.
let segmentYAML = """
    name: segment
    devices:
      - name: r1
        type: router
        interfaces:
          - { name: eth0, ip: 10.0.0.1/24 }
          - { name: eth1, ip: 10.0.1.1/24 }
      - name: r2
        type: router
        interfaces:
          - { name: eth0, ip: 10.0.0.2/24 }
          - { name: eth1, ip: 10.0.2.1/24 }
      - name: r3
        type: router
        interfaces:
          - { name: eth0, ip: 10.0.0.3/24 }
      - name: h2
        type: host
        interfaces:
          - { name: eth0, ip: 10.0.2.10/24, gateway: 10.0.2.1 }
      - name: spare
        type: host
        interfaces:
          - { name: eth0, ip: 10.0.9.10/24 }
    links:
      - endpoints: [r1:eth0, r2:eth0, r3:eth0]
      - endpoints: [r2:eth1, h2:eth0]
    """
