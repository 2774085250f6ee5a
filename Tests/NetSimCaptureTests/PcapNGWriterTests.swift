import Testing
import NetSimCapture

/// Byte layouts worked out by hand from the pcapng specification (little-endian throughout).
@Suite("pcapng writer")
struct PcapNGWriterTests {
    /// SHB: type, length 44, magic, version 1.0, section length -1, shb_userappl "netsim"
    /// (6 bytes, padded to 8), opt_endofopt, length again.
    @Test func sectionHeaderBlock() {
        let bytes = PcapNGWriter(interfaces: []).header()
        #expect(bytes == [
            0x0A, 0x0D, 0x0D, 0x0A, 44, 0, 0, 0,
            0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0,
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            4, 0, 6, 0, 0x6E, 0x65, 0x74, 0x73, 0x69, 0x6D, 0, 0,  // shb_userappl "netsim"
            0, 0, 0, 0,  // opt_endofopt
            44, 0, 0, 0,
        ])
    }

    /// A comment adds opt_comment before shb_userappl: "seed 1" is 6 bytes, padded to 8.
    @Test func sectionComment() {
        let bytes = PcapNGWriter(interfaces: [], comment: "seed 1").header()
        #expect(bytes.count == 56)
        #expect(Array(bytes[4..<8]) == [56, 0, 0, 0])
        #expect(Array(bytes[24..<36]) == [1, 0, 6, 0, 0x73, 0x65, 0x65, 0x64, 0x20, 0x31, 0, 0])
        #expect(Array(bytes[52..<56]) == [56, 0, 0, 0])
    }

    /// IDB after the SHB: linktype 1, reserved, snaplen 0, if_name "r1:eth0" (7 bytes, padded to
    /// 8), if_tsresol 9 (1 byte, padded to 4), opt_endofopt: 44 bytes.
    @Test func interfaceDescriptionBlock() {
        let bytes = PcapNGWriter(interfaces: [CaptureInterface(name: "r1:eth0")]).header()
        #expect(Array(bytes.dropFirst(44)) == [
            1, 0, 0, 0, 44, 0, 0, 0,
            1, 0, 0, 0, 0, 0, 0, 0,
            2, 0, 7, 0, 0x72, 0x31, 0x3A, 0x65, 0x74, 0x68, 0x30, 0,  // if_name
            9, 0, 1, 0, 9, 0, 0, 0,  // if_tsresol: nanoseconds
            0, 0, 0, 0,
            44, 0, 0, 0,
        ])
    }

    /// A description of exactly four bytes needs no padding; one IDB per interface, in order.
    @Test func interfaceDescriptionsInOrder() {
        let bytes = PcapNGWriter(interfaces: [CaptureInterface(name: "a:b", description: "to x"),
                                              CaptureInterface(name: "c:d")]).header()
        let first = Array(bytes[44..<(44 + 48)])
        #expect(first == [
            1, 0, 0, 0, 48, 0, 0, 0,
            1, 0, 0, 0, 0, 0, 0, 0,
            2, 0, 3, 0, 0x61, 0x3A, 0x62, 0,  // if_name "a:b"
            3, 0, 4, 0, 0x74, 0x6F, 0x20, 0x78,  // if_description "to x"
            9, 0, 1, 0, 9, 0, 0, 0,
            0, 0, 0, 0,
            48, 0, 0, 0,
        ])
        #expect(bytes.count == 44 + 48 + 40)
        #expect(Array(bytes[(44 + 48 + 16)..<(44 + 48 + 24)]) == [2, 0, 3, 0, 0x63, 0x3A, 0x64, 0])
    }

    /// EPB: interface 1, timestamp 5 000 000 001 ns = 0x1_2A05_F201 split high/low, 5 bytes of
    /// data padded to 8, epb_flags outbound (0b10), opt_endofopt: 52 bytes.
    @Test func enhancedPacketBlock() {
        let writer = PcapNGWriter(interfaces: [CaptureInterface(name: "a:b"), CaptureInterface(name: "c:d")])
        let bytes = writer.record(CapturePacket(interface: 1, timestamp: 5_000_000_001, direction: .outbound,
                                                bytes: [0xAA, 0xBB, 0xCC, 0xDD, 0xEE]))
        #expect(bytes == [
            6, 0, 0, 0, 52, 0, 0, 0,
            1, 0, 0, 0,  // interface ID
            1, 0, 0, 0, 0x01, 0xF2, 0x05, 0x2A,  // timestamp high, low
            5, 0, 0, 0, 5, 0, 0, 0,  // captured, original length
            0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0, 0, 0,
            2, 0, 4, 0, 2, 0, 0, 0,  // epb_flags: outbound
            0, 0, 0, 0,
            52, 0, 0, 0,
        ])
    }

    @Test func inboundFlagAndNoOptionsWithoutDirection() {
        let writer = PcapNGWriter(interfaces: [CaptureInterface(name: "a:b")])
        let inbound = writer.record(CapturePacket(interface: 0, timestamp: 7, direction: .inbound, bytes: [1, 2, 3, 4]))
        #expect(inbound.count == 48)
        #expect(Array(inbound[32..<40]) == [2, 0, 4, 0, 1, 0, 0, 0])
        let unknown = writer.record(CapturePacket(interface: 0, timestamp: 7, direction: nil, bytes: [1, 2, 3, 4]))
        #expect(unknown == [
            6, 0, 0, 0, 36, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0,
            4, 0, 0, 0, 4, 0, 0, 0,
            1, 2, 3, 4,
            36, 0, 0, 0,
        ])
    }

    /// Every block's length is a multiple of four and appears at both ends, whatever the data length.
    @Test(arguments: 58...66) func blockLengthsFrameTheBlock(length: Int) {
        let writer = PcapNGWriter(interfaces: [CaptureInterface(name: "r1:eth0", description: "to r2:eth0")])
        #expect(writer.header().count % 4 == 0)
        let record = writer.record(CapturePacket(interface: 0, timestamp: 1, direction: .inbound,
                                                 bytes: [UInt8](repeating: 0x55, count: length)))
        let total = Int(record[4]) | Int(record[5]) << 8
        #expect(total == record.count)
        #expect(total % 4 == 0)
        #expect(Array(record.suffix(4)) == Array(record[4..<8]))
        #expect(total == 12 + 20 + (length + 3) / 4 * 4 + 12)
    }
}
