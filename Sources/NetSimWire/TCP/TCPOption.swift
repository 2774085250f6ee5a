/// A TCP option (RFC 9293 §3.2) as netsim sends and reads them. netsim itself sends MSS on SYNs
/// and the RFC 2385 MD5 signature (preceded by two NOPs, as Linux aligns it); other kinds
/// decode as `other` so that any well-formed option list reads back and re-encodes unchanged.
/// End-of-option-list is not an option here: it is the zero padding the codec adds.
public enum TCPOption: Sendable, Equatable {
    /// Kind 1, one byte, used to align the option after it.
    case noOperation
    /// Kind 2, length 4 (RFC 9293 §3.7.1).
    case maximumSegmentSize(UInt16)
    /// Kind 19, length 18: the 16-byte MD5 digest (RFC 2385).
    case md5Signature([UInt8])
    /// Any other kind with its data (without the kind and length bytes).
    case other(kind: UInt8, data: [UInt8])

    public static let kindEndOfList: UInt8 = 0
    public static let kindNoOperation: UInt8 = 1
    public static let kindMaximumSegmentSize: UInt8 = 2
    public static let kindMD5Signature: UInt8 = 19
    public static let md5DigestLength = 16

    public var kind: UInt8 {
        switch self {
        case .noOperation: TCPOption.kindNoOperation
        case .maximumSegmentSize: TCPOption.kindMaximumSegmentSize
        case .md5Signature: TCPOption.kindMD5Signature
        case .other(let kind, _): kind
        }
    }

    public var wireLength: Int {
        switch self {
        case .noOperation: 1
        case .maximumSegmentSize: 4
        case .md5Signature(let digest): 2 + digest.count
        case .other(_, let data): 2 + data.count
        }
    }
}
