import NetSimWire

/// How `netsim run --pcap` turns a simulated frame into the bytes a capture file holds: the
/// NetSimWire codec (Ethernet header to end of payload, no FCS, padded to 60).
enum CaptureEncoder {
    static let frameBytes: @Sendable (EthernetFrame) -> [UInt8] = { $0.encoded() }
}
