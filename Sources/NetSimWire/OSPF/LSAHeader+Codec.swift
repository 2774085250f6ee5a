/// The 20 bytes of an LSA header (RFC 2328 A.4.1), alone in Database Description and Link
/// State Acknowledgment packets and at the head of every LSA.
extension LSAHeader: WireReadable {
    static let wireName = "LSA header"

    public func encoded() -> [UInt8] {
        [UInt8](capacity: LSAHeader.wireLength, writing: encode(into:))
    }

    public func encode(into bytes: inout [UInt8]) {
        bytes.appendBigEndian(age)
        bytes.append(options)
        bytes.append(key.type.rawValue)
        bytes.appendBigEndian(key.linkStateID.value)
        bytes.appendBigEndian(key.advertisingRouter.value)
        bytes.appendBigEndian(UInt32(bitPattern: sequence))
        bytes.appendBigEndian(checksum)
        bytes.appendBigEndian(length)
    }

    /// Decodes exactly 20 bytes. Without the body neither the length nor the checksum can be
    /// checked; the type must be one netsim models (1-5).
    public init(decoding bytes: some Collection<UInt8>) throws(WireDecodingError) {
        self = try .decodeWhole(bytes)
    }

    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let start = reader.offset
        try reader.require(LSAHeader.wireLength, for: Self.wireName)
        let age = try reader.readUInt16()
        let options = try reader.readUInt8()
        let type = try LSAType(reading: &reader)
        let key = LSAKey(type: type, linkStateID: try reader.readAddress(), advertisingRouter: try reader.readAddress())
        let sequence = Int32(bitPattern: try reader.readUInt32())
        let checksum = try reader.readUInt16()
        let length = try reader.readUInt16()
        guard Int(length) >= LSAHeader.wireLength else {
            throw WireDecodingError(.badLength(Int(length)), field: "LSA length", offset: start + 18)
        }
        self.init(age: age, options: options, key: key, sequence: sequence, checksum: checksum, length: length)
    }
}

extension LSAType {
    /// Reads the one-byte LS type of an LSA header.
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let offset = reader.offset
        try self.init(number: UInt32(try reader.readUInt8()), offset: offset)
    }

    /// An LS type as a Link State Request carries it (32 bits), or as an LSA header does.
    init(number: UInt32, offset: Int) throws(WireDecodingError) {
        guard number <= UInt32(UInt8.max), let type = LSAType(rawValue: UInt8(number)) else {
            throw WireDecodingError(.unsupported(number), field: "LS type", offset: offset)
        }
        self = type
    }
}
