/// An AS-path regular expression as FRR and Cisco write them: a POSIX extended regular
/// expression (FRR compiles with `regcomp(REG_EXTENDED)`), in which every `_` stands for a
/// boundary between AS numbers: the start or end of the path, a space, a brace, a comma or a
/// parenthesis (FRR replaces `_` with `(^|[,{}() ]|$)` before compiling).
///
/// The pattern is translated to a Swift `Regex` by a small parser that accepts exactly the
/// POSIX extended syntax: literals, `.`, bracket expressions with ranges and `[:class:]`,
/// groups, `|`, the repetitions `*`, `+`, `?` and `{n}`, `{n,}`, `{n,m}`, the anchors `^` and
/// `$`, and backslash before a special character. Everything Swift would read differently or
/// POSIX leaves undefined is refused with a message saying where: escapes of letters and digits
/// (`\d`, `\b`, back references), `(?`, two repetitions in a row (`*?`, `++`), a repetition
/// with nothing before it, a `{` that does not start a count, unbalanced parentheses and
/// brackets, a `_` that is escaped or inside brackets (FRR's substitution would turn it into a
/// broken expression there), and a count (`{2}`) over something holding `_`, `^` or `$`: FRR's
/// library (glibc's `regexec` on an expression compiled with `REG_NOSUB`) drops the anchors of
/// the copies a count makes, so `(1$){2}` matches `11` there; no answer netsim gives would
/// agree with both POSIX and FRR. Matching searches anywhere in the text, as `regexec` does.
public struct BGPASPathRegex: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// The Swift regular expression it became.
    public let translation: String
    private let compiled: CompiledRegex

    /// What `_` becomes.
    static let boundary = "(?:^|[,{}() ]|$)"

    /// Why a pattern was refused; `offset` counts characters from 0.
    public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
        public var offset: Int
        public var reason: String

        public var description: String { "\(reason) at character \(offset + 1)" }
    }

    public init(_ pattern: String) throws(SyntaxError) {
        self.pattern = pattern
        translation = try Self.translate(Array(pattern))
        do {
            compiled = CompiledRegex(try Regex(translation, as: Substring.self))
        } catch {
            throw SyntaxError(offset: 0, reason: "Swift could not compile it (\(error))")
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        compiled.matches(text)
    }

    public var description: String { pattern }

    public static func == (lhs: BGPASPathRegex, rhs: BGPASPathRegex) -> Bool { lhs.pattern == rhs.pattern }

    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    /// Holds the compiled expression. `Regex` is not `Sendable` (its output type could hold
    /// anything); this one's output is a `Substring`, it is never mutated, and its matching
    /// program is built here, before the value can be shared, so sharing it is safe.
    private final class CompiledRegex: @unchecked Sendable {
        let regex: Regex<Substring>

        init(_ regex: Regex<Substring>) {
            self.regex = regex
            _ = matches("")
        }

        func matches(_ text: String) -> Bool {
            (try? regex.firstMatch(in: text)) != nil
        }
    }

    // MARK: - Translation

    private static let posixClasses: Set<String> = [
        "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit",
    ]

    /// A character as Swift regex syntax that means only that character, wherever it stands.
    private static func literal(_ character: Character) -> String {
        if character.isASCII && (character.isLetter || character.isNumber) { return String(character) }
        return character.unicodeScalars.map { "\\u{" + String($0.value, radix: 16) + "}" }.joined()
    }

    private static func translate(_ characters: [Character]) throws(SyntaxError) -> String {
        var output = ""
        var index = 0
        // Open groups: where each starts and whether it holds an anchor so far.
        var openGroups: [(start: Int, hasAnchor: Bool)] = []
        // What the previous element was, for the repetition checks.
        var canRepeat = false
        var justRepeated = false
        var lastHasAnchor = false
        func noteAnchor() {
            if !openGroups.isEmpty { openGroups[openGroups.count - 1].hasAnchor = true }
        }

        func fail(_ reason: String, at offset: Int) -> SyntaxError { SyntaxError(offset: offset, reason: reason) }

        while index < characters.count {
            let character = characters[index]
            let start = index
            index += 1
            switch character {
            case "*", "+", "?":
                guard canRepeat else { throw fail("'\(character)' has nothing before it to repeat", at: start) }
                guard !justRepeated else {
                    throw fail("'\(character)' follows another repetition (POSIX leaves that undefined)", at: start)
                }
                output.append(character)
                justRepeated = true
                continue
            case "{":
                guard canRepeat else { throw fail("'{' has nothing before it to repeat (write \\{ for a brace)", at: start) }
                guard !justRepeated else {
                    throw fail("'{' follows another repetition (POSIX leaves that undefined)", at: start)
                }
                let (lower, upper, next) = try repetitionCount(characters, from: index, start: start)
                if lastHasAnchor && (upper ?? 2) >= 2 {
                    throw fail("a count cannot repeat '_', '^' or '$': FRR's regular expression library (glibc, "
                                   + "compiled without subexpressions) ignores anchors in the copies it makes and "
                                   + "matches where it should not; write the copies out or use '+'", at: start)
                }
                output += upper == lower ? "{\(lower)}" : "{\(lower),\(upper.map(String.init) ?? "")}"
                index = next
                justRepeated = true
                continue
            case "(":
                if index < characters.count, characters[index] == "?" {
                    throw fail("'(?' is not POSIX extended syntax", at: start)
                }
                openGroups.append((start, false))
                output += "(?:"
                canRepeat = false
            case ")":
                guard let group = openGroups.popLast() else { throw fail("')' has no '(' to close", at: start) }
                output += ")"
                canRepeat = true
                lastHasAnchor = group.hasAnchor
                if group.hasAnchor { noteAnchor() }
                justRepeated = false
                continue
            case "|":
                output += "|"
                canRepeat = false
            case "^", "$":
                output.append(character)
                canRepeat = false
                noteAnchor()
            case ".":
                output += "."
                canRepeat = true
            case "_":
                output += boundary
                canRepeat = true
                lastHasAnchor = true
                noteAnchor()
                justRepeated = false
                continue
            case "[":
                let (set, next) = try bracketExpression(characters, from: index, start: start)
                output += set
                index = next
                canRepeat = true
            case "\\":
                guard index < characters.count else { throw fail("'\\' ends the pattern", at: start) }
                let escaped = characters[index]
                index += 1
                if escaped.isLetter || escaped.isNumber {
                    throw fail("'\\\(escaped)' is not POSIX extended syntax (only special characters can be escaped)",
                               at: start)
                }
                if escaped == "_" {
                    throw fail("'\\_' cannot be written: FRR turns every '_' into a boundary, escaped or not", at: start)
                }
                output += literal(escaped)
                canRepeat = true
            default:
                output += literal(character)
                canRepeat = true
            }
            justRepeated = false
            lastHasAnchor = false
        }
        if let open = openGroups.last { throw fail("'(' is never closed", at: open.start) }
        return output
    }

    /// `{n}`, `{n,}` or `{n,m}` starting after the `{` at `start`; returns the bounds (no upper
    /// one for `{n,}`) and the index after `}`.
    private static func repetitionCount(_ characters: [Character], from: Int,
                                        start: Int) throws(SyntaxError) -> (Int, Int?, Int) {
        var index = from
        func number() -> Int? {
            var digits = ""
            while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
                digits += String(digit)
                index += 1
            }
            return digits.isEmpty ? nil : Int(digits.prefix(6))
        }
        let malformed = SyntaxError(offset: start, reason: "'{' must start a count like {2}, {2,} or {1,3} (write \\{ for a brace)")
        // `{,m}` means `{0,m}`, as glibc reads it.
        let lower = number() ?? 0
        if index == from && !(index < characters.count && characters[index] == ",") { throw malformed }
        var upper: Int? = lower
        if index < characters.count, characters[index] == "," {
            index += 1
            upper = number()
            if index == from + 1 && upper == nil { throw malformed }
        }
        guard index < characters.count, characters[index] == "}" else { throw malformed }
        index += 1
        // RE_DUP_MAX in glibc is 32767; counts that large only make the automaton huge.
        let limit = 255
        if lower > limit || (upper ?? 0) > limit {
            throw SyntaxError(offset: start, reason: "repetition counts above \(limit) are not supported")
        }
        if let upper, upper < lower {
            throw SyntaxError(offset: start, reason: "repetition count {\(lower),\(upper)} has its bounds reversed")
        }
        return (lower, upper, index)
    }

    /// A bracket expression starting after the `[` at `start`; returns Swift syntax for it and the
    /// index after its `]`. A `]` first (after an optional `^`) and a `-` first or last are
    /// literal, as POSIX says; backslash is literal inside brackets.
    private static func bracketExpression(_ characters: [Character], from: Int,
                                          start: Int) throws(SyntaxError) -> (String, Int) {
        var index = from
        var output = "["
        if index < characters.count, characters[index] == "^" {
            output += "^"
            index += 1
        }
        let unterminated = SyntaxError(offset: start, reason: "'[' is never closed")
        var first = true
        while true {
            guard index < characters.count else { throw unterminated }
            let character = characters[index]
            if character == "]" && !first { break }
            first = false
            if character == "_" {
                throw SyntaxError(offset: index, reason: "'_' inside brackets cannot be written: FRR turns every '_' into a boundary, even there")
            }
            if character == "[", index + 1 < characters.count, ":.=".contains(characters[index + 1]) {
                let kind = characters[index + 1]
                guard kind == ":" else {
                    throw SyntaxError(offset: index, reason: "collating elements '[\(kind)' are not supported")
                }
                var end = index + 2
                while end + 1 < characters.count, !(characters[end] == ":" && characters[end + 1] == "]") { end += 1 }
                guard end + 1 < characters.count else { throw unterminated }
                let name = String(characters[(index + 2)..<end])
                guard posixClasses.contains(name) else {
                    throw SyntaxError(offset: index, reason: "'[:\(name):]' is not a character class")
                }
                output += "[:\(name):]"
                index = end + 2
                continue
            }
            // A range a-b, unless the '-' is the last character before ']'.
            if index + 2 < characters.count, characters[index + 1] == "-", characters[index + 2] != "]" {
                let low = character
                let high = characters[index + 2]
                guard let lowScalar = low.unicodeScalars.first, let highScalar = high.unicodeScalars.first,
                      lowScalar.value <= highScalar.value else {
                    throw SyntaxError(offset: index, reason: "range '\(low)-\(high)' is out of order")
                }
                output += literal(low) + "-" + literal(high)
                index += 3
                continue
            }
            output += literal(character)
            index += 1
        }
        return (output + "]", index + 1)
    }
}
