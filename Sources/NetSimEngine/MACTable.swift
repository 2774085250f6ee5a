import NetSimRouting
import NetSimWire

/// A learning bridge's forwarding database: (VLAN, MAC) to the port it was last seen on.
/// Entries age out lazily after 300 seconds, the IEEE 802.1D default.
struct MACTable {
    struct Key: Hashable {
        var vlan: UInt16
        var mac: MACAddress
    }

    struct Entry {
        var port: Int
        var lastSeen: SimTime
    }

    static let agingTime = SimTime.seconds(300)

    private(set) var entries: [Key: Entry] = [:]

    mutating func learn(_ mac: MACAddress, vlan: UInt16, port: Int, now: SimTime) {
        entries[Key(vlan: vlan, mac: mac)] = Entry(port: port, lastSeen: now)
    }

    func port(for mac: MACAddress, vlan: UInt16, now: SimTime) -> Int? {
        guard let entry = entries[Key(vlan: vlan, mac: mac)], now - entry.lastSeen < MACTable.agingTime else {
            return nil
        }
        return entry.port
    }

    mutating func flush(port: Int) {
        entries = entries.filter { $0.value.port != port }
    }

    func liveEntries(now: SimTime) -> [(Key, Entry)] {
        entries.filter { now - $0.value.lastSeen < MACTable.agingTime }
            .sorted { ($0.key.vlan, $0.key.mac) < ($1.key.vlan, $1.key.mac) }
    }
}
