/// Classic libpcap format with nanosecond timestamps (magic 0xa1b23c4d), little-endian: a
/// 24-byte file header, then per packet a 16-byte record header (seconds, nanoseconds, captured
/// and original length) and the frame. It holds a single interface and no directions.
public struct PcapWriter: CaptureWriter {
    /// 262144, libpcap's largest: the biggest simulated frame (MTU 65535 plus an 18-byte tagged
    /// header) must fit, so 65535 would be too small.
    public static let defaultSnapLength: UInt32 = 262_144
    static let nanosecondMagic: UInt32 = 0xA1B2_3C4D

    public let snapLength: UInt32

    public init(snapLength: UInt32 = PcapWriter.defaultSnapLength) {
        self.snapLength = snapLength
    }

    public func header() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendLittleEndian(Self.nanosecondMagic)
        bytes.appendLittleEndian(UInt16(2))  // major version
        bytes.appendLittleEndian(UInt16(4))  // minor version
        bytes.appendLittleEndian(Int32(0))  // thiszone: timestamps are UTC
        bytes.appendLittleEndian(UInt32(0))  // sigfigs
        bytes.appendLittleEndian(snapLength)
        bytes.appendLittleEndian(UInt32(linkTypeEthernet))
        return bytes
    }

    public func record(_ packet: CapturePacket) -> [UInt8] {
        precondition(packet.interface == 0, "classic pcap holds one interface")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 + packet.bytes.count)
        bytes.appendLittleEndian(UInt32(truncatingIfNeeded: packet.timestamp / 1_000_000_000))
        bytes.appendLittleEndian(UInt32(packet.timestamp % 1_000_000_000))
        bytes.appendLittleEndian(UInt32(packet.bytes.count))  // captured length
        bytes.appendLittleEndian(UInt32(packet.bytes.count))  // original length
        bytes += packet.bytes
        return bytes
    }
}
