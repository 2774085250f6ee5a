import Testing
import NetSimTerminal

@Suite("Line and screen rendering")
struct RenderingTests {
    @Test func redrawIsPromptLineEraseAndCursorBack() {
        let renderer = LineRenderer(prompt: "r1> ", width: 80)
        #expect(renderer.redraw(LineBuffer("sh ip")) == "\rr1> sh ip\u{1B}[K")
        #expect(renderer.redraw(LineBuffer("sh ip", cursor: 2)) == "\rr1> sh ip\u{1B}[K\u{1B}[3D")
        #expect(renderer.redraw(LineBuffer()) == "\rr1> \u{1B}[K")
    }

    @Test func longLinesScrollToKeepTheCursorVisible() {
        let renderer = LineRenderer(prompt: "r1> ", width: 20)
        let text = String(repeating: "abcdefghij", count: 3)
        // 15 columns are left for the line; the cursor at the end shows the last 15 characters.
        #expect(renderer.redraw(LineBuffer(text)) == "\rr1> " + String(text.suffix(15)) + "\u{1B}[K")
        #expect(renderer.redraw(LineBuffer(text, cursor: 0)) == "\rr1> " + String(text.prefix(15)) + "\u{1B}[K\u{1B}[15D")
    }

    @Test func noticesGoAboveTheLineBeingTyped() {
        let renderer = LineRenderer(prompt: "r1> ", width: 80)
        let output = renderer.printAbove("[OSPF adjacency r1<->r2 torn down]", LineBuffer("sh i", cursor: 3))
        #expect(output == "\r\u{1B}[K[OSPF adjacency r1<->r2 torn down]\r\n\rr1> sh i\u{1B}[K\u{1B}[1D")
        #expect(LineRenderer.terminalLines("a\nb\n") == "a\r\nb\r\n")
        #expect(LineRenderer.terminalLines("a\n\nb") == "a\r\n\r\nb\r\n")
        #expect(LineRenderer.terminalLines("").isEmpty)
    }

    @Test func screenBufferDrawsBoxesAndClipsText() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 12, rows: 4))
        screen.box(top: 0, left: 0, bottom: 3, right: 11, title: "Hi")
        screen.put("> a very long text", row: 1, column: 1)
        screen.put("b", row: 2, column: 2, style: .reverse)
        screen.put("outside", row: 9, column: 0)
        #expect(screen.lines == ["┌─ Hi ─────┐", "│> a very lo", "│ b        │", "└──────────┘"])
        #expect(screen.style(row: 2, column: 2) == .reverse)
        screen.highlight(row: 1, from: 1, to: 4, style: .bold)
        #expect(screen.style(row: 1, column: 3) == .bold && screen.style(row: 1, column: 4) == .normal)
    }

    @Test func ansiFrameChangesStyleOnlyWhereItChanges() {
        var screen = ScreenBuffer(size: TerminalSize(columns: 4, rows: 2))
        screen.put("ab", row: 0, column: 0)
        screen.put("cd", row: 1, column: 1, style: .reverse)
        #expect(screen.ansiFrame == "\u{1B}[H\u{1B}[0mab  \r\n \u{1B}[0;7mcd\u{1B}[0m \u{1B}[0m")
    }
}
