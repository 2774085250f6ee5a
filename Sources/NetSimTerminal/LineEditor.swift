/// Edits one line at a time from decoded keys: the `LineBuffer` operations bound to the usual
/// keys, history on Up/Down, and the keys its owner acts on (Enter, Tab, `?`, Ctrl-C, Ctrl-D)
/// reported back as events. It draws nothing; the owner redraws with `LineRenderer` when the
/// event says the line changed.
///
/// ```
///   editing --Enter--> .submit(line), buffer cleared, history records the line
///      |-----Ctrl-C--> .interrupt, buffer cleared
///      |-----Ctrl-D on an empty line--> .endOfInput   (elsewhere: delete forward)
///      |-----Tab / ?--> .complete / .help (buffer unchanged; owner completes or lists)
///      |-----Up/Down--> history entry replaces the buffer
/// ```
public struct LineEditor: Sendable {
    public enum Event: Sendable, Equatable {
        /// The line changed or the cursor moved: redraw.
        case changed
        /// Nothing happened (a key with nothing to do, such as Left at the start): ring the bell.
        case bell
        /// A key with no binding; ignored silently.
        case ignored
        case submit(String)
        case interrupt
        case endOfInput
        case complete
        case help
        case clearScreen
    }

    public private(set) var buffer = LineBuffer()
    public var history: History
    private var killed = ""

    public init(history: History = History()) {
        self.history = history
    }

    /// Puts text at the cursor: a completion, or a character typed.
    public mutating func insert(_ text: String) { buffer.insert(text) }

    /// Replaces the partly typed word left of the cursor.
    public mutating func replaceBeforeCursor(count: Int, with text: String) {
        buffer.replaceBeforeCursor(count: count, with: text)
    }

    public mutating func handle(_ key: Key) -> Event {
        switch key {
        case .character("?"):
            return .help
        case .character(let character):
            buffer.insert(String(character))
            return .changed
        case .enter:
            let line = buffer.text
            buffer = LineBuffer()
            history.add(line)
            return .submit(line)
        case .tab:
            return .complete
        case .backspace, .control("h"):
            return buffer.deleteBackward() ? .changed : .bell
        case .delete:
            return buffer.deleteForward() ? .changed : .bell
        case .control("d"):
            if buffer.isEmpty { return .endOfInput }
            return buffer.deleteForward() ? .changed : .bell
        case .control("c"):
            buffer = LineBuffer()
            history.reset()
            return .interrupt
        case .left, .control("b"):
            return buffer.moveLeft() ? .changed : .bell
        case .right, .control("f"):
            return buffer.moveRight() ? .changed : .bell
        case .home, .control("a"):
            buffer.moveToStart()
            return .changed
        case .end, .control("e"):
            buffer.moveToEnd()
            return .changed
        case .wordLeft:
            buffer.moveWordLeft()
            return .changed
        case .wordRight:
            buffer.moveWordRight()
            return .changed
        case .control("k"):
            killed = buffer.killToEnd()
            return .changed
        case .control("u"):
            killed = buffer.killToStart()
            return .changed
        case .control("w"):
            killed = buffer.killWordBackward()
            return .changed
        case .control("y"):
            buffer.insert(killed)
            return .changed
        case .up, .control("p"):
            guard let entry = history.previous(current: buffer.text) else { return .bell }
            buffer.replace(with: entry)
            return .changed
        case .down, .control("n"):
            guard let entry = history.next() else { return .bell }
            buffer.replace(with: entry)
            return .changed
        case .control("l"):
            return .clearScreen
        case .escape, .pageUp, .pageDown, .control, .unknown:
            return .ignored
        }
    }
}
