#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back the way it was found, whatever ends the program: a normal return
/// (`restore()`), `exit` (an atexit handler), a terminating signal (SIGINT, SIGTERM, SIGHUP,
/// SIGQUIT) or a crash (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT). The signal handler
/// only calls async-signal-safe functions (tcsetattr, write, sigaction, raise): it restores the
/// saved termios, writes the reset sequence, reinstalls the handler that was there before
/// (the Swift runtime's crash reporter, or the default action) and raises the signal again.
public enum TerminalRestore {
    /// Written on restore: show the cursor, leave the alternate screen, reset attributes.
    public static let resetSequence = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    static let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP,
                                          SIGFPE, SIGABRT]

    /// Saves the terminal's settings and arms the handlers. Call before changing the mode.
    public static func arm(fileDescriptor: Int32, output: Int32, alternateScreen: Bool) {
        var settings = termios()
        guard tcgetattr(fileDescriptor, &settings) == 0 else { return }
        RestoreState.saved = settings
        RestoreState.fileDescriptor = fileDescriptor
        RestoreState.output = output
        RestoreState.resetBytes = Array((alternateScreen ? resetSequence : "\u{1B}[0m\u{1B}[?25h").utf8)
        RestoreState.armed = true
        if !RestoreState.handlersInstalled {
            RestoreState.handlersInstalled = true
            atexit { restoreTerminal() }
            for signal in handledSignals {
                var action = SignalAction()
                #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = { received in
                    restoreTerminal()
                    reraise(received)
                }
                #else
                action.__sigaction_u.__sa_handler = { received in
                    restoreTerminal()
                    reraise(received)
                }
                #endif
                sigemptyset(&action.sa_mask)
                action.sa_flags = 0
                var previous = SignalAction()
                sigaction(signal, &action, &previous)
                RestoreState.previousActions[Int(signal)] = previous
            }
        }
    }

    /// Restores the saved settings now (idempotent); the handlers stay for the next `arm`.
    public static func restore() { restoreTerminal() }
}

typealias SignalAction = sigaction

/// What the signal handlers read. Written only before the terminal mode changes, from the one
/// thread that drives the terminal; read by handlers, which cannot take locks.
enum RestoreState {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var fileDescriptor: Int32 = 0
    nonisolated(unsafe) static var output: Int32 = 1
    /// Prepared in advance: a signal handler must not allocate.
    nonisolated(unsafe) static var resetBytes: [UInt8] = []
    nonisolated(unsafe) static var armed = false
    nonisolated(unsafe) static var handlersInstalled = false
    nonisolated(unsafe) static var previousActions = [SignalAction](repeating: SignalAction(), count: 65)
}

private func restoreTerminal() {
    guard RestoreState.armed else { return }
    RestoreState.armed = false
    var settings = RestoreState.saved
    tcsetattr(RestoreState.fileDescriptor, TCSANOW, &settings)
    RestoreState.resetBytes.withUnsafeBufferPointer { bytes in
        _ = write(RestoreState.output, bytes.baseAddress, bytes.count)
    }
}

private func reraise(_ signal: Int32) {
    var previous = RestoreState.previousActions[Int(signal)]
    sigaction(signal, &previous, nil)
    raise(signal)
}
