import Foundation
import NetSimEngine
import NetSimRouting
import NetSimInteractive
import NetSimTerminal
import NetSimTestTerminal

/// Output collected in memory, as a terminal of a fixed size would receive it.
final class RecordingOutput: TerminalOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = ""
    let size: TerminalSize

    init(size: TerminalSize = TerminalSize(columns: 80, rows: 24)) { self.size = size }

    func write(_ text: String) { lock.withLock { bytes += text } }

    var text: String { lock.withLock { bytes } }

    /// The screen's text as a terminal would show it: CR returns to the row's start, erase
    /// clears to its end, cursor moves are followed; other escape sequences are dropped.
    var screen: [String] { TerminalEmulator.render(text) }
}

/// One step of a scripted session.
enum ScriptStep {
    case type(String)
    case bytes([UInt8])
    case pause
    /// Hands the backend's log entries since the last step to the session.
    case deliverEvents
    case advance(SimTime)
    case endOfEvents(String)
}

/// The session's input, produced step by step as the session asks for the next one, so each
/// step sees the effects of the ones before it.
func scriptedInputs(_ steps: [ScriptStep], backend: SimulationBackend?) -> AsyncStream<AttachInput> {
    let queue = InputQueue(steps: steps, backend: backend)
    return AsyncStream(unfolding: { await queue.next() })
}

actor InputQueue {
    private var steps: [ScriptStep]
    private var ready: [AttachInput] = []
    private let backend: SimulationBackend?

    init(steps: [ScriptStep], backend: SimulationBackend?) {
        self.steps = steps
        self.backend = backend
    }

    func next() -> AttachInput? {
        while ready.isEmpty {
            guard !steps.isEmpty else { return nil }
            switch steps.removeFirst() {
            case .type(let text): ready.append(.terminal(.bytes(Array(text.utf8))))
            case .bytes(let bytes): ready.append(.terminal(.bytes(bytes)))
            case .pause: ready.append(.terminal(.pause))
            case .deliverEvents: ready += (backend?.takeEvents() ?? []).map { .event($0) }
            case .advance(let time): backend?.advance(by: time)
            case .endOfEvents(let reason): ready.append(.eventsEnded(reason))
            }
        }
        return ready.removeFirst()
    }
}
