/// The RFC 9293 §3.1 bytes of a TCP segment: the fixed header with the data offset the options
/// need, the options in order, zero padding (end-of-option-list) to a 32-bit boundary, then the
/// data. The checksum covers the pseudo-header (source, destination, zero, protocol 6, TCP
/// length), so encoding and decoding need the IPv4 addresses. Options beyond the 40 bytes the
/// data offset can describe cannot be put on the wire; such a value is encoded with the offset
/// truncated.
extension TCPSegment {
    public func encoded(source: IPv4Address, destination: IPv4Address) -> [UInt8] {
        [UInt8](capacity: wireLength) { encode(into: &$0, source: source, destination: destination) }
    }

    func encode(into bytes: inout [UInt8], source: IPv4Address, destination: IPv4Address) {
        let start = bytes.count
        encodeFixedHeader(into: &bytes, checksum: 0)
        for option in options { option.encode(into: &bytes) }
        bytes.appendZeros(headerLength - TCPSegment.minimumHeaderLength - optionsLength)
        bytes.append(contentsOf: payload)
        var checksum = InternetChecksum.pseudoHeader(source: source, destination: destination,
                                                     protocolNumber: TCPSegment.ipProtocol, length: wireLength)
        checksum.add(bytes[start...])
        bytes.storeBigEndian(checksum.value, at: start + 16)
    }

    /// The 20 bytes before the options (RFC 2385 signs them with a zero checksum).
    func encodeFixedHeader(into bytes: inout [UInt8], checksum: UInt16) {
        bytes.appendBigEndian(sourcePort)
        bytes.appendBigEndian(destinationPort)
        bytes.appendBigEndian(sequenceNumber)
        bytes.appendBigEndian(acknowledgmentNumber)
        bytes.append(UInt8(truncatingIfNeeded: headerLength / 4) << 4)
        bytes.append(flags.rawValue)
        bytes.appendBigEndian(window)
        bytes.appendBigEndian(checksum)
        bytes.appendBigEndian(urgentPointer)
    }

    /// Decodes exactly one segment sent from `source` to `destination`.
    public init(decoding bytes: some Collection<UInt8>, source: IPv4Address,
                destination: IPv4Address) throws(WireDecodingError) {
        var reader = ByteReader(bytes, context: "TCP segment")
        try self.init(reading: &reader, source: source, destination: destination)
        try reader.expectEnd()
    }

    /// Reads a segment that fills the rest of `reader` (the IPv4 payload). The checksum must
    /// verify, the reserved bits be zero and the data offset fit; options must be well formed
    /// (MSS of length 4, MD5 of length 18, no length below 2 or past the header), and the
    /// padding after them zeros short of a 32-bit word, as the encoder writes it, so that
    /// every segment read re-encodes to the same bytes.
    init(reading reader: inout ByteReader, source: IPv4Address, destination: IPv4Address) throws(WireDecodingError) {
        let start = reader.offset, end = reader.end
        try reader.require(TCPSegment.minimumHeaderLength, for: "TCP header")
        try reader.verifyInternetChecksum(
            over: [start..<end], checksumOffset: start + 16, field: "TCP checksum",
            seed: InternetChecksum.pseudoHeader(source: source, destination: destination,
                                                protocolNumber: TCPSegment.ipProtocol, length: end - start))
        let sourcePort = try reader.readUInt16()
        let destinationPort = try reader.readUInt16()
        let sequence = try reader.readUInt32()
        let acknowledgment = try reader.readUInt32()
        let offsetByte = try reader.readUInt8()
        guard offsetByte & 0x0F == 0 else {
            throw WireDecodingError(.invalid(UInt32(offsetByte & 0x0F)), field: "TCP reserved bits", offset: start + 12)
        }
        let headerLength = Int(offsetByte >> 4) * 4
        guard headerLength >= TCPSegment.minimumHeaderLength else {
            throw WireDecodingError(.invalid(UInt32(offsetByte >> 4)), field: "TCP data offset", offset: start + 12)
        }
        guard headerLength <= end - start else {
            throw WireDecodingError(.badLength(headerLength), field: "TCP data offset", offset: start + 12)
        }
        let flags = TCPFlags(rawValue: try reader.readUInt8())
        let window = try reader.readUInt16()
        try reader.skip(2)
        let urgentPointer = try reader.readUInt16()
        var optionBytes = try reader.split(headerLength - TCPSegment.minimumHeaderLength, context: "TCP options")
        let options = try TCPOption.readList(&optionBytes)
        let payload = try reader.readBytes(reader.remaining)
        self.init(sourcePort: sourcePort, destinationPort: destinationPort, sequenceNumber: sequence,
                  acknowledgmentNumber: acknowledgment, flags: flags, window: window, urgentPointer: urgentPointer,
                  options: options, payload: payload)
    }
}

extension TCPOption {
    func encode(into bytes: inout [UInt8]) {
        bytes.append(kind)
        switch self {
        case .noOperation:
            return
        case .maximumSegmentSize(let value):
            bytes.append(4)
            bytes.appendBigEndian(value)
        case .md5Signature(let data), .other(_, let data):
            bytes.append(UInt8(truncatingIfNeeded: 2 + data.count))
            bytes.append(contentsOf: data)
        }
    }

    /// Reads the options area up to its end: options, then at most three bytes of zero padding
    /// starting with end-of-option-list.
    static func readList(_ reader: inout ByteReader) throws(WireDecodingError) -> [TCPOption] {
        var options: [TCPOption] = []
        while reader.remaining > 0 {
            let offset = reader.offset
            let kind = try reader.readUInt8()
            switch kind {
            case kindEndOfList:
                let padding = reader.remaining + 1
                for byte in try reader.readBytes(reader.remaining) where byte != 0 {
                    throw WireDecodingError(.invalid(UInt32(byte)), field: "TCP option padding", offset: offset)
                }
                guard padding < 4 else {
                    // Legal, but longer than the padding netsim writes: re-encoding would differ.
                    throw WireDecodingError(.unsupported(UInt32(padding)), field: "TCP option padding", offset: offset)
                }
            case kindNoOperation:
                options.append(.noOperation)
            default:
                let length = Int(try reader.readUInt8())
                guard length >= 2 else {
                    throw WireDecodingError(.invalid(UInt32(length)), field: "TCP option length", offset: offset + 1)
                }
                guard length - 2 <= reader.remaining else {
                    throw WireDecodingError(.badLength(length), field: "TCP option length", offset: offset + 1)
                }
                let data = try reader.readBytes(length - 2)
                switch kind {
                case kindMaximumSegmentSize:
                    guard length == 4 else {
                        throw WireDecodingError(.badLength(length), field: "TCP MSS option length", offset: offset + 1)
                    }
                    options.append(.maximumSegmentSize(UInt16(data[0]) << 8 | UInt16(data[1])))
                case kindMD5Signature:
                    guard length == 2 + md5DigestLength else {
                        throw WireDecodingError(.badLength(length), field: "TCP MD5 option length", offset: offset + 1)
                    }
                    options.append(.md5Signature(data))
                default:
                    options.append(.other(kind: kind, data: data))
                }
            }
        }
        return options
    }
}
