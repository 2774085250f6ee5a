import NetSimRouting
import NetSimWire

/// What an IS-IS instance needs from the device that runs it. The simulation engine implements
/// it for real devices; tests implement it to wire instances together directly.
public protocol ISISHost: AnyObject {
    var now: SimTime { get }
    /// Sends a PDU out of an interface to a MAC address (AllL1ISs, AllL2ISs, AllISs).
    func isisSend(_ pdu: ISISPDU, interface: Int, destination: MACAddress)
    /// Asks for `timerFired(timer, token:)` to be called at `time`.
    func isisSchedule(_ timer: ISISTimer, token: UInt64, at time: SimTime)
    /// Replaces the device's IS-IS routes (which are `previous`, as last installed) with a
    /// freshly computed set.
    func isisInstallRoutes(_ routes: [Route], replacing previous: [Route])
    /// Something convergence-relevant happened: an adjacency, database or route change.
    func isisStateChanged()
    func isisLog(_ message: String)
}

/// Every timer an IS-IS instance runs. Interfaces are device interface indices.
public enum ISISTimer: Hashable, Sendable {
    /// The next Hello on a circuit: of a level on a LAN, nil for point-to-point.
    case hello(interface: Int, level: ISISLevel?)
    /// The earliest holding-time expiry among a circuit's adjacencies.
    case holding(interface: Int)
    /// Sends the LSPs flagged SRM on a circuit that are due: armed for the current instant when a
    /// flag is set, so that every flag set in one instant goes out together, and for the next
    /// retransmission of unacknowledged LSPs on point-to-point circuits.
    case flood(interface: Int)
    case csnp(interface: Int, level: ISISLevel)
    case psnp(interface: Int, level: ISISLevel)
    /// Re-checks the LSPs this router should originate.
    case originate
    case refresh
    case spf
    /// The next moment an LSP in a database reaches zero remaining lifetime or its zero-age
    /// holding ends.
    case expiry
}

extension ISISTimer {
    /// See `FastHash`: every flood and every PSNP looks up its circuit's timer.
    public func _rawHashValue(seed: Int) -> Int {
        func slot(_ interface: Int, _ level: ISISLevel? = nil) -> UInt64 {
            UInt64(UInt32(truncatingIfNeeded: interface)) << 8 | UInt64(level?.rawValue ?? 0)
        }
        return switch self {
        case let .hello(interface, level): FastHash.mix(slot(interface, level), 1, seed: seed)
        case .holding(let interface): FastHash.mix(slot(interface), 2, seed: seed)
        case .flood(let interface): FastHash.mix(slot(interface), 3, seed: seed)
        case let .csnp(interface, level): FastHash.mix(slot(interface, level), 4, seed: seed)
        case let .psnp(interface, level): FastHash.mix(slot(interface, level), 5, seed: seed)
        case .originate: FastHash.mix(0, 6, seed: seed)
        case .refresh: FastHash.mix(0, 7, seed: seed)
        case .spf: FastHash.mix(0, 8, seed: seed)
        case .expiry: FastHash.mix(0, 9, seed: seed)
        }
    }
}
