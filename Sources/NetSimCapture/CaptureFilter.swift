/// What `--pcap-filter` asks to capture: comma-separated terms.
///
/// | term | selects |
/// |---|---|
/// | `device:NAME` | every cabled interface of a device |
/// | `interface:DEVICE:IFACE`, or just `DEVICE:IFACE` | one interface |
/// | `link:DEVICE:IFACE` | every interface on the link that interface is cabled to |
/// | `proto:arp\|ipv4\|icmp\|udp\|ospf\|isis\|tcp\|bgp` | frames of that protocol (`ipv4`: all IPv4; `bgp`: TCP port 179) |
///
/// Interfaces named by any place term are captured (their union); with no place term, every
/// cabled interface. Protocol terms keep a frame when any of them matches; with none, every
/// frame. `parse` checks the syntax, `select(in:)` the names against a simulation.
public struct CaptureFilter: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        case device(String)
        case interface(device: String, interface: String)
        case link(device: String, interface: String)
        case proto(CaptureProtocol)
    }

    public var terms: [Term]

    public init(terms: [Term] = []) { self.terms = terms }

    static let syntax = "device:NAME, interface:DEVICE:IFACE (or DEVICE:IFACE), link:DEVICE:IFACE, "
        + "proto:" + CaptureProtocol.allCases.map(\.rawValue).joined(separator: "|")

    /// Parses the option's text, reporting every malformed term.
    public static func parse(_ text: String) throws(CaptureFilterError) -> CaptureFilter {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
        guard pieces.contains(where: { !$0.isEmpty }) else {
            throw CaptureFilterError(["the filter is empty; terms are " + syntax])
        }
        var terms: [Term] = []
        var problems: [String] = []
        for (position, piece) in pieces.enumerated() {
            switch term(piece) {
            case .success(let term): terms.append(term)
            case .failure(let problem):
                problems.append(piece.isEmpty ? "term \(position + 1) is empty" : "'\(piece)': \(problem.message)")
            }
        }
        guard problems.isEmpty else { throw CaptureFilterError(problems) }
        return CaptureFilter(terms: terms)
    }

    private struct Problem: Error { var message: String }

    private static func term(_ text: String) -> Result<Term, Problem> {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let (kind, value) = (parts[0], parts.count == 2 ? parts[1] : "")
        switch kind {
        case "device":
            return value.isEmpty || value.contains(":")
                ? .failure(Problem(message: "expected device:NAME, e.g. device:r1")) : .success(.device(value))
        case "interface":
            return endpoint(value, kind: kind).map { .interface(device: $0, interface: $1) }
        case "link":
            return endpoint(value, kind: kind).map { .link(device: $0, interface: $1) }
        case "proto":
            guard let proto = CaptureProtocol(rawValue: value) else {
                let known = CaptureProtocol.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(Problem(message: "unknown protocol '\(value)' (protocols: \(known))"))
            }
            return .success(.proto(proto))
        default:
            guard case .success(let place) = endpoint(text, kind: "interface") else {
                return .failure(Problem(message: "not a filter term (terms are \(syntax))"))
            }
            return .success(.interface(device: place.0, interface: place.1))
        }
    }

    /// "DEVICE:IFACE" after `kind:`.
    private static func endpoint(_ text: String, kind: String) -> Result<(String, String), Problem> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return .failure(Problem(message: "expected \(kind):DEVICE:IFACE, e.g. \(kind):r1:eth0"))
        }
        return .success((parts[0], parts[1]))
    }
}

extension CaptureFilter.Term: CustomStringConvertible {
    /// The term as written in full: "device:r1", "interface:r1:eth0", "proto:icmp".
    public var description: String {
        switch self {
        case .device(let name): "device:\(name)"
        case let .interface(device, interface): "interface:\(device):\(interface)"
        case let .link(device, interface): "link:\(device):\(interface)"
        case .proto(let proto): "proto:\(proto.rawValue)"
        }
    }
}
