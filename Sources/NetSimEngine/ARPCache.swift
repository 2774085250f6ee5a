import NetSimRouting
import NetSimWire

/// The IPv4-to-MAC table of one device, with packets waiting for a resolution.
///
/// Entry life cycle:
/// ```
///   (absent) --packet to send--> Incomplete --reply--> Resolved --age > timeout--> (absent)
///                                    |  retry every second, 3 requests in all
///                                    +--no reply--> (absent; waiting packets dropped)
/// ```
/// Resolved entries expire lazily: an entry older than the timeout is treated as absent.
struct ARPCache {
    struct Entry {
        var mac: MACAddress
        var interface: Int
        var learnedAt: SimTime
    }

    struct Pending {
        var interface: Int
        var attempts: Int
        var packets: [(IPv4Packet, PacketTrace)]
    }

    static let timeout = SimTime.seconds(300)
    static let retryInterval = SimTime.seconds(1)
    static let maxAttempts = 3
    static let maxQueuedPerTarget = 3

    private(set) var entries: [IPv4Address: Entry] = [:]
    var pending: [IPv4Address: Pending] = [:]

    func lookup(_ address: IPv4Address, interface: Int, now: SimTime) -> MACAddress? {
        guard let entry = entries[address], entry.interface == interface,
              now - entry.learnedAt < ARPCache.timeout else { return nil }
        return entry.mac
    }

    mutating func learn(_ address: IPv4Address, mac: MACAddress, interface: Int, now: SimTime) {
        entries[address] = Entry(mac: mac, interface: interface, learnedAt: now)
    }

    /// True when the address already has an entry (fresh or not), which RFC 826 says to update.
    func knows(_ address: IPv4Address) -> Bool { entries[address] != nil }

    mutating func flush(interface: Int) {
        entries = entries.filter { $0.value.interface != interface }
    }

    /// Live entries, sorted by address.
    func liveEntries(now: SimTime) -> [(IPv4Address, Entry)] {
        entries.filter { now - $0.value.learnedAt < ARPCache.timeout }.sorted { $0.key < $1.key }
    }
}
