/// The Fletcher checksum of ISO 8473 annex C as OSPF uses it for LSAs (RFC 2328 §12.1.7, RFC 905
/// annex B) and IS-IS for LSPs (ISO 10589 §7.3.11): computed over the LSA without its age field,
/// or the LSP from its LSP ID on (without the remaining lifetime), with the two check bytes
/// placed so that the whole sums to zero.
public enum FletcherChecksum {
    /// The checksum of an encoded LSA (header included); bytes 16-17 are ignored.
    public static func lsaChecksum(of lsa: [UInt8]) -> UInt16 {
        guard lsa.count >= LSAHeader.wireLength else { return 0 }
        var data = Array(lsa[2...])
        data[14] = 0
        data[15] = 0
        return checksum(data, checksumOffset: 14)
    }

    /// True when an encoded LSA's stored checksum is right.
    public static func verifyLSA(_ lsa: [UInt8]) -> Bool {
        guard lsa.count >= LSAHeader.wireLength else { return false }
        let stored = UInt16(lsa[16]) << 8 | UInt16(lsa[17])
        return stored != 0 && lsaChecksum(of: lsa) == stored
    }

    /// Where an LSP's checksum covers from and where it sits, counted from the PDU's first byte.
    static let lspCoverageStart = 12
    static let lspChecksumOffset = 24

    /// The checksum of an encoded IS-IS LSP (the whole PDU); bytes 24-25 are ignored.
    public static func lspChecksum(of pdu: [UInt8]) -> UInt16 {
        guard pdu.count >= lspChecksumOffset + 2 else { return 0 }
        var data = Array(pdu[lspCoverageStart...])
        data[lspChecksumOffset - lspCoverageStart] = 0
        data[lspChecksumOffset - lspCoverageStart + 1] = 0
        return checksum(data, checksumOffset: lspChecksumOffset - lspCoverageStart)
    }

    /// The two check bytes for `data`, to be stored at `checksumOffset` (0-based).
    static func checksum(_ data: [UInt8], checksumOffset: Int) -> UInt16 {
        var c0 = 0, c1 = 0
        for byte in data {
            c0 = (c0 + Int(byte)) % 255
            c1 = (c1 + c0) % 255
        }
        let position = checksumOffset + 1
        var x = ((data.count - position) * c0 - c1) % 255
        if x <= 0 { x += 255 }
        var y = 510 - c0 - x
        if y > 255 { y -= 255 }
        return UInt16(x) << 8 | UInt16(y)
    }
}
