import NetSimTerminal

/// The terminal the browser draws on: its output, and its input, which stops while an attach
/// session has the terminal.
public protocol BrowserTerminal: AnyObject, Sendable {
    var output: any TerminalOutput { get }
    /// Starts delivering input; the stream finishes after `stopInput`.
    func startInput() -> AsyncStream<TerminalInput>
    /// Stops delivering input and returns once nothing more will be read.
    func stopInput()
}

/// What the browser reacts to.
public enum BrowserInput: Sendable, Equatable {
    case terminal(TerminalInput)
    /// Time to look at the daemon directory again (daemons come and go, uptimes grow).
    case tick
    /// A line of the followed log; `generation` tells lines of an earlier log view apart.
    case logLine(generation: Int, String)
    case logEnded(generation: Int, String)
}

/// `netsim daemon` without a subcommand: the full-screen browser of running daemons and their
/// devices, with a live log viewer, that opens an attach session on the chosen device. Keys
/// change `BrowserState`; this driver does what the state asks (load devices, follow a log,
/// attach) and repaints the screen when it changed.
public final class DaemonBrowser {
    public typealias Attach = @Sendable (_ daemon: String, _ device: String) async -> String?

    private let catalog: any DaemonCatalog
    private let terminal: any BrowserTerminal
    private let attach: Attach
    private let refreshInterval: Duration
    private let inputs: AsyncStream<BrowserInput>
    private let continuation: AsyncStream<BrowserInput>.Continuation
    private var iterator: AsyncStream<BrowserInput>.AsyncIterator
    private var decoder = KeyDecoder()
    private var logTask: Task<Void, Never>?
    /// Forwards terminal input into `inputs` while `run` drives the browser.
    private var forwarding: Task<Void, Never>?
    private var logGeneration = 0
    private var lastFrame: String?
    private var lastSize: TerminalSize?
    public private(set) var state = BrowserState()

    /// `attach` runs an attach session on the terminal (input is stopped meanwhile) and
    /// returns a message to show when it could not.
    public init(catalog: any DaemonCatalog, terminal: any BrowserTerminal, refreshInterval: Duration = .seconds(1),
                attach: @escaping Attach) {
        self.catalog = catalog
        self.terminal = terminal
        self.attach = attach
        self.refreshInterval = refreshInterval
        (inputs, continuation) = AsyncStream<BrowserInput>.makeStream()
        iterator = inputs.makeAsyncIterator()
    }

    /// Runs until the user quits or the terminal closes.
    public func run() async {
        // Raw mode and the alternate screen first: the first frame belongs on that screen, and
        // keys typed once it shows must not meet a terminal that is still being set up.
        forwarding = forwardTerminalInput()
        start()
        let continuation = continuation
        let interval = refreshInterval
        let ticks = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                continuation.yield(.tick)
            }
        }
        defer {
            ticks.cancel()
            logTask?.cancel()
            forwarding?.cancel()
            terminal.stopInput()
        }
        while let input = await iterator.next() {
            if await process(input) == .quit { return }
        }
    }

    /// Loads the daemon list and draws the first screen.
    public func start() {
        state.daemons = catalog.daemons()
        draw()
    }

    public enum Outcome: Sendable, Equatable {
        case `continue`
        /// An attach session ran and the browser has the terminal again.
        case attached
        case quit
    }

    /// Handles one input and repaints.
    public func process(_ input: BrowserInput) async -> Outcome {
        var outcome = Outcome.continue
        switch input {
        case .terminal(.bytes(let bytes)):
            for key in decoder.decode(bytes) {
                let result = await handle(key)
                if result == .quit { return .quit }
                if result == .attached { outcome = .attached }
            }
        case .terminal(.pause):
            for key in decoder.flush() where await handle(key) == .quit { return .quit }
        case .terminal(.closed):
            return .quit
        case .tick:
            refreshDaemons()
        case .logLine(let generation, let line):
            if generation == logGeneration { state.appendLog(line) }
        case .logEnded(let generation, let reason):
            if generation == logGeneration { state.appendLog("[\(reason)]") }
        }
        draw()
        return outcome
    }

    /// The next input queued by background work (log lines); for tests, which feed keys
    /// through `process` themselves.
    public func nextQueuedInput() async -> BrowserInput? { await iterator.next() }

    private func handle(_ key: Key) async -> Outcome {
        let page = max(terminal.output.size.rows - 5, 1)
        switch state.handle(key, page: page) {
        case nil:
            return .continue
        case .quit:
            return .quit
        case .loadDevices(let daemon):
            draw()
            do {
                state.devices = try await catalog.devices(of: daemon)
            } catch {
                state.status = "cannot list the devices of \(daemon): \(error)"
            }
            return .continue
        case .attach(let daemon, let device):
            terminal.stopInput()
            decoder = KeyDecoder()
            lastFrame = nil
            state.status = await attach(daemon, device)
            // Take the terminal back (raw mode, alternate screen) before the next frame.
            if forwarding != nil {
                forwarding?.cancel()
                forwarding = forwardTerminalInput()
            }
            return .attached
        case .followLog(let daemon):
            followLog(daemon)
            return .continue
        case .stopLog:
            logTask?.cancel()
            logTask = nil
            logGeneration += 1
            return .continue
        }
    }

    private func forwardTerminalInput() -> Task<Void, Never> {
        let stream = terminal.startInput()
        let continuation = continuation
        return Task {
            for await input in stream { continuation.yield(.terminal(input)) }
        }
    }

    private func followLog(_ daemon: String) {
        logTask?.cancel()
        logGeneration += 1
        let generation = logGeneration
        let continuation = continuation
        let backend: any ConsoleBackend
        do {
            backend = try catalog.backend(for: daemon)
        } catch {
            continuation.yield(.logEnded(generation: generation, "cannot follow the log of \(daemon): \(error)"))
            return
        }
        logTask = Task {
            do {
                for try await entry in backend.events(history: 200) {
                    continuation.yield(.logLine(generation: generation, entry.text))
                }
                continuation.yield(.logEnded(generation: generation, "\(daemon) stopped"))
            } catch {
                if !Task.isCancelled { continuation.yield(.logEnded(generation: generation, "log stream broke: \(error)")) }
            }
        }
    }

    /// Reloads the daemon list, keeping the selected daemon selected.
    private func refreshDaemons() {
        let selected = state.selectedDaemon?.name
        let daemons = catalog.daemons()
        guard daemons != state.daemons else { return }
        state.daemons = daemons
        if let selected, let index = daemons.firstIndex(where: { $0.name == selected }) {
            state.select(daemon: index)
        }
    }

    /// Repaints when the picture changed; after a resize (seen at the latest on the next tick)
    /// or an attach session the screen is cleared first.
    private func draw() {
        let size = terminal.output.size
        let frame = BrowserView.render(state, size: size).ansiFrame
        guard frame != lastFrame || size != lastSize else { return }
        let clear = lastFrame == nil || size != lastSize ? "\u{1B}[2J" : ""
        lastFrame = frame
        lastSize = size
        terminal.output.write(clear + frame)
    }
}
