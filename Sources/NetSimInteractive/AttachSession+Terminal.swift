import NetSimEngine
import NetSimTerminal

extension AttachSession {
    /// Runs a session on the process's terminal: raw mode for its duration (restored however
    /// it ends), input read on its own thread, the backend's events as notices.
    public static func attach(terminal: Terminal, backend: any ConsoleBackend, daemon: String, device: String,
                              history: History) async -> Ending {
        terminal.enterRawMode()
        defer { terminal.leaveRawMode() }
        let reader = TerminalInputReader(fileDescriptor: terminal.input)
        defer { reader.stop() }
        let session = AttachSession(device: device, backend: backend, output: terminal, history: history)
        let inputs = AttachSession.inputs(terminal: reader.start(), events: backend.events(history: 0))
        return await session.run(inputs, banner: "Connected to \(device) in daemon '\(daemon)'. "
                                 + "'?' lists commands, Tab completes, 'exit' leaves.")
    }

    /// The session's input: terminal input and the simulation's events, in the order they
    /// arrive. The stream ends when the terminal closes; the end of the events becomes
    /// `.eventsEnded` with the reason.
    public static func inputs(terminal: AsyncStream<TerminalInput>,
                              events: AsyncThrowingStream<LogEntry, any Error>) -> AsyncStream<AttachInput> {
        AsyncStream { continuation in
            let keys = Task {
                for await input in terminal { continuation.yield(.terminal(input)) }
                continuation.finish()
            }
            let notices = Task {
                do {
                    for try await entry in events { continuation.yield(.event(entry)) }
                    if !Task.isCancelled { continuation.yield(.eventsEnded("the simulation stopped")) }
                } catch {
                    if !Task.isCancelled { continuation.yield(.eventsEnded("lost the simulation's events: \(error)")) }
                }
            }
            continuation.onTermination = { _ in
                keys.cancel()
                notices.cancel()
            }
        }
    }
}
