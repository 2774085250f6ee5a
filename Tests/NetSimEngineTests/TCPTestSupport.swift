import NetSimEngine
import NetSimRouting
import NetSimWire

/// A small application for the TCP tests: records every callback with its time, keeps what each
/// connection received, and can echo bytes back or refuse accepted connections.
final class RecordingTCPApplication: TCPApplication {
    enum Event: Equatable {
        case established(TCPConnectionID, passive: Bool)
        case closed(TCPConnectionID, TCPCloseReason)
    }

    unowned let simulation: Simulation
    var echo: Bool
    var refusePassive = false
    private(set) var events: [(time: SimTime, event: Event)] = []
    private(set) var received: [TCPConnectionID: [UInt8]] = [:]
    private(set) var endpoints: [TCPConnectionID: TCPEndpoints] = [:]

    init(simulation: Simulation, echo: Bool = false) {
        self.simulation = simulation
        self.echo = echo
    }

    var established: [TCPConnectionID] {
        events.compactMap { if case .established(let id, _) = $0.event { id } else { nil } }
    }

    var closed: [(id: TCPConnectionID, reason: TCPCloseReason, time: SimTime)] {
        events.compactMap { if case .closed(let id, let reason) = $0.event { (id, reason, $0.time) } else { nil } }
    }

    func tcpEstablished(_ connection: TCPConnectionID, endpoints: TCPEndpoints, passive: Bool) {
        events.append((simulation.now, .established(connection, passive: passive)))
        self.endpoints[connection] = endpoints
        if passive && refusePassive { simulation.tcpAbort(connection) }
    }

    func tcpReceived(_ bytes: [UInt8], on connection: TCPConnectionID) {
        received[connection, default: []].append(contentsOf: bytes)
        if echo { simulation.tcpSend(bytes, on: connection) }
    }

    func tcpClosed(_ connection: TCPConnectionID, reason: TCPCloseReason) {
        events.append((simulation.now, .closed(connection, reason)))
    }
}

/// The TCP segments a capture on one device saw, with their IP ends, in order.
final class SegmentLog {
    struct Entry {
        let time: SimTime
        let direction: CapturedFrame.Direction
        let packet: IPv4Packet
        let segment: TCPSegment
    }

    private(set) var entries: [Entry] = []

    init(simulation: Simulation, device: Int) {
        simulation.frameObserver = { [unowned self] captured in
            guard captured.device == device, case .ipv4(let packet) = captured.frame.payload,
                  case .tcp(let segment) = packet.payload else { return }
            entries.append(Entry(time: captured.time, direction: captured.direction, packet: packet, segment: segment))
        }
    }

    var sent: [TCPSegment] { entries.filter { $0.direction == .outbound }.map(\.segment) }
    var received: [TCPSegment] { entries.filter { $0.direction == .inbound }.map(\.segment) }
}

/// Bytes 0, 1, 2, ... of a given length, to check that a stream arrives whole and in order.
func patternBytes(_ count: Int, salt: UInt8 = 0) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7) &+ salt }
}
