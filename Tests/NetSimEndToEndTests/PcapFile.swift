/// A small reader for classic little-endian pcap files with nanosecond timestamps, for the tests.
struct PcapFile {
    struct Record: Equatable {
        var timestamp: UInt64
        var originalLength: Int
        var data: [UInt8]
    }

    let snapLength: UInt32
    let linkType: UInt32
    private(set) var records: [Record] = []

    init(_ bytes: [UInt8]) throws {
        let reader = LittleEndianReader(bytes: bytes)
        guard bytes.count >= 24, try reader.u32(0) == 0xA1B2_3C4D, try reader.u16(4) == 2, try reader.u16(6) == 4 else {
            throw MalformedCapture("not a little-endian nanosecond pcap file, version 2.4")
        }
        snapLength = try reader.u32(16)
        linkType = try reader.u32(20)
        var offset = 24
        while offset < bytes.count {
            let seconds = UInt64(try reader.u32(offset))
            let nanoseconds = UInt64(try reader.u32(offset + 4))
            let captured = Int(try reader.u32(offset + 8))
            guard nanoseconds < 1_000_000_000 else { throw MalformedCapture("nanoseconds out of range at \(offset)") }
            records.append(Record(timestamp: seconds * 1_000_000_000 + nanoseconds,
                                  originalLength: Int(try reader.u32(offset + 12)),
                                  data: try reader.bytes(offset + 16..<offset + 16 + captured)))
            offset += 16 + captured
        }
    }
}
