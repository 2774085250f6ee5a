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
    private let slavePath: String
    private var bytes: [UInt8] = []

    /// TIOCSPTLCK and TIOCGPTN, macros Swift does not import (_IOW/_IOR('T', 0x31/0x30, int)).
    static let setLock: UInt = 0x4004_5431
    static let getNumber: UInt = 0x8004_5430
    /// POSIX_SPAWN_SETSID (glibc), also a macro Swift does not import.
    static let spawnSetSession = Int16(0x80)

    static var netsim: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("netsim")
    }

    public init(columns: UInt16 = 100, rows: UInt16 = 30) throws {
        // posix_openpt and friends are hidden behind _XOPEN_SOURCE; these are the Linux calls
        // they make: open the multiplexer, unlock the new terminal, ask for its number.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, PseudoTerminal.setLock, &unlock) == 0, ioctl(master, PseudoTerminal.getNumber, &number) == 0 else {
            throw PseudoTerminalError("no pseudo-terminal: errno \(errno)")
        }
        slavePath = "/dev/pts/\(number)"
        slave = open(slavePath, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw PseudoTerminalError("cannot open /dev/pts/\(number)") }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
    }

    /// Starts `netsim` as a user's shell would: in a session of its own whose controlling
    /// terminal is this one (so job control applies: only the foreground process group may read
    /// it), with the terminal as standard input, output and error.
    public func run(_ arguments: [String], environment: [String: String] = [:]) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, PseudoTerminal.spawnSetSession)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid and without O_NOCTTY, the terminal becomes the controlling one.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        let executable = PseudoTerminal.netsim.path
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw PseudoTerminalError("cannot start netsim: \(String(cString: strerror(result)))") }
    }

    deinit {
        if isRunning { kill(pid, SIGKILL) }
        _ = waitForExit(seconds: 1)
        close(master)
        close(slave)
    }

    /// The program's process ID (0 before `run`).
    public private(set) var pid: pid_t = 0
    /// How the program ended: its exit code, or the signal that killed it.
    public private(set) var exitCode: Int32?
    public private(set) var killedBy: Int32?

    public var isRunning: Bool {
        guard pid > 0, exitCode == nil, killedBy == nil else { return false }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return true }
        if status & 0x7F == 0 { exitCode = (status >> 8) & 0xFF } else { killedBy = status & 0x7F }
        return false
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
        while isRunning && Date() < deadline {
            readAvailable(milliseconds: 50)
        }
        readAvailable(milliseconds: 50)
        return isRunning ? nil : exitCode
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
