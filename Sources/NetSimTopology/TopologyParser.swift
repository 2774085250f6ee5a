import Yams

/// Turns the text of a topology file into a `TopologySpec`, checking it against the schema.
///
/// This is the syntactic half of loading: YAML syntax, known keys, value types and ranges.
/// Cross-references (do link endpoints exist? are addresses unique?) are `TopologyValidator`'s
/// job; `TopologyLoader` runs both and is what callers normally want.
///
/// The YAML is composed into a node tree with Yams and walked by hand rather than decoded with
/// Codable, so every value keeps the line and column it was written at.
public enum TopologyParser {
    /// Parses `yaml`, naming `file` in diagnostics.
    ///
    /// Returns the spec, or every problem found: parsing does not stop at the first one. A YAML
    /// syntax error is the exception, because nothing after it can be read reliably; it is
    /// reported alone, at the line and column where the YAML parser gave up.
    public static func parse(yaml: String, file: String) -> Result<TopologySpec, TopologyError> {
        let parsed = read(yaml: yaml, file: file)
        if let spec = parsed.spec, parsed.diagnostics.isEmpty { return .success(spec) }
        return .failure(TopologyError(diagnostics: parsed.diagnostics))
    }

    /// Parses as far as possible, returning a best-effort spec alongside the diagnostics, so the
    /// loader can validate what was readable.
    static func read(yaml: String, file: String) -> ParsedTopology {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            return ParsedTopology(spec: nil, diagnostics: [diagnostic(for: error, in: yaml, file: file)],
                                  gaps: ParseGaps())
        }
        guard let root else {
            let start = SourceLocation(file: file, line: 1, column: 1)
            let empty = Diagnostic(location: start, message: "the topology file is empty",
                                   hint: "a topology needs at least 'name' and 'devices'")
            return ParsedTopology(spec: nil, diagnostics: [empty], gaps: ParseGaps())
        }
        var reader = TopologyReader(file: file)
        let spec = reader.readTopology(root)
        return ParsedTopology(spec: spec, diagnostics: reader.diagnostics, gaps: reader.gaps)
    }

    /// A diagnostic for an error thrown by Yams, at the position it names.
    static func diagnostic(for error: any Error, in yaml: String, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: max(mark.line, 1), column: max(mark.column, 1))
        }
        guard let error = error as? YamlError else {
            return Diagnostic(location: SourceLocation(file: file, line: 1, column: 1),
                              message: "invalid YAML: \(error)")
        }
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // libyaml's context says what it was reading when it failed ("while parsing a block
            // mapping") and where that started; it makes a useful hint.
            let hint = context.map { "\($0.text) that started at line \($0.mark.line), column \($0.mark.column)" }
            return Diagnostic(location: at(mark), message: "invalid YAML: \(problem)", hint: hint)
        case let .reader(problem, offset, _, _):
            return Diagnostic(location: location(ofCharacterOffset: offset ?? 0, in: yaml, file: file),
                              message: "invalid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Diagnostic(location: at(context.mark),
                              message: "duplicate key \(keys) in one mapping; each key may appear only once",
                              hint: "this is the first occurrence; remove or rename the others")
        default:
            return Diagnostic(location: SourceLocation(file: file, line: 1, column: 1),
                              message: "invalid YAML: \(error)")
        }
    }

    /// Line and column (1-based, columns in Unicode scalars like Yams' marks) of the character
    /// at `offset`, for the reader errors Yams reports as an offset.
    static func location(ofCharacterOffset offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1
        for character in text.prefix(max(offset, 0)) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
