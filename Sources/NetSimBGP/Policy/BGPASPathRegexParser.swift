/// Reads a POSIX extended regular expression with FRR's `_` into a `BGPASPathRegexProgram.Node`,
/// refusing what `BGPASPathRegex` documents as refused. One pass from left to right keeps a
/// stack of open groups, each a list of alternatives, each a sequence of elements.
enum BGPASPathRegexParser {
    typealias Node = BGPASPathRegexProgram.Node
    typealias CharacterSet = BGPASPathRegexProgram.CharacterSet
    typealias SyntaxError = BGPASPathRegex.SyntaxError

    /// What `_` stands for: `(^|[,{}() ]|$)`.
    static let boundary = Node.alternatives([
        .start, .characters(CharacterSet(ranges: (",{}() " as String).unicodeScalars.map { $0.value...$0.value })), .end,
    ])

    /// A group being read: where it opened, its finished alternatives, the sequence being read,
    /// and whether it holds an anchor so far.
    private struct Group {
        var start: Int
        var alternatives: [Node] = []
        var sequence: [Node] = []
        var hasAnchor = false

        var node: Node {
            let all = alternatives + [.sequence(sequence)]
            return all.count == 1 ? all[0] : .alternatives(all)
        }
    }

    static func parse(_ characters: [Character]) throws(SyntaxError) -> Node {
        var groups = [Group(start: -1)]
        var index = 0
        // What the previous element was, for the repetition checks.
        var canRepeat = false
        var justRepeated = false
        var lastHasAnchor = false

        func fail(_ reason: String, at offset: Int) -> SyntaxError { SyntaxError(offset: offset, reason: reason) }
        func append(_ node: Node, anchor: Bool = false) {
            groups[groups.count - 1].sequence.append(node)
            if anchor { groups[groups.count - 1].hasAnchor = true }
        }
        func repeatLast(minimum: Int, maximum: Int?) {
            let last = groups[groups.count - 1].sequence.removeLast()
            groups[groups.count - 1].sequence.append(.repetition(last, minimum: minimum, maximum: maximum))
        }

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
                switch character {
                case "*": repeatLast(minimum: 0, maximum: nil)
                case "+": repeatLast(minimum: 1, maximum: nil)
                default: repeatLast(minimum: 0, maximum: 1)
                }
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
                repeatLast(minimum: lower, maximum: upper)
                index = next
                justRepeated = true
                continue
            case "(":
                if index < characters.count, characters[index] == "?" {
                    throw fail("'(?' is not POSIX extended syntax", at: start)
                }
                groups.append(Group(start: start))
                canRepeat = false
            case ")":
                guard groups.count > 1 else { throw fail("')' has no '(' to close", at: start) }
                let group = groups.removeLast()
                append(group.node, anchor: group.hasAnchor)
                canRepeat = true
                justRepeated = false
                lastHasAnchor = group.hasAnchor
                continue
            case "|":
                let sequence = groups[groups.count - 1].sequence
                groups[groups.count - 1].alternatives.append(.sequence(sequence))
                groups[groups.count - 1].sequence = []
                canRepeat = false
            case "^", "$":
                append(character == "^" ? .start : .end, anchor: true)
                canRepeat = false
            case ".":
                append(.characters(.any))
                canRepeat = true
            case "_":
                append(boundary, anchor: true)
                canRepeat = true
                justRepeated = false
                lastHasAnchor = true
                continue
            case "[":
                let (set, next) = try bracketExpression(characters, from: index, start: start)
                append(.characters(set))
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
                append(literal(escaped))
                canRepeat = true
            default:
                append(literal(character))
                canRepeat = true
            }
            justRepeated = false
            lastHasAnchor = false
        }
        if groups.count > 1 { throw fail("'(' is never closed", at: groups[groups.count - 1].start) }
        return groups[0].node
    }

    /// A character as a sequence of its scalars (one, for anything an AS path can hold).
    private static func literal(_ character: Character) -> Node {
        let scalars = character.unicodeScalars.map { Node.characters(.single($0)) }
        return scalars.count == 1 ? scalars[0] : .sequence(scalars)
    }

    /// `{n}`, `{n,}`, `{n,m}` or `{,m}` starting after the `{` at `start`; returns the bounds
    /// (no upper one for `{n,}`) and the index after `}`.
    private static func repetitionCount(_ characters: [Character], from: Int,
                                        start: Int) throws(SyntaxError) -> (Int, Int?, Int) {
        var index = from
        func number() -> Int? {
            var digits = ""
            while index < characters.count, characters[index].isASCII, let digit = characters[index].wholeNumberValue {
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

    /// The ranges of the POSIX classes, in the C locale FRR runs in.
    private static let classes: [String: [ClosedRange<UInt32>]] = [
        "alnum": [0x30...0x39, 0x41...0x5A, 0x61...0x7A], "alpha": [0x41...0x5A, 0x61...0x7A],
        "blank": [0x09...0x09, 0x20...0x20], "cntrl": [0x00...0x1F, 0x7F...0x7F], "digit": [0x30...0x39],
        "graph": [0x21...0x7E], "lower": [0x61...0x7A], "print": [0x20...0x7E],
        "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E], "space": [0x09...0x0D, 0x20...0x20],
        "upper": [0x41...0x5A], "xdigit": [0x30...0x39, 0x41...0x46, 0x61...0x66],
    ]

    /// A bracket expression starting after the `[` at `start`; returns its set and the index
    /// after its `]`. A `]` first (after an optional `^`) and a `-` first or last are literal,
    /// as POSIX says; backslash is literal inside brackets.
    private static func bracketExpression(_ characters: [Character], from: Int,
                                          start: Int) throws(SyntaxError) -> (CharacterSet, Int) {
        var index = from
        var set = CharacterSet(ranges: [])
        if index < characters.count, characters[index] == "^" {
            set.negated = true
            index += 1
        }
        let unterminated = SyntaxError(offset: start, reason: "'[' is never closed")
        func scalar(_ character: Character) -> UInt32 { character.unicodeScalars.first!.value }
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
                guard let ranges = classes[name] else {
                    throw SyntaxError(offset: index, reason: "'[:\(name):]' is not a character class")
                }
                set.ranges += ranges
                index = end + 2
                continue
            }
            // A range a-b, unless the '-' is the last character before ']'.
            if index + 2 < characters.count, characters[index + 1] == "-", characters[index + 2] != "]" {
                let low = character
                let high = characters[index + 2]
                guard scalar(low) <= scalar(high) else {
                    throw SyntaxError(offset: index, reason: "range '\(low)-\(high)' is out of order")
                }
                set.ranges.append(scalar(low)...scalar(high))
                index += 3
                continue
            }
            set.ranges += character.unicodeScalars.map { $0.value...$0.value }
            index += 1
        }
        return (set, index + 1)
    }
}
