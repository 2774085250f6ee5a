/// Why received bytes are not a usable BGP message, and what the receiver must do about it:
/// the NOTIFICATION RFC 4271 §6 names for the fault, and the action, which RFC 7606 softens for
/// most UPDATE attribute errors. `detail` says what was wrong where, in the terms of every
/// other decoder (`WireDecodingError`, its offset counted from the message's first marker byte).
///
/// The codec checks everything a message says about itself: the header (marker, length, type,
/// each type's length), OPEN's version, a zero AS (RFC 7607) or BGP identifier (RFC 6286),
/// optional parameter and capability syntax, UPDATE's lengths, prefixes, attribute flags,
/// lengths and values, duplicates and the mandatory attributes, NOTIFICATION and ROUTE-REFRESH
/// lengths. Checks that need the session are the protocol machine's: the peer AS against the
/// configuration, a hold time of 1 or 2 seconds, an identifier equal to the local one,
/// capabilities it requires, the first AS of an eBGP path, a NEXT_HOP that is the receiver's
/// own address, LOCAL_PREF from an eBGP peer, message types not allowed in the current state.
public struct BGPMessageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What RFC 7606 §2 tells the receiver to do, strongest first.
    public enum Action: Equatable, Sendable {
        /// Send `notification` and close the session.
        case resetSession
        /// Keep the session and send nothing; every prefix of the UPDATE (withdrawn routes and
        /// NLRI, in that order) is withdrawn as if the UPDATE had listed them all as withdrawn.
        case treatAsWithdraw([IPv4Prefix])
        /// Keep the session and send nothing; the UPDATE is processed as decoded here, without
        /// the attributes that were discarded.
        case attributeDiscard(BGPUpdate)

        var strength: Int {
            switch self {
            case .resetSession: 2
            case .treatAsWithdraw: 1
            case .attributeDiscard: 0
            }
        }
    }

    /// The NOTIFICATION RFC 4271 names for the fault; it is sent only when `action` is
    /// `.resetSession`, and otherwise says what was wrong (for a log).
    public var notification: BGPNotification
    public var action: Action
    public var detail: WireDecodingError

    public init(notification: BGPNotification, action: Action = .resetSession, detail: WireDecodingError) {
        self.notification = notification
        self.action = action
        self.detail = detail
    }

    public var description: String {
        let name = notification.subcodeName.map { "\(notification.codeName), \($0)" } ?? notification.description
        let what = switch action {
        case .resetSession: "session reset"
        case .treatAsWithdraw(let prefixes): "treat-as-withdraw of \(prefixes.count) prefixes"
        case .attributeDiscard: "attribute discarded"
        }
        return "\(name) (\(what)): \(detail)"
    }

    static func header(_ subcode: UInt8, data: [UInt8] = [], _ reason: WireDecodingError.Reason, field: String,
                       offset: Int) -> BGPMessageError {
        BGPMessageError(notification: BGPNotification(code: BGPNotification.messageHeaderError, subcode: subcode,
                                                      data: data),
                        detail: WireDecodingError(reason, field: field, offset: offset))
    }

    static func open(_ subcode: UInt8, data: [UInt8] = [], _ reason: WireDecodingError.Reason, field: String,
                     offset: Int) -> BGPMessageError {
        BGPMessageError(notification: BGPNotification(code: BGPNotification.openMessageError, subcode: subcode,
                                                      data: data),
                        detail: WireDecodingError(reason, field: field, offset: offset))
    }
}

/// Runs reads whose failure means one NOTIFICATION: a `WireDecodingError` from `body` becomes a
/// session-resetting `BGPMessageError` with `notification`, its subcode replaced by what
/// `subcode` returns for the error when that is not nil.
func readingBGP<T>(_ notification: BGPNotification, _ body: () throws(WireDecodingError) -> T,
                   subcode: (WireDecodingError) -> UInt8? = { _ in nil }) throws(BGPMessageError) -> T {
    do throws(WireDecodingError) {
        return try body()
    } catch {
        var sent = notification
        if let refined = subcode(error) { sent.subcode = refined }
        throw BGPMessageError(notification: sent, detail: error)
    }
}
