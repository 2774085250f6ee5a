import Foundation

/// Reads a topology file and returns a spec that is ready to simulate, or every problem with it.
///
/// Parsing and validation both run even when the other finds problems, so one attempt shows
/// everything that needs fixing. (Validation skips only the checks that parse errors would make
/// meaningless, such as "no such interface" for a device whose interface list did not parse.)
public enum TopologyLoader {
    /// Loads the topology file at `path`. A missing or unreadable file is a diagnostic too.
    public static func load(path: String) -> Result<TopologySpec, TopologyError> {
        let yaml: String
        do {
            yaml = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path)
                ? "cannot read topology file (is it UTF-8 text?)"
                : "topology file not found"
            return .failure(TopologyError(Diagnostic(location: SourceLocation(file: path, line: 1, column: 1),
                                                     message: reason)))
        }
        return load(yaml: yaml, file: path)
    }

    /// Loads a topology from text; `file` names it in diagnostics.
    public static func load(yaml: String, file: String) -> Result<TopologySpec, TopologyError> {
        let parsed = TopologyParser.read(yaml: yaml, file: file)
        guard let spec = parsed.spec else { return .failure(TopologyError(diagnostics: parsed.diagnostics)) }
        let diagnostics = parsed.diagnostics + TopologyValidator.validate(spec, gaps: parsed.gaps)
        return diagnostics.isEmpty ? .success(spec) : .failure(TopologyError(diagnostics: diagnostics))
    }
}
