import NetSimWire

/// One device's TCP: listeners by port, connections by id and by their four-tuple, and the
/// device's own seeded random stream for initial sequence numbers and ephemeral ports.
final class TCPStack {
    struct Listener {
        let application: TCPApplication
        /// RFC 2385 keys by peer address (Linux's TCP_MD5SIG on a listening socket).
        var md5Keys: [IPv4Address: [UInt8]] = [:]
        /// The TTL of connections accepted on this port.
        var ttl: UInt8
    }

    var random: SeededRandom
    var listeners: [UInt16: Listener] = [:]
    var connections: [TCPConnectionID: TCPConnection] = [:]
    var byEndpoints: [TCPEndpoints: TCPConnectionID] = [:]
    private let device: Int
    private var nextNumber: UInt32 = 0

    /// Linux's default ephemeral range (net.ipv4.ip_local_port_range).
    static let ephemeralPorts: ClosedRange<UInt16> = 32768...60999

    init(device: Int, seed: UInt64) {
        self.device = device
        // Streams 0... are the links'; TCP's sit far above them.
        random = SeededRandom(seed: seed, stream: 0x7C90_0000_0000 + UInt64(device))
    }

    func allocateID() -> TCPConnectionID {
        nextNumber += 1
        return TCPConnectionID(device: device, number: nextNumber)
    }

    /// A random initial sequence number (RFC 9293 §3.4.1 wants it unpredictable; here it is
    /// reproducible from the seed).
    func initialSequenceNumber() -> UInt32 {
        UInt32.random(in: 0...UInt32.max, using: &random)
    }

    /// A random free port of the ephemeral range for a connection from `local` to `remote`.
    func ephemeralPort(local: IPv4Address, remote: IPv4Address, remotePort: UInt16) -> UInt16? {
        let range = TCPStack.ephemeralPorts
        let start = UInt16.random(in: range, using: &random)
        let count = Int(range.upperBound - range.lowerBound) + 1
        for step in 0..<count {
            let port = range.lowerBound + UInt16((Int(start - range.lowerBound) + step) % count)
            let endpoints = TCPEndpoints(localAddress: local, localPort: port, remoteAddress: remote,
                                         remotePort: remotePort)
            if byEndpoints[endpoints] == nil && listeners[port] == nil { return port }
        }
        return nil
    }

    func add(_ connection: TCPConnection) {
        connections[connection.id] = connection
        byEndpoints[connection.endpoints] = connection.id
    }

    func remove(_ connection: TCPConnection) {
        connection.timerToken &+= 1
        connections[connection.id] = nil
        if byEndpoints[connection.endpoints] == connection.id { byEndpoints[connection.endpoints] = nil }
    }

    /// Whether `connection` is still this stack's (an application callback may have aborted it).
    func holds(_ connection: TCPConnection) -> Bool {
        connections[connection.id] === connection
    }
}
