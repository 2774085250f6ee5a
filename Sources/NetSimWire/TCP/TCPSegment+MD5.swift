/// The TCP MD5 signature option (RFC 2385 §2.0): an MD5 digest of the pseudo-header (source,
/// destination, zero, protocol 6, segment length), the fixed 20-byte header with a zero
/// checksum (its data offset as sent, options left out), the data, and the shared key. A
/// segment carries the digest in a kind-19 option; netsim puts it first, after two NOPs, as
/// Linux does.
extension TCPSegment {
    /// The digest this segment should carry under `key`. The options do not enter it except
    /// through the data offset and the length, so a placeholder digest gives the same result.
    public func md5Digest(source: IPv4Address, destination: IPv4Address, key: [UInt8]) -> [UInt8] {
        var md5 = MD5()
        var prefix: [UInt8] = []
        prefix.reserveCapacity(32)
        prefix.appendBigEndian(source.value)
        prefix.appendBigEndian(destination.value)
        prefix.append(0)
        prefix.append(TCPSegment.ipProtocol)
        prefix.appendBigEndian(UInt16(truncatingIfNeeded: wireLength))
        encodeFixedHeader(into: &prefix, checksum: 0)
        md5.update(prefix)
        md5.update(payload)
        md5.update(key)
        return md5.finalize()
    }

    /// This segment with its signature option set for `key` (added, after two NOPs, in front of
    /// the other options when it has none yet).
    public func signed(source: IPv4Address, destination: IPv4Address, key: [UInt8]) -> TCPSegment {
        var segment = self
        let placeholder = TCPOption.md5Signature([UInt8](repeating: 0, count: TCPOption.md5DigestLength))
        let index: Int
        if let existing = segment.options.firstIndex(where: { $0.kind == TCPOption.kindMD5Signature }) {
            index = existing
            segment.options[index] = placeholder
        } else {
            segment.options.insert(contentsOf: [.noOperation, .noOperation, placeholder], at: 0)
            index = 2
        }
        segment.options[index] = .md5Signature(segment.md5Digest(source: source, destination: destination, key: key))
        return segment
    }

    /// True when the segment carries a signature and it is the digest `key` gives.
    public func hasValidSignature(source: IPv4Address, destination: IPv4Address, key: [UInt8]) -> Bool {
        guard let carried = md5Signature else { return false }
        return carried == md5Digest(source: source, destination: destination, key: key)
    }
}
