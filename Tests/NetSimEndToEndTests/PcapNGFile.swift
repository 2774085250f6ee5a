/// A small pcapng reader for the tests: walks the blocks of a little-endian file with one
/// section, checks the framing (block lengths at both ends, 32-bit alignment, options in
/// bounds) and collects the interfaces and packets. Independent of the writer on purpose.
struct PcapNGFile {
    struct Interface: Equatable {
        var linkType: UInt16
        var snapLength: UInt32
        var name: String?
        var description: String?
        var timestampResolution: UInt8?
    }

    struct Packet: Equatable {
        var interface: Int
        var timestamp: UInt64
        var originalLength: Int
        /// `epb_flags`, when present: bits 0-1 are 1 inbound, 2 outbound.
        var flags: UInt32?
        var data: [UInt8]
    }

    private(set) var comment: String?
    private(set) var application: String?
    private(set) var interfaces: [Interface] = []
    private(set) var packets: [Packet] = []

    init(_ bytes: [UInt8]) throws {
        let reader = LittleEndianReader(bytes: bytes)
        guard bytes.count >= 28, try reader.u32(0) == 0x0A0D_0D0A, try reader.u32(8) == 0x1A2B_3C4D else {
            throw MalformedCapture("no little-endian section header block at the start")
        }
        var offset = 0
        while offset < bytes.count {
            guard offset + 12 <= bytes.count else { throw MalformedCapture("truncated block at \(offset)") }
            let type = try reader.u32(offset)
            let length = Int(try reader.u32(offset + 4))
            guard length >= 12, length % 4 == 0, offset + length <= bytes.count,
                  Int(try reader.u32(offset + length - 4)) == length else {
                throw MalformedCapture("bad block length \(length) at \(offset)")
            }
            try readBlock(type: type, body: offset + 8..<offset + length - 4, at: offset, reader)
            offset += length
        }
    }

    private mutating func readBlock(type: UInt32, body: Range<Int>, at offset: Int, _ reader: LittleEndianReader) throws {
        let start = body.lowerBound
        switch type {
        case 0x0A0D_0D0A:
            guard offset == 0, try reader.u16(start + 4) == 1, try reader.u16(start + 6) == 0 else {
                throw MalformedCapture("a second section, or not version 1.0")
            }
            for (code, value) in try Self.options(start + 16..<body.upperBound, reader) {
                if code == 1 { comment = String(decoding: value, as: UTF8.self) }
                if code == 4 { application = String(decoding: value, as: UTF8.self) }
            }
        case 1:
            var interface = Interface(linkType: try reader.u16(start), snapLength: try reader.u32(start + 4))
            for (code, value) in try Self.options(start + 8..<body.upperBound, reader) {
                if code == 2 { interface.name = String(decoding: value, as: UTF8.self) }
                if code == 3 { interface.description = String(decoding: value, as: UTF8.self) }
                if code == 9, value.count == 1 { interface.timestampResolution = value[0] }
            }
            interfaces.append(interface)
        case 6:
            let interface = Int(try reader.u32(start))
            let captured = Int(try reader.u32(start + 12))
            let padded = (captured + 3) / 4 * 4
            guard interface < interfaces.count, start + 20 + padded <= body.upperBound else {
                throw MalformedCapture("packet at \(offset) for an unknown interface or longer than its block")
            }
            var packet = Packet(interface: interface,
                                timestamp: UInt64(try reader.u32(start + 4)) << 32 | UInt64(try reader.u32(start + 8)),
                                originalLength: Int(try reader.u32(start + 16)),
                                data: try reader.bytes(start + 20..<start + 20 + captured))
            for (code, value) in try Self.options(start + 20 + padded..<body.upperBound, reader) where code == 2 {
                packet.flags = try LittleEndianReader(bytes: value).u32(0)
            }
            packets.append(packet)
        default:
            throw MalformedCapture("unexpected block type \(type) at \(offset)")
        }
    }

    /// Options up to `opt_endofopt` (or the end of the block body).
    private static func options(_ range: Range<Int>, _ reader: LittleEndianReader) throws -> [(UInt16, [UInt8])] {
        var found: [(UInt16, [UInt8])] = []
        var offset = range.lowerBound
        while offset < range.upperBound {
            let code = try reader.u16(offset)
            let length = Int(try reader.u16(offset + 2))
            if code == 0 { break }
            guard offset + 4 + length <= range.upperBound else { throw MalformedCapture("option overruns its block") }
            found.append((code, try reader.bytes(offset + 4..<offset + 4 + length)))
            offset += 4 + (length + 3) / 4 * 4
        }
        return found
    }
}
