import NetSimCommands
import NetSimEngine
import NetSimTerminal

/// What an attach session reacts to: the terminal's input and the simulation's events.
public enum AttachInput: Sendable, Equatable {
    case terminal(TerminalInput)
    case event(LogEntry)
    /// The event stream ended: the simulation stopped or the connection broke.
    case eventsEnded(String)
}

/// An interactive console on one device of a running simulation: the prompt (`r1> `), line
/// editing with history, Tab completion and `?` help from the command grammar, commands run
/// through the backend, and event notices printed above the line being typed.
///
/// ```
///   start --facts loaded--> prompt --Enter--> running command (input and events wait)
///                             ^  |                      |
///                             |  +--Tab / ? / notice--+ +--reply printed--> prompt
///                             +-----------------------+
///   prompt --exit, Ctrl-D, terminal closed, events ended--> finished
/// ```
public final class AttachSession {
    public enum Ending: Sendable, Equatable {
        /// `exit` or `quit`.
        case exit
        /// Ctrl-D on an empty line.
        case endOfInput
        case terminalClosed
        /// The simulation went away; the reason says how.
        case simulationLost(String)
    }

    /// Words the session itself handles; they are not console commands.
    static let sessionCommands = ["exit", "quit"]

    private let device: String
    private let backend: any ConsoleBackend
    private let output: any TerminalOutput
    private let grammar: CommandGrammar
    private var editor: LineEditor
    private var decoder = KeyDecoder()
    private var renderer: LineRenderer
    private var facts = DeviceFacts()
    private var factsAreStale = true

    public init(device: String, backend: any ConsoleBackend, output: any TerminalOutput, history: History,
                grammar: CommandGrammar = .console) {
        self.device = device
        self.backend = backend
        self.output = output
        self.grammar = grammar
        editor = LineEditor(history: history)
        renderer = LineRenderer(prompt: "\(device)> ", width: output.size.columns)
    }

    /// The history as it stands (the caller may show where it is kept).
    public var history: History { editor.history }

    /// Runs until the user leaves or the terminal or simulation goes away.
    public func run(_ inputs: AsyncStream<AttachInput>, banner: String) async -> Ending {
        output.write(LineRenderer.terminalLines(banner))
        await refreshFacts()
        draw()
        for await input in inputs {
            switch input {
            case .terminal(.bytes(let bytes)):
                for key in decoder.decode(bytes) {
                    if let ending = await handle(key) { return ending }
                }
            case .terminal(.pause):
                for key in decoder.flush() {
                    if let ending = await handle(key) { return ending }
                }
            case .terminal(.closed):
                output.write("\r\n")
                return .terminalClosed
            case .event(let event):
                if event.device == device { factsAreStale = true }
                if let notice = ConsoleNotice.notice(for: event, device: device, peerName: facts.peerName) {
                    output.write(renderer.printAbove(notice, editor.buffer))
                }
            case .eventsEnded(let reason):
                output.write(renderer.printAbove("[\(reason)]", editor.buffer) + "\r\n")
                return .simulationLost(reason)
            }
        }
        output.write("\r\n")
        return .terminalClosed
    }

    private func draw() {
        renderer.width = output.size.columns
        output.write(renderer.redraw(editor.buffer))
    }

    private func handle(_ key: Key) async -> Ending? {
        switch editor.handle(key) {
        case .changed:
            draw()
        case .bell:
            output.write("\u{07}")
        case .ignored:
            break
        case .submit(let line):
            output.write(renderer.finish())
            return await submit(line)
        case .interrupt:
            output.write("^C" + renderer.finish())
            draw()
        case .endOfInput:
            output.write(renderer.finish())
            return .endOfInput
        case .complete:
            await complete()
        case .help:
            showHelp()
        case .clearScreen:
            output.write("\u{1B}[H\u{1B}[2J")
            draw()
        }
        return nil
    }

    private func submit(_ line: String) async -> Ending? {
        let words = CommandGrammar.words(of: line)
        if words.isEmpty {
            draw()
            return nil
        }
        if words.count == 1, AttachSession.sessionCommands.contains(words[0].lowercased()) { return .exit }
        do {
            let reply = try await backend.execute(line, device: device)
            output.write(LineRenderer.terminalLines(reply.output.hasSuffix("\n") ? reply.output : reply.output + "\n"))
        } catch {
            output.write(LineRenderer.terminalLines("% \(error)\n"))
            return .simulationLost("\(error)")
        }
        factsAreStale = true
        draw()
        return nil
    }

    private func refreshFacts() async {
        guard factsAreStale else { return }
        if let loaded = try? await backend.facts(of: device) {
            facts = loaded
            factsAreStale = false
        }
    }

    /// Tab: one candidate completes the word (and a blank follows); several extend the word to
    /// what they share, or are listed below the line when they share nothing more.
    private func complete() async {
        await refreshFacts()
        let before = editor.buffer.textBeforeCursor
        var completion = grammar.complete(before, values: facts.completionValues)
        if CommandGrammar.words(of: before).count <= 1, !before.hasSuffix(" ") {
            let session = AttachSession.sessionCommands.filter { $0.hasPrefix(completion.partial.lowercased()) }
            completion.candidates = (completion.candidates + session).sorted()
        }
        let partial = completion.partial
        switch completion.candidates.count {
        case 0:
            output.write("\u{07}")
        case 1:
            editor.replaceBeforeCursor(count: partial.count, with: completion.candidates[0] + " ")
            draw()
        default:
            let common = completion.commonPrefix
            if common.count > partial.count {
                editor.replaceBeforeCursor(count: partial.count, with: common)
                draw()
            } else {
                let list = WordColumns.format(completion.candidates, width: output.size.columns)
                output.write(renderer.finish() + LineRenderer.terminalLines(list))
                draw()
            }
        }
    }

    /// `?`: the commands the line can still become, with their help, as routers list them.
    private func showHelp() {
        let before = editor.buffer.textBeforeCursor
        let continuations = grammar.continuations(of: before)
        var lines: [String] = []
        let width = continuations.commands.map(\.syntax.count).max() ?? 0
        for command in continuations.commands {
            lines.append("  " + command.syntax + String(repeating: " ", count: width - command.syntax.count + 2) + command.help)
        }
        if CommandGrammar.words(of: before).isEmpty {
            lines.append("  exit" + String(repeating: " ", count: max(width - 4, 0) + 2) + "leave the console")
        }
        if continuations.isComplete { lines.append("  <cr>") }
        if lines.isEmpty {
            if case .failure(let error) = grammar.match(before + (before.hasSuffix(" ") || before.isEmpty ? "" : " ")) {
                lines.append("% " + error.message)
            } else {
                lines.append("% nothing can follow here")
            }
        }
        output.write("?" + renderer.finish() + LineRenderer.terminalLines(lines.joined(separator: "\n")))
        draw()
    }
}
