/// The console's command language: every command as a sequence of keywords and parameters,
/// the options each accepts, and a matcher that accepts any unique prefix of a keyword
/// (`sh ip ro` is `show ip route`) and explains what it expected when a word does not fit.
public struct CommandGrammar: Sendable {
    public enum Token: Sendable, Equatable {
        case keyword(String)
        case parameter(Parameter)
    }

    public enum Parameter: String, Sendable, Equatable {
        case address = "<address>"
        case prefix = "<prefix>"
        case addressOrPrefix = "<address|prefix>"
        case interface = "<interface>"
        case number = "<number>"
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
                case .parameter(let parameter): parameter.rawValue
                }
            }
            let flags = options.map { "[\($0.flag) \($0.valueName)]" } + (acceptsJSON ? ["[--json]"] : [])
            return (words + flags).joined(separator: " ")
        }
    }

    public let commands: [Command]

    public init(commands: [Command]) { self.commands = commands }

    /// A parsed command line: which command, its parameter values in order, options, --json.
    public struct Match: Sendable, Equatable {
        public var action: CommandAction
        public var arguments: [String]
        public var options: [String: Int]
        public var json: Bool
    }

    public func match(_ line: String) -> Result<Match, CommandError> {
        var words: [String] = []
        var options: [(flag: String, value: String?)] = []
        var json = false
        let tokens = CommandGrammar.words(of: line)
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
        guard !words.isEmpty else { return .failure(.init("empty command; type 'help' for the list of commands")) }

        var alive = commands
        var arguments: [String] = []
        for (position, word) in words.enumerated() {
            let keywords = Set(alive.compactMap { command -> String? in
                guard position < command.tokens.count, case .keyword(let keyword) = command.tokens[position] else { return nil }
                return keyword
            })
            let lowered = word.lowercased()
            let chosen: String?
            if keywords.contains(lowered) {
                chosen = lowered
            } else {
                let candidates = keywords.filter { $0.hasPrefix(lowered) }.sorted()
                if candidates.count > 1 {
                    return .failure(.init("ambiguous command word '\(word)': could be \(candidates.joined(separator: ", "))"))
                }
                chosen = candidates.first
            }
            if let chosen {
                alive = alive.filter { position < $0.tokens.count && $0.tokens[position] == .keyword(chosen) }
                continue
            }
            let parameterized = alive.filter { command in
                guard position < command.tokens.count, case .parameter(let parameter) = command.tokens[position] else {
                    return false
                }
                return CommandGrammar.accepts(parameter, word)
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
            arguments.append(word)
        }
        guard let command = alive.first(where: { $0.tokens.count == words.count }) else {
            let expected = expectations(at: words.count, in: alive)
            return .failure(.init("incomplete command '\(words.joined(separator: " "))'; expected one of: \(expected.joined(separator: ", "))"))
        }
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
        return .success(Match(action: command.action, arguments: arguments, options: values, json: json))
    }

    /// What could come at a position, for error messages: keywords and parameter names.
    private func expectations(at position: Int, in commands: [Command]) -> [String] {
        var seen: [String] = []
        for command in commands where position < command.tokens.count {
            let text: String
            switch command.tokens[position] {
            case .keyword(let keyword): text = keyword
            case .parameter(let parameter): text = parameter.rawValue
            }
            if !seen.contains(text) { seen.append(text) }
        }
        return seen.sorted()
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
        case .addressOrPrefix: return word.first?.isNumber == true
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
