import Yams

/// Walks the YAML node tree of one topology file and turns it into spec values, with a
/// diagnostic for every node that does not fit the schema.
///
/// Every accessor reports its own problems and returns nil, so callers just skip what they
/// could not read and carry on: one pass finds every error in the file. The element readers
/// (devices, links, ...) and value converters (addresses, durations, ...) are extensions in
/// their own files.
struct TopologyReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// What was left out of the spec because it could not be read; see `ParseGaps`.
    var gaps = ParseGaps()

    init(file: String) {
        self.file = file
    }

    // MARK: Reporting

    /// Where `node` starts. Yams marks are 1-based already; a node built without one (never the
    /// case for composed documents) points at the start of the file.
    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func report(_ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(location: location, message: message, hint: hint))
    }

    mutating func report(_ message: String, at node: Node, hint: String? = nil) {
        report(message, at: location(of: node), hint: hint)
    }

    // MARK: Structure

    /// The entries of a mapping that the schema allows in `context`. Every other key is
    /// reported: keys of not-yet-supported features as such, anything else as unknown, with the
    /// allowed keys listed and the nearest one suggested.
    mutating func fields(of node: Node, as context: TopologySchema.Context) -> MappingFields? {
        guard case let .mapping(mapping) = node else {
            report("expected a mapping (key: value lines) for \(context.article), found \(Self.describe(node))",
                   at: node)
            return nil
        }
        var fields = MappingFields(location: location(of: node))
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode, !keyNode.isNull else {
                report("expected a plain key in \(context.rawValue), found \(Self.describe(keyNode))", at: keyNode)
                continue
            }
            let key = scalar.string
            // Yams rejects repeated keys itself, except ones that differ only in a tag (`!x ip`).
            if fields[key] != nil {
                report("duplicate key '\(key)' in \(context.rawValue)", at: keyNode)
            } else if TopologySchema.notYetSupportedKeys.contains(key) {
                report(TopologySchema.notYetSupportedMessage(for: key), at: keyNode)
            } else if context.allowedKeys.contains(key) {
                fields.add(key: key, value: value, at: location(of: value))
            } else {
                let allowed = context.allowedKeys.joined(separator: ", ")
                report("unknown key '\(key)' in \(context.rawValue); expected one of: \(allowed)", at: keyNode,
                       hint: SpellingSuggestion.hint(for: key, among: context.allowedKeys))
            }
        }
        return fields
    }

    /// The value of a key the schema requires; reports it missing (at the start of the mapping).
    mutating func required(_ key: String, in fields: MappingFields, of context: TopologySchema.Context) -> Node? {
        if let value = fields[key] { return value }
        report("missing required key '\(key)' in \(context.rawValue)", at: fields.location)
        return nil
    }

    /// The items of a list. An empty value (`links:` with nothing after it) is an empty list.
    mutating func list(_ node: Node, for key: String) -> [Node]? {
        switch node {
        case let .sequence(sequence):
            return Array(sequence)
        case .scalar where node.isNull:
            return []
        default:
            report("expected a list for '\(key)', found \(Self.describe(node))", at: node,
                   hint: "write one '- item' per line, or [a, b] on one line")
            return nil
        }
    }

    /// The text of a scalar. YAML's typing of plain scalars is ignored (a device may be called
    /// `1`), but an empty value, a list or a mapping is not text.
    mutating func string(_ node: Node, for key: String) -> String? {
        switch node {
        case let .scalar(scalar) where !node.isNull:
            return scalar.string
        case .scalar:
            report("'\(key)' needs a value; expected a string", at: node)
            return nil
        default:
            report("expected a string for '\(key)', found \(Self.describe(node))", at: node)
            return nil
        }
    }

    /// A short description of a node for "found ..." in messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(scalar):
            if node.isNull { return "an empty value" }
            let text = scalar.string
            return text.count > 40 ? "'\(text.prefix(40))...'" : "'\(text)'"
        }
    }
}

/// The readable entries of one YAML mapping, by key, with where each value was written.
struct MappingFields {
    /// Where the mapping starts; diagnostics about missing keys point here.
    let location: SourceLocation
    private var values: [String: Node] = [:]
    private(set) var valueLocations: [String: SourceLocation] = [:]

    init(location: SourceLocation) {
        self.location = location
    }

    mutating func add(key: String, value: Node, at location: SourceLocation) {
        values[key] = value
        valueLocations[key] = location
    }

    subscript(key: String) -> Node? { values[key] }

    /// Where `key`'s value was written, or the start of the mapping if the key is absent.
    func location(of key: String) -> SourceLocation { valueLocations[key] ?? location }
}

extension TopologySchema.Context {
    /// "a device", "an interface": for "expected a mapping for ...".
    var article: String {
        switch self {
        case .interface: "an interface"
        case .ospfRouter: "a device's 'ospf' block"
        case .ospfInterface: "an interface's 'ospf' block"
        case .isisRouter: "a device's 'isis' block"
        case .isisInterface: "an interface's 'isis' block"
        case .redistribution: "a 'redistribute' entry"
        case .bgpRouter: "a device's 'bgp' block"
        case .bgpTimers: "a 'timers' block"
        case .bgpBestPath: "a 'bestpath' block"
        case .policies: "a 'policies' block"
        case .asPathListEntry: "an as-path list entry"
        case .routeMapMatch: "a route map's 'match' block"
        case .routeMapSet: "a route map's 'set' block"
        default: "a \(rawValue)"
        }
    }
}

extension Node {
    /// An empty value: nothing after the colon, `~` or `null`. (Quoted "" is an empty string.)
    var isNull: Bool { tag.rawValue == Tag.Name.null.rawValue }
}
