import NetSimWire

/// INTEGRATION POINT for packet capture: how `netsim run --pcap` turns a simulated frame into the
/// bytes a capture file holds (Ethernet header to end of payload, no FCS, padded to 60).
///
/// The byte codec, `EthernetFrame.encoded()` in NetSimWire, is not on this branch yet, so capture
/// is switched off and `--pcap` is refused as "not available in this build". When the codec is
/// merged, replace `nil` below with `{ $0.encoded() }`; nothing else changes.
enum CaptureEncoder {
    static let frameBytes: (@Sendable (EthernetFrame) -> [UInt8])? = nil
}
