import Foundation
import Testing
import NetSimTerminal
import NetSimTestTerminal
#if canImport(Glibc)
import Glibc
#endif

/// The terminal layer on a real pseudo-terminal, in this process: raw mode on and off, and
/// the input reader.
@Suite("Terminal on a pseudo-terminal", .serialized)
struct TerminalDeviceTests {
    @Test func rawModeIsEnteredAndRestored() throws {
        let pty = try PseudoTerminal(columns: 91, rows: 27)
        let terminal = Terminal(input: pty.slave, output: pty.slave)
        #expect(terminal.isInteractive)
        #expect(terminal.size == TerminalSize(columns: 91, rows: 27))
        let before = pty.localModes
        #expect(before & tcflag_t(ICANON | ECHO | ISIG) == tcflag_t(ICANON | ECHO | ISIG))
        terminal.enterRawMode(alternateScreen: true)
        #expect(pty.localModes & tcflag_t(ICANON | ECHO | ISIG | IEXTEN) == 0)
        terminal.leaveRawMode()
        #expect(pty.localModes == before)
        // The alternate screen was entered and left, the cursor hidden and shown again.
        pty.wait(seconds: 1) { _ in pty.text.contains(TerminalRestore.resetSequence) }
        #expect(pty.text == "\u{1B}[?1049h\u{1B}[?25l" + TerminalRestore.resetSequence)
        terminal.leaveRawMode()
        #expect(pty.localModes == before)
    }

    @Test func theReaderDeliversBytesPausesAndStops() async throws {
        let pty = try PseudoTerminal()
        let terminal = Terminal(input: pty.slave, output: pty.slave)
        terminal.enterRawMode()
        defer { terminal.leaveRawMode() }
        let reader = TerminalInputReader(fileDescriptor: pty.slave, pauseMilliseconds: 30)
        var inputs = reader.start().makeAsyncIterator()
        pty.send([0x1B])
        #expect(await inputs.next() == .bytes([0x1B]))
        #expect(await inputs.next() == .pause)
        pty.type("sh ip ro\r")
        var received: [UInt8] = []
        while received.count < 9, case .bytes(let bytes)? = await inputs.next() { received += bytes }
        #expect(received == Array("sh ip ro\r".utf8))
        reader.stop()
        // Nothing more is read once stop returns: the bytes stay for whoever reads next.
        pty.type("x")
        var byte: UInt8 = 0
        var descriptor = pollfd(fd: pty.slave, events: Int16(POLLIN), revents: 0)
        #expect(poll(&descriptor, 1, 1000) == 1)
        #expect(read(pty.slave, &byte, 1) == 1 && byte == UInt8(ascii: "x"))
    }
}
