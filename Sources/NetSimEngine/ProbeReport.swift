import NetSimWire

/// What happened to one ping probe.
public enum ProbeOutcome: Sendable, Equatable {
    /// An echo reply came back.
    case reply(from: IPv4Address, ttl: UInt8, rttNanoseconds: Int64)
    /// An ICMP error came back instead (unreachable, time exceeded), from the router that sent it.
    case error(from: IPv4Address, message: String)
    /// The probe could not leave this device (no route, no ARP reply, interface down).
    case notSent(reason: String)
    case timeout
}

/// The result of a finished ping session.
public struct PingReport: Sendable, Equatable {
    public var target: IPv4Address
    public var source: IPv4Address?
    public var dataLength: Int
    public var outcomes: [ProbeOutcome]
    /// Device names along the first successful round trip: out to the target and back.
    public var path: [String]

    public var sent: Int { outcomes.count }
    public var received: Int { outcomes.filter { if case .reply = $0 { true } else { false } }.count }
    public var lossPercent: Int { sent == 0 ? 0 : (sent - received) * 100 / sent }
}

/// One TTL step of a traceroute: the answer to each of its probes.
public struct TracerouteHop: Sendable, Equatable {
    public struct Probe: Sendable, Equatable {
        public var from: IPv4Address?
        public var rttNanoseconds: Int64?
        /// Linux traceroute's annotation for an unreachable reply: "!N", "!H", "!P", "!X", "!F".
        public var annotation: String?
        /// Why the probe was never sent, if it was not.
        public var failure: String?
    }

    public var ttl: Int
    public var probes: [Probe]
}

/// The result of a finished traceroute session.
public struct TracerouteReport: Sendable, Equatable {
    public var target: IPv4Address
    public var source: IPv4Address?
    public var maxTTL: Int
    public var hops: [TracerouteHop]
    public var reached: Bool
}
