/// The MD5 message digest (RFC 1321), for TCP's MD5 signature option (RFC 2385). Bytes may be
/// added in pieces; `finalize()` pads the message and returns the 16-byte digest. Not for
/// anything that needs a secure hash: RFC 2385 is the only user.
public struct MD5: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476)
    private var block: [UInt8] = []
    private var messageLength: UInt64 = 0

    public init() { block.reserveCapacity(64) }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            block.append(byte)
            messageLength &+= 1
            if block.count == 64 {
                compress(block)
                block.removeAll(keepingCapacity: true)
            }
        }
    }

    /// The digest of everything added: the message, a 1 bit, zeros to 56 mod 64 bytes, and the
    /// message length in bits as a little-endian 64-bit number (RFC 1321 §3.1-3.2).
    public mutating func finalize() -> [UInt8] {
        let bits = messageLength &* 8
        var padding: [UInt8] = [0x80]
        let afterMarker = (block.count + 1) % 64
        padding += [UInt8](repeating: 0, count: (56 - afterMarker + 64) % 64)
        for shift in stride(from: 0, to: 64, by: 8) { padding.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        update(padding)
        var digest: [UInt8] = []
        for word in [state.0, state.1, state.2, state.3] {
            for shift in stride(from: 0, to: 32, by: 8) { digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return digest
    }

    public static func digest(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var md5 = MD5()
        md5.update(bytes)
        return md5.finalize()
    }

    /// The per-step shift amounts of the four rounds (RFC 1321 §3.4).
    private static let shifts: [UInt32] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]

    /// T[i] = floor(2^32 * abs(sin(i + 1))), as the RFC tabulates it.
    private static let sines: [UInt32] = [
        0xD76A_A478, 0xE8C7_B756, 0x2420_70DB, 0xC1BD_CEEE, 0xF57C_0FAF, 0x4787_C62A, 0xA830_4613, 0xFD46_9501,
        0x6980_98D8, 0x8B44_F7AF, 0xFFFF_5BB1, 0x895C_D7BE, 0x6B90_1122, 0xFD98_7193, 0xA679_438E, 0x49B4_0821,
        0xF61E_2562, 0xC040_B340, 0x265E_5A51, 0xE9B6_C7AA, 0xD62F_105D, 0x0244_1453, 0xD8A1_E681, 0xE7D3_FBC8,
        0x21E1_CDE6, 0xC337_07D6, 0xF4D5_0D87, 0x455A_14ED, 0xA9E3_E905, 0xFCEF_A3F8, 0x676F_02D9, 0x8D2A_4C8A,
        0xFFFA_3942, 0x8771_F681, 0x6D9D_6122, 0xFDE5_380C, 0xA4BE_EA44, 0x4BDE_CFA9, 0xF6BB_4B60, 0xBEBF_BC70,
        0x289B_7EC6, 0xEAA1_27FA, 0xD4EF_3085, 0x0488_1D05, 0xD9D4_D039, 0xE6DB_99E5, 0x1FA2_7CF8, 0xC4AC_5665,
        0xF429_2244, 0x432A_FF97, 0xAB94_23A7, 0xFC93_A039, 0x655B_59C3, 0x8F0C_CC92, 0xFFEF_F47D, 0x8584_5DD1,
        0x6FA8_7E4F, 0xFE2C_E6E0, 0xA301_4314, 0x4E08_11A1, 0xF753_7E82, 0xBD3A_F235, 0x2AD7_D2BB, 0xEB86_D391,
    ]

    private mutating func compress(_ block: [UInt8]) {
        var words = [UInt32](repeating: 0, count: 16)
        for index in 0..<16 {
            words[index] = UInt32(block[4 * index]) | UInt32(block[4 * index + 1]) << 8
                | UInt32(block[4 * index + 2]) << 16 | UInt32(block[4 * index + 3]) << 24
        }
        var (a, b, c, d) = state
        for step in 0..<64 {
            let mixed: UInt32, word: Int
            switch step / 16 {
            case 0: mixed = (b & c) | (~b & d); word = step
            case 1: mixed = (b & d) | (c & ~d); word = (5 * step + 1) % 16
            case 2: mixed = b ^ c ^ d; word = (3 * step + 5) % 16
            default: mixed = c ^ (b | ~d); word = (7 * step) % 16
            }
            let shift = MD5.shifts[step / 16 * 4 + step % 4]
            let sum = a &+ mixed &+ MD5.sines[step] &+ words[word]
            (a, d, c) = (d, c, b)
            b = b &+ (sum << shift | sum >> (32 - shift))
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
    }
}
