import NetSimBGP
import NetSimISIS
import NetSimOSPF
import NetSimRouting
import NetSimWire

/// Everything that can happen in a simulation at a point in time.
enum SimEvent {
    /// A frame finishes crossing a link and arrives at an interface.
    case frameArrival(EthernetFrame, device: Int, interface: Int, trace: PacketTrace)
    /// An ARP request for `target` on an interface is due to be retried or given up.
    case arpRetry(device: Int, interface: Int, target: IPv4Address)
    /// A ping or traceroute session sends its next probe.
    case probeSend(session: Int)
    /// A probe got no answer in time.
    case probeTimeout(session: Int, probe: Int)
    /// Time to check whether the network has been stable for the whole stability window.
    case convergenceCheck
    /// An OSPF instance's timer.
    case ospfTimer(device: Int, timer: OSPFTimer, token: UInt64)
    /// An IS-IS instance's timer.
    case isisTimer(device: Int, timer: ISISTimer, token: UInt64)
    /// A BGP speaker's timer.
    case bgpTimer(device: Int, timer: BGPTimer, token: UInt64)
    /// The device's non-BGP routes changed this instant; its BGP speaker looks again.
    case bgpRoutesChanged(device: Int)
    /// A TCP connection's timer (retransmission, TIME-WAIT, or a deferred failure report),
    /// carrying the connection's token: a stale one is ignored.
    case tcpTimer(device: Int, connection: TCPConnectionID, timer: TCPTimer, token: UInt64)
    /// A moment an outside driver (the script runner, the daemon) asked to be woken at.
    case wakeUp(token: Int)
}

extension SimEvent {
    /// The device whose state the event changes, or nil for the events of the whole simulation
    /// (probes, convergence checks, wake-ups), which always run alone (ADR 0024).
    var device: Int? {
        switch self {
        case let .frameArrival(_, device, _, _): device
        case let .arpRetry(device, _, _): device
        case let .ospfTimer(device, _, _): device
        case let .isisTimer(device, _, _): device
        case let .bgpTimer(device, _, _): device
        case let .bgpRoutesChanged(device): device
        case let .tcpTimer(device, _, _, _): device
        case .probeSend, .probeTimeout, .convergenceCheck, .wakeUp: nil
        }
    }
}

/// The layer-3 devices a packet has passed through, kept beside the frame (never on the wire) so
/// that ping can report the path its packets took.
struct PacketTrace {
    var devices: [Int] = []

    static let empty = PacketTrace()

    mutating func record(_ device: Int) {
        if devices.last != device { devices.append(device) }
    }
}
