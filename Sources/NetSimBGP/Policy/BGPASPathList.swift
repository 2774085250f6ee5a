import NetSimWire

/// A named AS-path access list (`policies.as_path_lists`), matched as FRR 8.4 matches
/// `bgp as-path access-list`: entries in order, the first entry whose regular expression
/// matches the path's text decides, and a path no entry matches does not match the list.
///
/// The text is the path as FRR prints it for matching (`BGPASPathList.text(of:)`): sequences
/// as numbers separated by spaces, sets in braces with commas, confederation sequences in
/// parentheses and confederation sets in square brackets; a locally originated route's path is
/// the empty string, which `^$` matches.
public struct BGPASPathList: Hashable, Sendable {
    public let name: String
    public let entries: [Entry]

    public struct Entry: Hashable, Sendable {
        public var action: BGPPolicyAction
        /// The regular expression as written (see `BGPASPathRegex`).
        public var regex: String

        public init(action: BGPPolicyAction, regex: String) {
            self.action = action
            self.regex = regex
        }
    }

    /// The entries' expressions, compiled, in entry order.
    private let compiled: [BGPASPathRegex]

    /// Compiles every entry's expression; each one that is not valid is a problem naming its
    /// entry and the `regex` field. A list needs at least one entry.
    public init(name: String, entries: [Entry]) throws(BGPPolicyError) {
        var problems: [BGPPolicyProblem] = []
        var compiled: [BGPASPathRegex] = []
        if entries.isEmpty {
            problems.append(BGPPolicyProblem(kind: .asPathList, name: name,
                                             message: "an AS-path list needs at least one entry"))
        }
        for (index, entry) in entries.enumerated() {
            do {
                compiled.append(try BGPASPathRegex(entry.regex))
            } catch {
                problems.append(BGPPolicyProblem(kind: .asPathList, name: name, entry: index, field: "regex",
                                                 message: "invalid regular expression \"\(entry.regex)\": \(error)"))
            }
        }
        try BGPPolicyError.check(problems)
        self.name = name
        self.entries = entries
        self.compiled = compiled
    }

    /// The index of the first entry whose expression matches `path`, nil when none does.
    public func decidingEntry(for path: BGPASPath) -> Int? {
        let text = Self.text(of: path)
        return compiled.firstIndex { $0.matches(text) }
    }

    /// True when the deciding entry permits.
    public func permits(_ path: BGPASPath) -> Bool {
        decidingEntry(for: path).map { entries[$0].action == .permit } ?? false
    }

    /// The text FRR matches AS-path expressions against. FRR keeps the members of sets sorted
    /// and without repeats, so this text does too, whatever order the UPDATE carried them in.
    public static func text(of path: BGPASPath) -> String {
        path.segments.map { segment -> String in
            switch segment.kind {
            case .sequence:
                return segment.numbers.map(String.init).joined(separator: " ")
            case .confederationSequence:
                return "(" + segment.numbers.map(String.init).joined(separator: " ") + ")"
            case .set:
                return "{" + Set(segment.numbers).sorted().map(String.init).joined(separator: ",") + "}"
            case .confederationSet:
                return "[" + Set(segment.numbers).sorted().map(String.init).joined(separator: ",") + "]"
            }
        }.joined(separator: " ")
    }
}
