import NetSimWire

/// A named prefix list (`policies.prefix_lists`), matched as FRR 8.4 matches `ip prefix-list`:
/// entries in order, the first entry that covers the prefix decides, and a prefix no entry
/// covers is denied.
///
/// An entry covers a prefix that lies inside its `prefix` (same leading bits, at least as long)
/// and whose length is within its range: exactly the entry's length when neither `ge` nor `le`
/// is given, otherwise `ge ... le` where a missing `ge` is the entry's own length and a missing
/// `le` is 32. A list must have at least one entry (FRR has no way to write an empty one in a
/// configuration, and its route-maps disagree with its own prefix-list code about what an empty
/// list matches).
public struct BGPPrefixList: Hashable, Sendable {
    public let name: String
    public let entries: [Entry]

    public struct Entry: Hashable, Sendable {
        public var action: BGPPolicyAction
        public var prefix: IPv4Prefix
        /// The shortest length covered; nil when not given. FRR keeps 0 as "not given", and so
        /// does this entry: `0.0.0.0/0 ge 0` alone matches only the default route, as in FRR.
        public var greaterOrEqual: UInt8?
        /// The longest length covered; nil when not given.
        public var lessOrEqual: UInt8?

        public init(action: BGPPolicyAction, prefix: IPv4Prefix, ge: UInt8? = nil, le: UInt8? = nil) {
            self.action = action
            self.prefix = prefix
            greaterOrEqual = ge == 0 ? nil : ge
            lessOrEqual = le == 0 ? nil : le
        }

        /// The prefix lengths this entry covers; nil when it covers none (`ge` above `le`, which
        /// a list refuses).
        public var lengths: ClosedRange<UInt8>? {
            if greaterOrEqual == nil && lessOrEqual == nil { return prefix.length...prefix.length }
            let lowest = greaterOrEqual ?? prefix.length
            let highest = lessOrEqual ?? 32
            return lowest <= highest ? lowest...highest : nil
        }

        /// Whether this entry covers `candidate` (its action aside).
        public func covers(_ candidate: IPv4Prefix) -> Bool {
            guard prefix.contains(candidate), let lengths else { return false }
            return lengths.contains(candidate.length)
        }
    }

    /// Checks every entry: `ge` and `le` at most 32 and `prefix length <= ge <= le` (FRR's rule),
    /// and at least one entry.
    public init(name: String, entries: [Entry]) throws(BGPPolicyError) {
        var problems: [BGPPolicyProblem] = []
        func problem(_ index: Int?, _ field: String?, _ message: String) {
            problems.append(BGPPolicyProblem(kind: .prefixList, name: name, entry: index, field: field, message: message))
        }
        if entries.isEmpty { problem(nil, nil, "a prefix list needs at least one entry") }
        for (index, entry) in entries.enumerated() {
            let length = entry.prefix.length
            if let ge = entry.greaterOrEqual {
                if ge > 32 {
                    problem(index, "ge", "ge \(ge) is above 32")
                } else if ge < length {
                    problem(index, "ge", "ge \(ge) is shorter than the prefix \(entry.prefix) (need length <= ge <= le)")
                }
            }
            if let le = entry.lessOrEqual {
                if le > 32 {
                    problem(index, "le", "le \(le) is above 32")
                } else if le < length {
                    problem(index, "le", "le \(le) is shorter than the prefix \(entry.prefix) (need length <= ge <= le)")
                }
            }
            if let ge = entry.greaterOrEqual, let le = entry.lessOrEqual, ge <= 32, le <= 32, ge > le {
                problem(index, "le", "le \(le) is below ge \(ge) (need length <= ge <= le)")
            }
        }
        try BGPPolicyError.check(problems)
        self.name = name
        self.entries = entries
    }

    /// The index of the first entry that covers `prefix`, nil when none does.
    public func decidingEntry(for prefix: IPv4Prefix) -> Int? {
        entries.firstIndex { $0.covers(prefix) }
    }

    /// Permit when the first entry covering `prefix` permits it; deny when it denies or no
    /// entry covers it.
    public func permits(_ prefix: IPv4Prefix) -> Bool {
        decidingEntry(for: prefix).map { entries[$0].action == .permit } ?? false
    }
}
