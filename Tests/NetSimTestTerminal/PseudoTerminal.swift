import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real pseudo-terminal: runs the built `netsim` in it (or hands its far end to code under
/// test), types into it and reads the screen back through `TerminalEmulator`. The test keeps the terminal's other end open, so it can read the
/// terminal settings the program left behind.
public final class PseudoTerminal {
    public let master: Int32
    public let slave: Int32
    public let process = Process()
    private var bytes: [UInt8] = []

    /// TIOCSPTLCK and TIOCGPTN, macros Swift does not import (_IOW/_IOR('T', 0x31/0x30, int)).
    static let setLock: UInt = 0x4004_5431
    static let getNumber: UInt = 0x8004_5430

    static var netsim: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("netsim")
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public init(columns: UInt16 = 100, rows: UInt16 = 30) throws {
        // posix_openpt and friends are hidden behind _XOPEN_SOURCE; these are the Linux calls
        // they make: open the multiplexer, unlock the new terminal, ask for its number.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, PseudoTerminal.setLock, &unlock) == 0, ioctl(master, PseudoTerminal.getNumber, &number) == 0 else {
            throw PseudoTerminalError("no pseudo-terminal: errno \(errno)")
        }
        slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw PseudoTerminalError("cannot open /dev/pts/\(number)") }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
    }

    /// Starts `netsim` with the terminal as its standard input, output and error.
    public func run(_ arguments: [String], environment: [String: String] = [:]) throws {
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.executableURL = PseudoTerminal.netsim
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = PseudoTerminal.packageRoot
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
        close(slave)
    }

    /// Everything the program wrote so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    public var screen: [String] { TerminalEmulator.render(text) }

    public func type(_ text: String) { send(Array(text.utf8)) }

    public func send(_ data: [UInt8]) {
        data.withUnsafeBytes { _ = write(master, $0.baseAddress, $0.count) }
    }

    /// Reads until `condition` holds on the screen or `seconds` pass; true when it held.
    @discardableResult
    public func wait(seconds: Double = 15, until condition: ([String]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(screen) { return true }
            readAvailable(milliseconds: 50)
        }
        return condition(screen)
    }

    /// Waits for the program to exit; its status, or nil if it is still running.
    public func waitForExit(seconds: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline {
            readAvailable(milliseconds: 50)
        }
        readAvailable(milliseconds: 50)
        return process.isRunning ? nil : process.terminationStatus
    }

    /// The terminal's local modes as the program left them.
    public var localModes: tcflag_t {
        var settings = termios()
        tcgetattr(slave, &settings)
        return settings.c_lflag
    }

    private func readAvailable(milliseconds: Int32) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if count > 0 { bytes += buffer[..<count] }
    }
}

public struct PseudoTerminalError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
