/// The console's command language: every command as a sequence of keywords and parameters,
/// the options each accepts, and a matcher that accepts any unique prefix of a keyword
/// (`sh ip ro` is `show ip route`) and explains what it expected when a word does not fit.
///
/// A command may leave a keyword out (`show [ip] ospf`) or take one keyword of a set as an
/// argument (`router`, `network`, …); the grammar also knows other spellings of a keyword
/// (`neighbor` for `neighbors`). Each command thus has several forms, all matched side by side.
public struct CommandGrammar: Sendable {
    public enum Token: Sendable, Equatable {
        case keyword(String)
        /// A keyword that may be left out: `show [ip] ospf`.
        case optionalKeyword(String)
        /// One keyword of a set, handed to the command as an argument (the full word); the
        /// name stands for the set in the syntax (`<lsa-type>`).
        case choice(name: String, [String])
        case parameter(Parameter)
    }

    public enum Parameter: String, Sendable, Equatable {
        case address = "<address>"
        case prefix = "<prefix>"
        case addressOrPrefix = "<address|prefix>"
        case interface = "<interface>"
        case number = "<number>"
        case linkStateID = "<link-state-id>"
    }

    public struct Option: Sendable, Equatable {
        public var flag: String
        public var valueName: String
        public var range: ClosedRange<Int>
        public var help: String
    }

    public struct Command: Sendable {
        public var action: CommandAction
        public var tokens: [Token]
        public var options: [Option]
        public var acceptsJSON: Bool
        public var help: String

        public var syntax: String {
            let words = tokens.map { token -> String in
                switch token {
                case .keyword(let word): word
                case .optionalKeyword(let word): "[\(word)]"
                case .choice(let name, _): "<\(name)>"
                case .parameter(let parameter): parameter.rawValue
                }
            }
            let flags = options.map { "[\($0.flag) \($0.valueName)]" } + (acceptsJSON ? ["[--json]"] : [])
            return (words + flags).joined(separator: " ")
        }

        /// The token sequences the command can be typed as: one with and one without each
        /// optional keyword. Forms hold no optional keywords.
        var forms: [[Token]] {
            tokens.reduce([[]]) { forms, token in
                guard case .optionalKeyword(let word) = token else { return forms.map { $0 + [token] } }
                return forms.map { $0 + [.keyword(word)] } + forms
            }
        }

        /// Every keyword of the command, optional and choice words included.
        public var keywords: [String] {
            tokens.flatMap { token -> [String] in
                switch token {
                case .keyword(let word), .optionalKeyword(let word): [word]
                case .choice(_, let words): words
                case .parameter: []
                }
            }
        }
    }

    public let commands: [Command]
    /// Other spellings of keywords, each mapped to the keyword it stands for.
    public let synonyms: [String: String]

    public init(commands: [Command], synonyms: [String: String] = [:]) {
        self.commands = commands
        self.synonyms = synonyms
    }

    /// A parsed command line: which command, its parameter values in order, options, --json.
    public struct Match: Sendable, Equatable {
        public var action: CommandAction
        public var arguments: [String]
        public var options: [String: Int]
        public var json: Bool
    }

    /// One form of a command still in the running while a line is matched, with the
    /// arguments it has collected so far.
    struct Candidate {
        var command: Int
        var tokens: [Token]
        var arguments: [String] = []

        func token(at position: Int) -> Token? { position < tokens.count ? tokens[position] : nil }
    }

    public func match(_ line: String) -> Result<Match, CommandError> {
        let (words, options, json) = CommandGrammar.separate(CommandGrammar.words(of: line))
        guard !words.isEmpty else { return .failure(.init("empty command; type 'help' for the list of commands")) }
        let alive: [Candidate]
        switch candidates(after: words) {
        case .success(let found): alive = found
        case .failure(let error): return .failure(error)
        }
        guard let found = alive.first(where: { $0.tokens.count == words.count }) else {
            let expected = expectations(at: words.count, in: alive)
            return .failure(.init("incomplete command '\(words.joined(separator: " "))'; expected one of: \(expected.joined(separator: ", "))"))
        }
        let command = commands[found.command]
        if json && !command.acceptsJSON {
            return .failure(.init("--json is not available for '\(command.syntax)'"))
        }
        var values: [String: Int] = [:]
        for (flag, value) in options {
            guard let option = command.options.first(where: { $0.flag == flag }) else {
                let known = command.options.map(\.flag)
                return .failure(.init("unknown option '\(flag)' for '\(words.joined(separator: " "))'"
                                      + (known.isEmpty ? "; it takes no options" : "; options: \(known.joined(separator: ", "))")))
            }
            guard let value, let number = CommandGrammar.decimal(value), option.range.contains(number) else {
                return .failure(.init("option \(flag) needs \(option.valueName) between \(option.range.lowerBound) and \(option.range.upperBound)"))
            }
            values[flag] = number
        }
        return .success(Match(action: command.action, arguments: found.arguments, options: values, json: json))
    }

    /// The forms still in the running after `words` (keywords, choices and parameter values,
    /// options left out), each with the arguments it collected; an error names the first word
    /// that fits no form.
    func candidates(after words: [String]) -> Result<[Candidate], CommandError> {
        var alive = commands.indices.flatMap { command in
            commands[command].forms.map { Candidate(command: command, tokens: $0) }
        }
        for (position, word) in words.enumerated() {
            let chosen: String?
            switch keyword(word, among: alive.flatMap { CommandGrammar.keywords(of: $0.token(at: position)) }) {
            case .success(let keyword): chosen = keyword
            case .failure(let error): return .failure(error)
            }
            if let chosen {
                alive = alive.compactMap { candidate in
                    var candidate = candidate
                    switch candidate.token(at: position) {
                    case .keyword(chosen)?: return candidate
                    case .choice(_, let words)? where words.contains(chosen):
                        candidate.arguments.append(chosen)
                        return candidate
                    default: return nil
                    }
                }
                continue
            }
            let parameterized = alive.compactMap { candidate -> Candidate? in
                guard case .parameter(let parameter)? = candidate.token(at: position),
                      CommandGrammar.accepts(parameter, word) else { return nil }
                var candidate = candidate
                candidate.arguments.append(word)
                return candidate
            }
            if parameterized.isEmpty {
                let expected = expectations(at: position, in: alive)
                let prefix = words[..<position].joined(separator: " ")
                if expected.isEmpty {
                    return .failure(.init("unexpected word '\(word)' after '\(prefix)'"))
                }
                let context = prefix.isEmpty ? "" : " after '\(prefix)'"
                return .failure(.init("unknown word '\(word)'\(context); expected one of: \(expected.joined(separator: ", "))"))
            }
            alive = parameterized
        }
        return .success(alive)
    }

    /// Which keyword a word stands for among those possible at its position: the keyword it
    /// spells (or a synonym of), else the one keyword it is a prefix of; nil when it is no
    /// keyword's prefix. Synonyms of one keyword do not make a prefix ambiguous.
    func keyword(_ word: String, among keywords: [String]) -> Result<String?, CommandError> {
        let possible = Set(keywords)
        let spellings = possible.union(synonyms.filter { possible.contains($0.value) }.keys)
        let lowered = word.lowercased()
        if spellings.contains(lowered) { return .success(synonyms[lowered] ?? lowered) }
        let candidates = Set(spellings.filter { $0.hasPrefix(lowered) }.map { synonyms[$0] ?? $0 }).sorted()
        if candidates.count > 1 {
            return .failure(.init("ambiguous command word '\(word)': could be \(candidates.joined(separator: ", "))"))
        }
        return .success(candidates.first)
    }

    private static func keywords(of token: Token?) -> [String] {
        switch token {
        case .keyword(let word)?: [word]
        case .choice(_, let words)?: words
        default: []
        }
    }

    /// What could come at a position, for error messages: keywords and parameter names.
    private func expectations(at position: Int, in candidates: [Candidate]) -> [String] {
        var seen = Set<String>()
        for candidate in candidates {
            switch candidate.token(at: position) {
            case .keyword(let keyword)?: seen.insert(keyword)
            case .choice(_, let words)?: seen.formUnion(words)
            case .parameter(let parameter)?: seen.insert(parameter.rawValue)
            case .optionalKeyword, nil: break
            }
        }
        return seen.sorted()
    }

    /// Separates a line's words from its options: `--json`, and every other word starting with
    /// `-` together with the word after it (its value, absent at the end of the line).
    static func separate(_ tokens: [String]) -> (words: [String], options: [(flag: String, value: String?)], json: Bool) {
        var words: [String] = []
        var options: [(flag: String, value: String?)] = []
        var json = false
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token == "--json" {
                json = true
            } else if token.hasPrefix("-") && token.count > 1 {
                let value = index + 1 < tokens.count ? tokens[index + 1] : nil
                options.append((token, value))
                index += 1
            } else {
                words.append(token)
            }
            index += 1
        }
        return (words, options, json)
    }

    /// Splits a command line into words at spaces and tabs.
    public static func words(of line: String) -> [String] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// A plain decimal number: digits only, no sign.
    static func decimal(_ word: String) -> Int? {
        guard !word.isEmpty, word.count <= 9, word.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(word)
    }

    static func accepts(_ parameter: Parameter, _ word: String) -> Bool {
        switch parameter {
        case .address: return word.first?.isNumber == true
        case .prefix: return word.first?.isNumber == true && word.contains("/")
        case .addressOrPrefix, .linkStateID: return word.first?.isNumber == true
        case .interface: return true
        case .number: return decimal(word) != nil
        }
    }
}

/// A command the user got wrong, with a message that says what would be right.
public struct CommandError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
