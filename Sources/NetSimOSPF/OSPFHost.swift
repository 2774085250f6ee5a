import NetSimRouting
import NetSimWire

/// What an OSPF instance needs from the device that runs it. The simulation engine implements
/// it for real devices; tests implement it to wire instances together directly.
public protocol OSPFHost: AnyObject {
    var now: SimTime { get }
    /// Sends an OSPF packet out of an interface to a multicast group or a neighbor's address.
    func ospfSend(_ packet: OSPFPacket, interface: Int, destination: IPv4Address)
    /// Asks for `ospfTimerFired(timer, token:)` to be called at `time`.
    func ospfSchedule(_ timer: OSPFTimer, token: UInt64, at time: SimTime)
    /// Replaces the device's OSPF routes (which are `previous`, as last installed) with a
    /// freshly computed set.
    func ospfInstallRoutes(_ routes: [Route], replacing previous: [Route])
    /// The device's selected (FIB) routes of a source, for redistribution.
    func ospfSelectedRoutes(of source: RouteSource) -> [Route]
    /// Something convergence-relevant happened: an adjacency, interface or database change.
    func ospfStateChanged()
    /// LS Updates are queued; call `sendQueuedUpdates()` once the current event is handled.
    func ospfQueuedUpdates()
    func ospfLog(_ message: String)
}
