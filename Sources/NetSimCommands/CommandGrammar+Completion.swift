/// Tab completion and `?` help for a partly typed line, worked out by the same grammar that
/// matches whole lines: the words already typed are matched as `match` would (abbreviations,
/// left-out optional words, synonyms, options skipped), and the word under the cursor is
/// compared with what the surviving forms accept next.
extension CommandGrammar {
    /// What completion needs that the grammar cannot know: the device's interface names and
    /// the addresses of its neighbors (ARP entries, OSPF neighbors), each list in display order.
    public struct CompletionValues: Sendable, Equatable {
        public var interfaces: [String]
        public var addresses: [String]

        public init(interfaces: [String] = [], addresses: [String] = []) {
            self.interfaces = interfaces
            self.addresses = addresses
        }

        func values(for parameter: Parameter) -> [String] {
            switch parameter {
            case .interface: interfaces
            case .address, .addressOrPrefix: addresses
            case .prefix, .number, .linkStateID: []
            }
        }
    }

    /// The words that may replace the last word of a line.
    public struct Completion: Sendable, Equatable {
        /// The word being completed: the text after the last blank, empty after a blank.
        public var partial: String
        /// Every word that fits the position and starts with `partial`: keywords (full words,
        /// alphabetically), then values in the order given, then options.
        public var candidates: [String]

        /// The longest text all candidates start with; `partial` when there are none.
        public var commonPrefix: String {
            guard var common = candidates.first else { return partial }
            for candidate in candidates.dropFirst() {
                common = String(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
            }
            return common
        }
    }

    /// The commands that can still follow a line, for `?` help.
    public struct Continuations: Sendable {
        /// Commands whose next word accepts the word being typed, in grammar order.
        public var commands: [Command]
        /// The words before the cursor already form a whole command (`<cr>`).
        public var isComplete: Bool
    }

    /// The completions of the last word of `text` (the text before the cursor).
    public func complete(_ text: String, values: CompletionValues = CompletionValues()) -> Completion {
        let (typed, partial) = CommandGrammar.splitLastWord(text)
        let (words, options, _) = CommandGrammar.separate(typed)
        if let last = options.last, last.value == nil {
            return Completion(partial: partial, candidates: [])  // an option's value comes next
        }
        guard case .success(let alive) = candidates(after: words) else {
            return Completion(partial: partial, candidates: [])
        }
        let position = words.count
        if partial.hasPrefix("-") {
            let used = Set(typed.filter { $0.hasPrefix("-") })
            var flags: [String] = []
            for command in Set(alive.filter { $0.tokens.count == position }.map(\.command)).sorted() {
                flags += commands[command].options.map(\.flag) + (commands[command].acceptsJSON ? ["--json"] : [])
            }
            let fitting = flags.filter { $0.hasPrefix(partial) && !used.contains($0) }
            return Completion(partial: partial, candidates: CommandGrammar.unique(fitting))
        }
        let lowered = partial.lowercased()
        var keywords = Set<String>()
        var parameterValues: [String] = []
        for candidate in alive {
            switch candidate.token(at: position) {
            case .keyword(let word)?:
                if spellings(of: word).contains(where: { $0.hasPrefix(lowered) }) { keywords.insert(word) }
            case .choice(_, let words)?:
                keywords.formUnion(words.filter { word in spellings(of: word).contains { $0.hasPrefix(lowered) } })
            case .parameter(let parameter)?:
                parameterValues += values.values(for: parameter).filter { $0.hasPrefix(partial) }
            case .optionalKeyword?, nil:
                break
            }
        }
        return Completion(partial: partial, candidates: keywords.sorted() + CommandGrammar.unique(parameterValues))
    }

    /// The commands that `text` (the text before the cursor) can still grow into.
    public func continuations(of text: String) -> Continuations {
        let (typed, partial) = CommandGrammar.splitLastWord(text)
        let words = CommandGrammar.separate(typed).words
        guard case .success(let alive) = candidates(after: words) else {
            return Continuations(commands: [], isComplete: false)
        }
        let position = words.count
        let lowered = partial.lowercased()
        let fitting = alive.filter { candidate in
            guard !partial.isEmpty else { return candidate.tokens.count > position }
            switch candidate.token(at: position) {
            case .keyword(let word)?:
                return spellings(of: word).contains { $0.hasPrefix(lowered) }
            case .choice(_, let words)?:
                return words.contains { word in spellings(of: word).contains { $0.hasPrefix(lowered) } }
            case .parameter(let parameter)?:
                return CommandGrammar.accepts(parameter, partial)
            case .optionalKeyword?, nil:
                return false
            }
        }
        let complete = partial.isEmpty && alive.contains { $0.tokens.count == position } && !words.isEmpty
        return Continuations(commands: Set(fitting.map(\.command)).sorted().map { commands[$0] }, isComplete: complete)
    }

    /// A keyword and the synonyms that stand for it.
    private func spellings(of keyword: String) -> [String] {
        [keyword] + synonyms.filter { $0.value == keyword }.keys.sorted()
    }

    /// The whole words of a line and the word being typed at its end (empty after a blank).
    static func splitLastWord(_ text: String) -> (words: [String], partial: String) {
        var words = words(of: text)
        guard let last = text.last, last != " " && last != "\t", let partial = words.popLast() else {
            return (words, "")
        }
        return (words, partial)
    }

    private static func unique(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }
}
