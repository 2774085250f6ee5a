import Testing
import NetSimCapture

/// The classic libpcap layout with the nanosecond magic, worked out by hand.
@Suite("pcap writer")
struct PcapWriterTests {
    @Test func fileHeader() {
        #expect(PcapWriter().header() == [
            0x4D, 0x3C, 0xB2, 0xA1,  // 0xa1b23c4d: nanosecond timestamps
            2, 0, 4, 0,  // version 2.4
            0, 0, 0, 0,  // thiszone
            0, 0, 0, 0,  // sigfigs
            0, 0, 4, 0,  // snaplen 262144
            1, 0, 0, 0,  // LINKTYPE_ETHERNET
        ])
        #expect(Array(PcapWriter(snapLength: 65_535).header()[16..<20]) == [0xFF, 0xFF, 0, 0])
    }

    /// 1.500000123 s: seconds 1, nanoseconds 500000123 = 0x1DCD657B; no padding after the data.
    @Test func packetRecord() {
        let bytes = PcapWriter().record(CapturePacket(interface: 0, timestamp: 1_500_000_123, direction: .inbound,
                                                      bytes: [9, 8, 7]))
        #expect(bytes == [
            1, 0, 0, 0,
            0x7B, 0x65, 0xCD, 0x1D,
            3, 0, 0, 0, 3, 0, 0, 0,
            9, 8, 7,
        ])
    }
}
