import NetSimRouting
import NetSimWire

/// One flooding scope's LSAs (an area's, or the AS-external set). Ages are kept implicitly: an
/// entry remembers the age it was installed with and when, so idle time costs nothing.
struct LinkStateDatabase {
    struct Entry {
        var lsa: LSA
        var installedAt: SimTime

        /// The LSA's age now, in seconds, capped at MaxAge.
        func age(at now: SimTime) -> UInt16 { Stamp(header: lsa.header, installedAt: installedAt).age(at: now) }

        /// The header with its current age, as it would be described in a DD packet or an ack.
        func header(at now: SimTime) -> LSAHeader { Stamp(header: lsa.header, installedAt: installedAt).header(at: now) }

        /// When this entry reaches MaxAge, if it has not already.
        var maxAgeTime: SimTime { Entry.maxAgeTime(of: lsa.header, installedAt: installedAt) }

        static func maxAgeTime(of header: LSAHeader, installedAt: SimTime) -> SimTime {
            installedAt + .seconds(Int64(LSAHeader.maxAge) - Int64(header.age))
        }
    }

    /// What flooding compares an arriving LSA with: the stored header and when it was stored.
    /// Plain data, so reading it costs no reference counting (copying an `Entry` retains the
    /// LSA's body, and flooding looks up every LSA of every update it receives).
    struct Stamp {
        var header: LSAHeader
        var installedAt: SimTime

        /// The age now, in seconds, capped at MaxAge.
        func age(at now: SimTime) -> UInt16 {
            let elapsed = max(0, (now - installedAt).nanoseconds / 1_000_000_000)
            return UInt16(min(Int64(LSAHeader.maxAge), Int64(header.age) + elapsed))
        }

        /// The header with its current age, as it would be described in a DD packet or an ack.
        func header(at now: SimTime) -> LSAHeader {
            var current = header
            current.age = age(at: now)
            return current
        }
    }

    private(set) var entries: [LSAKey: Entry] = [:]

    subscript(key: LSAKey) -> Entry? { entries[key] }

    /// The stamp of the entry with this key, read where the entry lies: through the map's
    /// in-place accessor, which moves the entry out and back rather than copying it. (A lookup
    /// of a key that is absent may make room for one more entry, as an insertion would.)
    mutating func stamp(_ key: LSAKey) -> Stamp? {
        LinkStateDatabase.stamp(of: &entries[key])
    }

    private static func stamp(of entry: inout Entry?) -> Stamp? {
        guard let header = entry?.lsa.header, let installedAt = entry?.installedAt else { return nil }
        return Stamp(header: header, installedAt: installedAt)
    }

    mutating func install(_ lsa: LSA, at now: SimTime) {
        entries[lsa.key] = Entry(lsa: lsa, installedAt: now)
    }

    mutating func remove(_ key: LSAKey) {
        entries.removeValue(forKey: key)
    }

    /// Every key in a stable order (type, Link State ID, advertising router).
    var sortedKeys: [LSAKey] { entries.keys.sorted() }

    /// The LSAs of one type, in key order.
    func lsas(ofType type: LSAType) -> [LSA] {
        // Keys first: every SPF asks for types most areas have none of, and a key is cheaper to
        // look at than an entry is to copy.
        entries.keys.filter { $0.type == type }.sorted().map { entries[$0]!.lsa }
    }
}
