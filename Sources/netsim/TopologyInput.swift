import Foundation
import NetSimCommands
import NetSimRouting
import NetSimTopology

/// Loads a topology for `run` and `validate`: the topology checks plus a parse of every script
/// command, so a typo in a script is reported before anything runs.
enum TopologyInput {
    static func load(_ path: String) -> Result<TopologySpec, TopologyError> {
        switch TopologyLoader.load(path: path) {
        case .failure(let error):
            return .failure(error)
        case .success(let spec):
            let grammar = CommandGrammar.console
            let problems = spec.script.compactMap { step -> Diagnostic? in
                guard case .failure(let error) = grammar.match(step.command) else { return nil }
                return Diagnostic(location: step.location, message: "script command '\(step.command)': \(error.message)")
            }
            return problems.isEmpty ? .success(spec) : .failure(TopologyError(diagnostics: problems))
        }
    }

    static func scriptedCommands(_ spec: TopologySpec) -> [ScriptedCommand] {
        spec.script.map { ScriptedCommand(at: $0.at, device: $0.device, command: $0.command) }
    }

    /// Prints diagnostics to standard error; the caller exits with status 2.
    static func report(_ error: TopologyError) {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
    }
}
