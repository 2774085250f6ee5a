import NetSimEngine
import NetSimRouting
import NetSimWire
import Yams

/// Converters from scalar nodes to typed values. Each one reports what is wrong with the text
/// and what would be right, at the value's location, and returns nil.
extension TopologyReader {
    mutating func ipv4(_ node: Node, for key: String) -> IPv4Address? {
        guard let text = string(node, for: key) else { return nil }
        if let address = IPv4Address(text) { return address }
        report("invalid IPv4 address '\(text)' for '\(key)': \(Self.ipv4Problem(text))", at: node,
               hint: "write four numbers 0...255 separated by dots, e.g. 10.0.1.1")
        return nil
    }

    /// An interface address in CIDR form; host bits are expected ("10.0.12.1/24").
    mutating func interfaceAddress(_ node: Node, for key: String) -> InterfaceAddress? {
        guard let text = string(node, for: key) else { return nil }
        if let address = InterfaceAddress(text) { return address }
        let (problem, hint) = Self.cidrProblem(text)
        report("invalid CIDR '\(text)' for '\(key)': \(problem)", at: node, hint: hint)
        return nil
    }

    /// A route destination in CIDR form; host bits must be clear ("10.0.0.0/24").
    mutating func routePrefix(_ node: Node, for key: String) -> IPv4Prefix? {
        guard let text = string(node, for: key) else { return nil }
        guard let cidr = InterfaceAddress(text) else {
            let (problem, hint) = Self.cidrProblem(text)
            report("invalid CIDR '\(text)' for '\(key)': \(problem)", at: node, hint: hint)
            return nil
        }
        guard cidr.address == cidr.prefix.network else {
            report("prefix '\(text)' has host bits set; a route prefix must be a network address", at: node,
                   hint: "did you mean '\(cidr.prefix)'?")
            return nil
        }
        return cidr.prefix
    }

    /// A whole number in `range`; `what` names it in messages ("MTU", "VLAN").
    mutating func integer(_ node: Node, for key: String, in range: ClosedRange<Int>, what: String) -> Int? {
        guard let text = string(node, for: key) else { return nil }
        guard let value = Int(text) else {
            report("expected a whole number \(range.lowerBound)...\(range.upperBound) for '\(key)', found '\(text)'",
                   at: node)
            return nil
        }
        guard range.contains(value) else {
            report("\(what) \(value) is out of range; expected \(range.lowerBound)...\(range.upperBound)", at: node)
            return nil
        }
        return value
    }

    /// One of the cases of `T`, by raw value; `what` names it in messages ("device type").
    mutating func choice<T: CaseIterable & RawRepresentable>(_ node: Node, for key: String, what: String) -> T?
    where T.RawValue == String {
        guard let text = string(node, for: key) else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        report("unknown \(what) '\(text)'; expected one of: \(names.joined(separator: ", "))", at: node,
               hint: SpellingSuggestion.hint(for: text, among: names))
        return nil
    }

    /// `true`/`false`, plus the YAML 1.1 spellings (`yes`, `off`, ...) that Yams also reads as
    /// booleans.
    mutating func bool(_ node: Node, for key: String) -> Bool? {
        guard let text = string(node, for: key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report("expected true or false for '\(key)', found '\(text)'", at: node)
            return nil
        }
    }

    /// A duration: "1ms", "250us", "2s", or a bare number of milliseconds.
    mutating func duration(_ node: Node, for key: String) -> SimTime? {
        guard let text = string(node, for: key) else { return nil }
        return duration(text, for: key, at: node)
    }

    /// Packet loss in percent, 0...100, as a number or a string like "0.5%".
    mutating func lossPercent(_ node: Node, for key: String) -> Double? {
        guard let text = string(node, for: key) else { return nil }
        var number = Substring(text.strippingBlanks())
        if number.hasSuffix("%") { number = Substring(number.dropLast().strippingBlanks()) }
        guard let value = Double(number), value.isFinite else {
            report("expected a loss percentage for '\(key)', found '\(text)'", at: node,
                   hint: "write a number from 0 to 100, e.g. 0.5 or \"0.5%\"")
            return nil
        }
        guard (0...100).contains(value) else {
            report("loss \(text) is out of range; expected a percentage 0...100", at: node)
            return nil
        }
        return value
    }

    /// When a script step runs: `converged`, `converged + 100` / `converged + 2s`, or an absolute
    /// time (`250ms`, `2s`, bare milliseconds).
    mutating func scriptTime(_ node: Node, for key: String) -> ScheduledTime? {
        guard let text = string(node, for: key) else { return nil }
        let trimmed = text.strippingBlanks()
        let keyword = "converged"
        guard trimmed.hasPrefix(keyword) else {
            if SimTime(parsing: trimmed) == nil, trimmed.first?.isLetter == true {
                report("invalid time '\(text)' for '\(key)'", at: node,
                       hint: "write 'converged', 'converged + 100ms', or an absolute time like '250ms'")
                return nil
            }
            return duration(trimmed, for: key, at: node).map(ScheduledTime.absolute)
        }
        let rest = trimmed.dropFirst(keyword.count).strippingBlanks()
        if rest.isEmpty { return .afterConvergence(.zero) }
        guard rest.hasPrefix("+") else {
            report("invalid time '\(text)' for '\(key)'; expected 'converged' or 'converged + <delay>'", at: node,
                   hint: "e.g. 'converged + 100' (milliseconds) or 'converged + 2s'")
            return nil
        }
        return duration(rest.dropFirst().strippingBlanks(), for: key, at: node).map(ScheduledTime.afterConvergence)
    }

    private mutating func duration(_ text: String, for key: String, at node: Node) -> SimTime? {
        if let time = SimTime(parsing: text) { return time }
        if text.strippingBlanks().hasPrefix("-") {
            report("'\(key)' must not be negative, found '\(text)'", at: node)
        } else {
            report("invalid duration '\(text)' for '\(key)'", at: node,
                   hint: "write a number with a unit (ns, us, ms, s), e.g. 1ms, 250us, 2s; a bare number is milliseconds")
        }
        return nil
    }

    // MARK: Explaining bad addresses

    /// Why `text` is not a dotted-quad IPv4 address.
    static func ipv4Problem(_ text: some StringProtocol) -> String {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return "an IPv4 address has 4 numbers separated by dots, found \(parts.count)" }
        for part in parts {
            guard !part.isEmpty else { return "empty number between dots" }
            guard part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return "'\(part)' is not a number" }
            guard part.count == 1 || part.first != "0" else { return "'\(part)' has a leading zero" }
            guard part.count <= 3, let octet = Int(part), octet <= 255 else { return "\(part) is above 255" }
        }
        return "not an IPv4 address"
    }

    /// Why `text` is not an address with a prefix length, and how to fix it.
    static func cidrProblem(_ text: String) -> (problem: String, hint: String?) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            let hint = IPv4Address(text).map { "add the prefix length, e.g. '\($0)/24'" }
            return ("expected an address with a prefix length, like 10.0.12.1/24", hint)
        }
        if IPv4Address(parts[0]) == nil {
            return ("'\(parts[0])' is not an IPv4 address (\(ipv4Problem(parts[0])))",
                    "write four numbers 0...255 separated by dots, then /length")
        }
        let length = parts[1]
        guard !length.isEmpty, length.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return ("prefix length '\(length)' is not a number", "the prefix length is a number 0...32")
        }
        return ("prefix length \(length) is out of range; expected 0...32", nil)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines. (A local helper so the
    /// parser does not need Foundation.)
    func strippingBlanks() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
