/// An AS-path regular expression as FRR and Cisco write them: a POSIX extended regular
/// expression (FRR compiles with `regcomp(REG_EXTENDED)`), in which every `_` stands for a
/// boundary between AS numbers: the start or end of the path, a space, a brace, a comma or a
/// parenthesis (FRR replaces `_` with `(^|[,{}() ]|$)` before compiling).
///
/// A small parser (`BGPASPathRegexParser`) accepts exactly the POSIX extended syntax: literals,
/// `.`, bracket expressions with ranges and `[:class:]`, groups, `|`, the repetitions `*`, `+`,
/// `?`, `{n}`, `{n,}`, `{n,m}` and `{,m}`, the anchors `^` and `$`, and backslash before a
/// special character. What POSIX leaves undefined, or what FRR would get wrong, is refused with
/// a message saying where: escapes of letters and digits (`\d`, `\b`, back references), `(?`,
/// two repetitions in a row (`*?`, `++`), a repetition with nothing before it, a `{` that does
/// not start a count, unbalanced parentheses and brackets, a `_` that is escaped or inside
/// brackets (FRR's substitution would turn it into a broken expression there), and a count
/// (`{2}`) over something holding `_`, `^` or `$`: FRR's library (glibc's `regexec` on an
/// expression compiled with `REG_NOSUB`) drops the anchors of the copies a count makes, so
/// `(1$){2}` matches `11` there, and no answer could agree with both POSIX and FRR.
///
/// The expression runs as an automaton simulated in time linear in the text
/// (`BGPASPathRegexProgram`), and matches anywhere in the text, as `regexec` does.
public struct BGPASPathRegex: Hashable, Sendable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let program: BGPASPathRegexProgram

    /// Why a pattern was refused; `offset` counts characters from 0.
    public struct SyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
        public var offset: Int
        public var reason: String

        public init(offset: Int, reason: String) {
            self.offset = offset
            self.reason = reason
        }

        public var description: String { "\(reason) at character \(offset + 1)" }
    }

    public init(_ pattern: String) throws(SyntaxError) {
        self.pattern = pattern
        let node = try BGPASPathRegexParser.parse(Array(pattern))
        guard let program = BGPASPathRegexProgram(node) else {
            throw SyntaxError(offset: 0, reason: "the expression is too large (its counts multiply to more than "
                                  + "\(BGPASPathRegexProgram.sizeLimit) steps)")
        }
        self.program = program
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        program.matches(text)
    }

    public var description: String { pattern }

    public static func == (lhs: BGPASPathRegex, rhs: BGPASPathRegex) -> Bool { lhs.pattern == rhs.pattern }

    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}
