import NetSimRouting
import NetSimWire

/// The distinct next-hop sets met during one SPF run, each numbered once (0 is the empty set).
/// A router has a handful of neighbors, so thousands of vertices and routes share a few sets:
/// numbering them makes a path two integers, and a union of two sets a lookup after the first
/// time. Each set is kept as a sorted array; `set(_:)` builds a `Set` once per number, so equal
/// results share storage.
struct NextHopSets {
    typealias ID = Int32
    static let empty: ID = 0

    private var members: [[NextHop]] = [[]]
    private var ids: [[NextHop]: ID] = [[]: 0]
    /// The sets of one next hop, found without hashing an array.
    private var singles: [NextHop: ID] = [:]
    private var unions: [Pair: ID] = [:]
    private var sets: [Set<NextHop>?] = [Set()]

    /// An unordered pair of set numbers, the key of a remembered union.
    private struct Pair: Hashable {
        var low: ID
        var high: ID

        func _rawHashValue(seed: Int) -> Int {
            FastHash.mix(UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: high)), seed: seed)
        }
    }

    /// The members of a set, sorted.
    subscript(id: ID) -> [NextHop] { members[Int(id)] }

    /// The number of the set holding exactly these next hops (in any order, repeats ignored).
    mutating func id(of hops: [NextHop]) -> ID {
        if hops.count == 1 {
            if let known = singles[hops[0]] { return known }
            let id = add(hops)
            singles[hops[0]] = id
            return id
        }
        var canonical: [NextHop] = []
        canonical.reserveCapacity(hops.count)
        for hop in hops.sorted() where canonical.last != hop { canonical.append(hop) }
        if canonical.count == 1 { return id(of: canonical) }
        if let known = ids[canonical] { return known }
        return add(canonical)
    }

    /// Numbers a sorted set not numbered yet.
    private mutating func add(_ canonical: [NextHop]) -> ID {
        let id = ID(members.count)
        members.append(canonical)
        ids[canonical] = id
        sets.append(nil)
        return id
    }

    /// The number of the union of two sets.
    mutating func union(_ first: ID, _ second: ID) -> ID {
        if first == second || second == NextHopSets.empty { return first }
        if first == NextHopSets.empty { return second }
        let pair = Pair(low: min(first, second), high: max(first, second))
        if let known = unions[pair] { return known }
        let merged = id(of: members[Int(first)] + members[Int(second)])
        unions[pair] = merged
        return merged
    }

    /// The set itself, built once per number.
    mutating func set(_ id: ID) -> Set<NextHop> {
        if let built = sets[Int(id)] { return built }
        let built = Set(members[Int(id)])
        sets[Int(id)] = built
        return built
    }
}
