import NetSimOSPF
import NetSimRouting
import NetSimWire

/// The small formats the OSPF commands share, in FRR's spelling: sequence numbers and
/// checksums in hex, timers in seconds with milliseconds, a neighbor's DR role.
enum OSPFFormat {
    /// "0x80000002".
    static func sequence(_ value: Int32) -> String { "0x" + digits(UInt32(bitPattern: value), 8, radix: 16) }

    /// "0x1a2b".
    static func checksum(_ value: UInt16) -> String { "0x" + digits(value, 4, radix: 16) }

    /// A span of time as FRR prints timers: seconds with three decimals, "37.995s" (never negative).
    static func seconds(_ time: SimTime) -> String {
        let milliseconds = max(0, time.nanoseconds / 1_000_000)
        return "\(milliseconds / 1000)." + digits(milliseconds % 1000, 3, radix: 10) + "s"
    }

    /// A number with leading zeros to at least `count` digits.
    static func digits(_ value: some BinaryInteger, _ count: Int, radix: Int) -> String {
        let text = String(value, radix: radix)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }

    /// A neighbor's role on the segment as the interface sees it: "DR", "Backup" or "DROther",
    /// nil on point-to-point links where there is no election.
    static func role(of neighbor: OSPFNeighbor, on interface: OSPFInterface) -> String? {
        guard !interface.isPointToPoint else { return nil }
        if neighbor.address == interface.designatedRouter { return "DR" }
        if neighbor.address == interface.backupDesignatedRouter { return "Backup" }
        return "DROther"
    }

    /// The router ID behind a DR or BDR interface address: this router's own, or a neighbor's.
    static func routerID(at address: IPv4Address, on interface: OSPFInterface, instance: OSPFInstance) -> IPv4Address? {
        if address == interface.address.address { return instance.routerID }
        return interface.neighbor(address)?.routerID
    }

    /// "SPF algorithm executed 3 times, last at t=523ms".
    static func spfHistory(_ instance: OSPFInstance) -> String {
        guard let last = instance.lastSPFAt else { return "SPF algorithm has not run yet" }
        let times = instance.spfRuns == 1 ? "once" : "\(instance.spfRuns) times"
        return "SPF algorithm executed \(times), last at t=\(last)"
    }

    /// An area as section titles name it: the backbone (0.0.0.0) says so.
    static func areaTitle(_ area: IPv4Address) -> String {
        area == .zero ? "\(area) (Backbone)" : area.description
    }
}
