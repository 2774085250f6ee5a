/// The subcodes of RFC 4271 §4.5 and the RFCs that added to it, named as the RFCs name them,
/// and the NOTIFICATIONs the codec builds for bad input.
extension BGPNotification {
    /// Subcodes of Message Header Error (code 1).
    public enum HeaderError {
        public static let connectionNotSynchronized: UInt8 = 1
        public static let badMessageLength: UInt8 = 2
        public static let badMessageType: UInt8 = 3
    }

    /// Subcodes of OPEN Message Error (code 2).
    public enum OpenError {
        /// No subcode fits (RFC 4271 §6.2): netsim sends it for malformed optional parameters
        /// and capabilities, as FRR does.
        public static let unspecific: UInt8 = 0
        public static let unsupportedVersionNumber: UInt8 = 1
        public static let badPeerAS: UInt8 = 2
        public static let badBGPIdentifier: UInt8 = 3
        public static let unsupportedOptionalParameter: UInt8 = 4
        public static let unacceptableHoldTime: UInt8 = 6
        /// RFC 5492.
        public static let unsupportedCapability: UInt8 = 7
    }

    /// Subcodes of UPDATE Message Error (code 3).
    public enum UpdateError {
        public static let malformedAttributeList: UInt8 = 1
        public static let unrecognizedWellKnownAttribute: UInt8 = 2
        public static let missingWellKnownAttribute: UInt8 = 3
        public static let attributeFlagsError: UInt8 = 4
        public static let attributeLengthError: UInt8 = 5
        public static let invalidOrigin: UInt8 = 6
        public static let invalidNextHop: UInt8 = 8
        public static let optionalAttributeError: UInt8 = 9
        public static let invalidNetworkField: UInt8 = 10
        public static let malformedASPath: UInt8 = 11
    }

    /// Subcodes of Cease (code 6), RFC 4486 and RFC 8538.
    public enum CeaseSubcode {
        public static let maximumPrefixesReached: UInt8 = 1
        public static let administrativeShutdown: UInt8 = 2
        public static let peerDeconfigured: UInt8 = 3
        public static let administrativeReset: UInt8 = 4
        public static let connectionRejected: UInt8 = 5
        public static let otherConfigurationChange: UInt8 = 6
        public static let connectionCollisionResolution: UInt8 = 7
        public static let outOfResources: UInt8 = 8
        public static let hardReset: UInt8 = 9
    }

    /// Subcodes of ROUTE-REFRESH Message Error (code 7, RFC 7313).
    public enum RouteRefreshError {
        public static let invalidMessageLength: UInt8 = 1
    }

    /// The subcode's name where RFC 4271, 4486, 5492, 7313 or 8538 gives one.
    public var subcodeName: String? {
        let names: [UInt8: [UInt8: String]] = [
            Self.messageHeaderError: [1: "Connection Not Synchronized", 2: "Bad Message Length",
                                      3: "Bad Message Type"],
            Self.openMessageError: [1: "Unsupported Version Number", 2: "Bad Peer AS", 3: "Bad BGP Identifier",
                                    4: "Unsupported Optional Parameter", 6: "Unacceptable Hold Time",
                                    7: "Unsupported Capability"],
            Self.updateMessageError: [1: "Malformed Attribute List", 2: "Unrecognized Well-known Attribute",
                                      3: "Missing Well-known Attribute", 4: "Attribute Flags Error",
                                      5: "Attribute Length Error", 6: "Invalid ORIGIN Attribute",
                                      8: "Invalid NEXT_HOP Attribute", 9: "Optional Attribute Error",
                                      10: "Invalid Network Field", 11: "Malformed AS_PATH"],
            Self.cease: [1: "Maximum Number of Prefixes Reached", 2: "Administrative Shutdown",
                         3: "Peer De-configured", 4: "Administrative Reset", 5: "Connection Rejected",
                         6: "Other Configuration Change", 7: "Connection Collision Resolution",
                         8: "Out of Resources", 9: "Hard Reset"],
            Self.routeRefreshMessageError: [1: "Invalid Message Length"],
        ]
        return names[code]?[subcode]
    }
}
