/// What the two ends of a session agreed that changes the bytes of an UPDATE.
public struct BGPCodecOptions: Hashable, Sendable {
    /// Both speakers sent the four-octet AS capability (RFC 6793): AS_PATH and AGGREGATOR carry
    /// four-octet AS numbers. Without it they carry two octets, an AS that needs four is written
    /// as AS_TRANS (23456), and AS4_PATH and AS4_AGGREGATOR carry the real numbers, which the
    /// decoder merges back (RFC 6793 §4.2.3).
    public var fourOctetAS: Bool

    public init(fourOctetAS: Bool = true) {
        self.fourOctetAS = fourOctetAS
    }
}
