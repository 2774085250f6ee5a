import NetSimWire

/// Bytes from hex text as capture tools print it ("4500 0073 ..."); anything but hex digits is
/// ignored, so fixtures can be laid out in groups and lines.
func hexBytes(_ lines: String...) -> [UInt8] {
    let digits = lines.joined().filter(\.isHexDigit)
    var bytes: [UInt8] = []
    var index = digits.startIndex
    while index < digits.endIndex, let next = digits.index(index, offsetBy: 2, limitedBy: digits.endIndex) {
        bytes.append(UInt8(digits[index..<next], radix: 16) ?? 0)
        index = next
    }
    return bytes
}

/// A seedable generator (xorshift64*), so every random test repeats exactly.
struct WireTestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x2545_F491_4F6C_DD1D : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}

/// Test-side checksum repair, so a mutated field reaches the check behind the checksum.
enum ChecksumRepair {
    /// Recomputes the IPv4 header checksum of the header starting at `start`.
    static func ipv4Header(_ bytes: inout [UInt8], at start: Int) {
        internet(&bytes, over: [start..<start + 20], field: start + 10)
    }

    /// Recomputes the OSPF checksum of the packet starting at `start` (its auth field excluded).
    static func ospf(_ bytes: inout [UInt8], at start: Int) {
        let length = Int(bytes[start + 2]) << 8 | Int(bytes[start + 3])
        let end = max(start + 24, min(start + length, bytes.count))
        internet(&bytes, over: [start..<start + 16, start + 24..<end], field: start + 12)
    }

    /// Recomputes the ICMP checksum of a message running from `start` to the end of `bytes`.
    static func icmp(_ bytes: inout [UInt8], at start: Int) {
        internet(&bytes, over: [start..<bytes.count], field: start + 2)
    }

    /// Recomputes the Fletcher checksum of an LSA starting at `start`.
    static func lsa(_ bytes: inout [UInt8], at start: Int) {
        let length = Int(bytes[start + 18]) << 8 | Int(bytes[start + 19])
        let checksum = FletcherChecksum.lsaChecksum(of: Array(bytes[start..<start + length]))
        bytes[start + 16] = UInt8(checksum >> 8)
        bytes[start + 17] = UInt8(checksum & 0xFF)
    }

    /// Recomputes the Fletcher checksum of a lone IS-IS LSP PDU.
    static func isisLSP(_ bytes: inout [UInt8]) {
        let checksum = FletcherChecksum.lspChecksum(of: bytes)
        bytes[24] = UInt8(checksum >> 8)
        bytes[25] = UInt8(checksum & 0xFF)
    }

    private static func internet(_ bytes: inout [UInt8], over ranges: [Range<Int>], field: Int) {
        bytes[field] = 0
        bytes[field + 1] = 0
        var checksum = InternetChecksum()
        for range in ranges { checksum.add(bytes[range]) }
        bytes[field] = UInt8(checksum.value >> 8)
        bytes[field + 1] = UInt8(checksum.value & 0xFF)
    }
}

/// The decoding error `body` threw, or nil when it decoded.
func decodingError(_ body: () throws -> Void) -> WireDecodingError? {
    do {
        try body()
        return nil
    } catch {
        return error as? WireDecodingError
    }
}
