/// The bytes that put a prompt and the line being edited on the terminal, and the bytes that
/// print text above it without disturbing it. Everything is drawn on the cursor's row: carriage
/// return, prompt, the visible part of the line, erase to end of row, cursor moved back. A line
/// wider than the terminal scrolls sideways so the cursor stays visible (one column per
/// character is assumed, which holds for the ASCII the console speaks).
public struct LineRenderer: Sendable {
    public static let eraseToEndOfRow = "\u{1B}[K"

    public var prompt: String
    /// The terminal's width in columns.
    public var width: Int

    public init(prompt: String, width: Int = 80) {
        self.prompt = prompt
        self.width = width
    }

    /// Redraws the prompt and line on the current row.
    public func redraw(_ buffer: LineBuffer) -> String {
        let characters = buffer.characters
        let room = max(width - prompt.count - 1, 8)
        // The visible window: the whole line if it fits, else a window that holds the cursor.
        var start = 0
        if characters.count > room {
            start = max(0, min(buffer.cursor - room / 2, characters.count - room))
        }
        let end = min(characters.count, start + room)
        let visible = String(characters[start..<end])
        let back = end - buffer.cursor
        return "\r" + prompt + visible + LineRenderer.eraseToEndOfRow + (back > 0 ? "\u{1B}[\(back)D" : "")
    }

    /// Prints `text` (one or more lines) where the prompt was, then draws the prompt and line
    /// again below it: how asynchronous notices appear while the user types.
    public func printAbove(_ text: String, _ buffer: LineBuffer) -> String {
        "\r" + LineRenderer.eraseToEndOfRow + LineRenderer.terminalLines(text) + redraw(buffer)
    }

    /// Ends the line being edited (the user pressed Enter): the cursor goes to a new row.
    public func finish() -> String { "\r\n" }

    /// Text with every line ended by CR LF, as a terminal in raw mode needs it.
    public static func terminalLines(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0 + "\r\n" }.joined()
    }
}
