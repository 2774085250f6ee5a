#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The controlling terminal on standard input and output: raw mode on and off (with
/// `TerminalRestore` armed first), writes that survive partial writes and EINTR, the window
/// size. `TerminalInputReader` reads its input.
public final class Terminal: TerminalOutput, @unchecked Sendable {
    public let input: Int32
    public let output: Int32

    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.input = input
        self.output = output
    }

    /// Both ends are terminals: raw mode and redrawing make sense.
    public var isInteractive: Bool { isatty(input) == 1 && isatty(output) == 1 }

    /// Raw mode: bytes arrive as typed (no line buffering, no echo, no signals from Ctrl-C or
    /// Ctrl-Z, no flow control, CR not mapped to LF); output processing stays on, so "\n" still
    /// starts a new line. With `alternateScreen` the full-screen view gets its own buffer and
    /// the shell's screen comes back on exit.
    public func enterRawMode(alternateScreen: Bool = false) {
        TerminalRestore.arm(fileDescriptor: input, output: output, alternateScreen: alternateScreen)
        var settings = termios()
        guard tcgetattr(input, &settings) == 0 else { return }
        settings.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        settings.c_cflag |= tcflag_t(CS8)
        settings.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        // TCSADRAIN, not TCSAFLUSH: keys typed ahead (before a child took over the terminal) stay.
        tcsetattr(input, TCSADRAIN, &settings)
        if alternateScreen { write("\u{1B}[?1049h\u{1B}[?25l") }
    }

    /// Back to the settings found before `enterRawMode`.
    public func leaveRawMode() { TerminalRestore.restore() }

    public func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(output, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    public var size: TerminalSize {
        var window = winsize()
        guard ioctl(output, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return TerminalSize(columns: 80, rows: 24)
        }
        return TerminalSize(columns: Int(window.ws_col), rows: Int(window.ws_row))
    }
}

/// Where interactive output goes: the terminal, or a buffer in tests.
public protocol TerminalOutput: AnyObject, Sendable {
    func write(_ text: String)
    var size: TerminalSize { get }
}

public struct TerminalSize: Sendable, Equatable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

/// What the terminal's reader thread delivers.
public enum TerminalInput: Sendable, Equatable {
    case bytes([UInt8])
    /// Input paused after some bytes: time to flush an unfinished escape sequence.
    case pause
    /// End of input (the terminal went away).
    case closed
}
