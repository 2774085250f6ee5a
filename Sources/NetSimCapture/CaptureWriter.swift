/// A capture file format: the bytes that open the file, then one record per packet. Writers are
/// pure byte producers; where the bytes go is `CaptureOutput`'s business.
public protocol CaptureWriter: Sendable {
    /// Everything before the first packet.
    func header() -> [UInt8]
    /// One packet's record.
    func record(_ packet: CapturePacket) -> [UInt8]
}

/// The file formats `netsim run --pcap` writes.
public enum CaptureFormat: String, Sendable, CaseIterable {
    /// pcapng: every selected interface in one file, with names, directions, ns timestamps.
    case pcapng
    /// Classic libpcap with nanosecond timestamps: one interface, no names or directions.
    case pcap
}

/// Link-layer header type 1 (LINKTYPE_ETHERNET) in both formats.
let linkTypeEthernet: UInt16 = 1
