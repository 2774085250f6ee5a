/// The RFC 4271 §4.1 bytes of a BGP message: 16 marker bytes of all ones, the two-octet length of
/// the whole message (19 to 4096), the type, then the type's body (`BGPOpen+Codec`,
/// `BGPUpdate+Codec`, ...). A stream of them is cut into messages by `BGPMessageFramer`.
///
/// Encoding never fails. The caller keeps a message within `maximumLength` (`BGPUpdatePacker`
/// does for UPDATEs; OPEN, NOTIFICATION and ROUTE-REFRESH stay far below it unless a value
/// carries kilobytes of data); a longer one is written with its real length, which receivers
/// refuse. The extended message capability (RFC 8654) is not implemented.
extension BGPMessage {
    /// The marker: all ones (RFC 4271 §4.1; authentication in the marker is gone).
    public static let marker = [UInt8](repeating: 0xFF, count: 16)

    /// The exact bytes of the message, `options` deciding how AS numbers are written.
    public func encoded(options: BGPCodecOptions = BGPCodecOptions()) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(BGPMessage.headerLength + 64)
        bytes.append(contentsOf: BGPMessage.marker)
        bytes.appendBigEndian(UInt16(0))
        bytes.append(type.rawValue)
        switch self {
        case .open(let open): open.encodeBody(into: &bytes)
        case .update(let update): update.encodeBody(into: &bytes, options: options)
        case .notification(let notification):
            bytes.append(notification.code)
            bytes.append(notification.subcode)
            bytes.append(contentsOf: notification.data)
        case .keepalive: break
        case .routeRefresh(let refresh):
            bytes.appendBigEndian(refresh.family.afi)
            bytes.append(refresh.subtype)
            bytes.append(refresh.family.safi)
        }
        bytes.storeBigEndian(UInt16(truncatingIfNeeded: bytes.count), at: 16)
        return bytes
    }

    /// The number of bytes `encoded(options:)` returns.
    public func wireLength(options: BGPCodecOptions = BGPCodecOptions()) -> Int {
        switch self {
        case .keepalive: BGPMessage.headerLength
        case .notification(let notification): BGPMessage.headerLength + 2 + notification.data.count
        case .routeRefresh: BGPMessage.headerLength + 4
        case .open, .update: encoded(options: options).count
        }
    }

    /// Decodes exactly one message: the bytes must be one whole message, no more, no less.
    /// Errors say which NOTIFICATION to send and whether RFC 7606 keeps the session.
    public init(decoding bytes: some Collection<UInt8>, options: BGPCodecOptions = BGPCodecOptions())
        throws(BGPMessageError)
    {
        let bytes = Array(bytes)
        let header = try BGPMessageHeader(checking: bytes)
        guard header.length == bytes.count else {
            let reason: WireDecodingError.Reason = header.length > bytes.count
                ? .truncated(needed: header.length, available: bytes.count)
                : .trailingBytes(count: bytes.count - header.length)
            throw .header(BGPNotification.HeaderError.badMessageLength, data: Array(bytes[16..<18]), reason,
                          field: "BGP message", offset: 16)
        }
        self = try BGPMessage(body: bytes, header: header, options: options)
    }

    /// Decodes the message `bytes` holds, its header already checked.
    init(body bytes: [UInt8], header: BGPMessageHeader, options: BGPCodecOptions) throws(BGPMessageError) {
        var reader = ByteReader(bytes, context: "BGP \(header.type)")
        try readingBGP(BGPNotification(code: BGPNotification.messageHeaderError)) { () throws(WireDecodingError) in
            try reader.skip(BGPMessage.headerLength)
        }
        switch header.type {
        case .open: self = .open(try BGPOpen(readingBody: &reader))
        case .update: self = .update(try BGPUpdate(readingBody: &reader, options: options))
        case .keepalive: self = .keepalive
        case .notification:
            let notification = try readingBGP(BGPNotification(code: BGPNotification.messageHeaderError)) {
                () throws(WireDecodingError) in
                BGPNotification(code: try reader.readUInt8(), subcode: try reader.readUInt8(),
                                data: try reader.readBytes(reader.remaining))
            }
            self = .notification(notification)
        case .routeRefresh:
            guard header.length == BGPMessage.headerLength + 4 else {
                // RFC 7313 §5; a shorter one was refused with the header.
                throw BGPMessageError(
                    notification: BGPNotification(code: BGPNotification.routeRefreshMessageError,
                                                  subcode: BGPNotification.RouteRefreshError.invalidMessageLength,
                                                  data: bytes),
                    detail: WireDecodingError(.badLength(header.length), field: "ROUTE-REFRESH length", offset: 16))
            }
            let refresh = try readingBGP(BGPNotification(code: BGPNotification.messageHeaderError)) {
                () throws(WireDecodingError) in
                let afi = try reader.readUInt16()
                let subtype = try reader.readUInt8()
                return BGPRouteRefresh(family: BGPAddressFamily(afi: afi, safi: try reader.readUInt8()), subtype: subtype)
            }
            self = .routeRefresh(refresh)
        }
    }
}

/// The 19-byte header, checked as RFC 4271 §6.1 says: a marker of all ones (else "Connection Not
/// Synchronized"), a length from 19 to 4096 that suits the type (else "Bad Message Length" with
/// the length field as data), a known type (else "Bad Message Type" with the type as data).
struct BGPMessageHeader: Equatable {
    var length: Int
    var type: BGPMessageType

    /// The smallest length of each type (RFC 4271 §4, RFC 2918).
    static func minimumLength(of type: BGPMessageType) -> Int {
        switch type {
        case .open: 29
        case .update: 23
        case .notification: 21
        case .keepalive: 19
        case .routeRefresh: 23
        }
    }

    /// Checks the first 19 bytes of `bytes`, which must be there (the framer waits for them).
    init(checking bytes: [UInt8]) throws(BGPMessageError) {
        guard bytes.count >= BGPMessage.headerLength else {
            throw .header(BGPNotification.HeaderError.badMessageLength,
                          .truncated(needed: BGPMessage.headerLength, available: bytes.count),
                          field: "BGP header", offset: 0)
        }
        for index in 0..<16 where bytes[index] != 0xFF {
            throw .header(BGPNotification.HeaderError.connectionNotSynchronized, .invalid(UInt32(bytes[index])),
                          field: "BGP marker", offset: index)
        }
        let lengthField = Array(bytes[16..<18])
        length = Int(bytes[16]) << 8 | Int(bytes[17])
        guard length >= BGPMessage.headerLength, length <= BGPMessage.maximumLength else {
            throw .header(BGPNotification.HeaderError.badMessageLength, data: lengthField, .badLength(length),
                          field: "BGP message length", offset: 16)
        }
        guard let type = BGPMessageType(rawValue: bytes[18]) else {
            throw .header(BGPNotification.HeaderError.badMessageType, data: [bytes[18]], .unsupported(UInt32(bytes[18])),
                          field: "BGP message type", offset: 18)
        }
        self.type = type
        let tooShort = length < BGPMessageHeader.minimumLength(of: type)
        guard !tooShort, type != .keepalive || length == BGPMessage.headerLength else {
            throw .header(BGPNotification.HeaderError.badMessageLength, data: lengthField, .badLength(length),
                          field: "BGP \(type) length", offset: 16)
        }
    }
}

extension BGPMessageType: CustomStringConvertible {
    public var description: String {
        switch self {
        case .open: "OPEN"
        case .update: "UPDATE"
        case .notification: "NOTIFICATION"
        case .keepalive: "KEEPALIVE"
        case .routeRefresh: "ROUTE-REFRESH"
        }
    }
}
