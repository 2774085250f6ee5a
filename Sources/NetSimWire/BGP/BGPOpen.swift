/// An OPEN message (RFC 4271 §4.2) with its capabilities (RFC 5492).
public struct BGPOpen: Hashable, Sendable {
    /// Always 4 for netsim's speakers; kept so a decoded OPEN from another version can be refused
    /// with the right NOTIFICATION.
    public var version: UInt8
    /// The two-octet "My Autonomous System" field: the AS itself, or `BGPOpen.asTrans` (23456)
    /// when the AS needs four octets (RFC 6793); the real AS then travels in `.fourOctetAS`.
    public var myAutonomousSystem: UInt16
    public var holdTime: UInt16
    public var identifier: IPv4Address
    /// The optional parameters in the order they are sent.
    public var optionalParameters: [BGPOptionalParameter]

    public static let asTrans: UInt16 = 23456

    public init(version: UInt8 = 4, myAutonomousSystem: UInt16, holdTime: UInt16, identifier: IPv4Address,
                optionalParameters: [BGPOptionalParameter]) {
        self.version = version
        self.myAutonomousSystem = myAutonomousSystem
        self.holdTime = holdTime
        self.identifier = identifier
        self.optionalParameters = optionalParameters
    }

    /// An OPEN for `autonomousSystem`, its two-octet field set as RFC 6793 says, with
    /// `capabilities` in one capabilities parameter.
    public init(autonomousSystem: UInt32, holdTime: UInt16, identifier: IPv4Address, capabilities: [BGPCapability]) {
        self.init(myAutonomousSystem: autonomousSystem <= UInt32(UInt16.max) ? UInt16(autonomousSystem) : BGPOpen.asTrans,
                  holdTime: holdTime, identifier: identifier,
                  optionalParameters: capabilities.isEmpty ? [] : [.capabilities(capabilities)])
    }

    /// Every capability of every capabilities parameter, in order.
    public var capabilities: [BGPCapability] {
        optionalParameters.flatMap { parameter -> [BGPCapability] in
            if case .capabilities(let list) = parameter { return list }
            return []
        }
    }

    /// The sender's AS: the four-octet capability's when present, else the two-octet field.
    public var autonomousSystem: UInt32 {
        for capability in capabilities {
            if case .fourOctetAS(let asn) = capability { return asn }
        }
        return UInt32(myAutonomousSystem)
    }
}

/// An optional parameter of an OPEN (RFC 4271 §4.2, RFC 5492).
public enum BGPOptionalParameter: Hashable, Sendable {
    /// Type 2: a list of capabilities.
    case capabilities([BGPCapability])
    /// Any other type (authentication, type 1, is deprecated), kept as bytes.
    case other(type: UInt8, value: [UInt8])
}
