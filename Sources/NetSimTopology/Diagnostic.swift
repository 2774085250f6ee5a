/// One problem found in a topology file, pinned to where it was written.
///
/// Rendered the way compilers do, so editors and terminals can jump to it:
///
///     lab.yaml:14:13: error: unknown key 'ipp' in interface; expected one of: name, ip, ...
///       hint: did you mean 'ip'?
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    /// A suggestion for fixing the problem, shown on its own line under the message.
    public var hint: String?

    public init(location: SourceLocation, message: String, hint: String? = nil) {
        self.location = location
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = "\(location): error: \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }

    /// File, then line, then column; diagnostics at the same place are ordered by message so that
    /// rendering is deterministic.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.message != rhs.message { return lhs.message < rhs.message }
        return (lhs.hint ?? "") < (rhs.hint ?? "")
    }
}

/// Everything wrong with a topology file, reported together so that one run shows every problem.
public struct TopologyError: Error, Sendable, CustomStringConvertible {
    /// Sorted by location and free of exact duplicates.
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = Array(Set(diagnostics)).sorted()
    }

    public init(_ diagnostic: Diagnostic) {
        self.init(diagnostics: [diagnostic])
    }

    /// Every diagnostic in file order, each on its own line (two when it carries a hint).
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
