/// The text of the line being edited and the cursor in it, with the editing operations of
/// Emacs-style line editors (readline, FRR's vtysh): the cursor is an index between characters,
/// `0...count`. Kill operations return what they removed so the editor can yank it back.
public struct LineBuffer: Sendable, Equatable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int

    public init(_ text: String = "", cursor: Int? = nil) {
        characters = Array(text)
        self.cursor = min(max(cursor ?? characters.count, 0), characters.count)
    }

    public var text: String { String(characters) }
    /// The text left of the cursor: what completion and `?` help look at.
    public var textBeforeCursor: String { String(characters[..<cursor]) }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func insert(_ text: String) {
        let inserted = Array(text)
        characters.insert(contentsOf: inserted, at: cursor)
        cursor += inserted.count
    }

    /// Replaces the whole line and puts the cursor at its end.
    public mutating func replace(with text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Replaces the `count` characters left of the cursor (a partly typed word) with `text`.
    public mutating func replaceBeforeCursor(count: Int, with text: String) {
        let start = max(cursor - count, 0)
        characters.replaceSubrange(start..<cursor, with: Array(text))
        cursor = start + text.count
    }

    @discardableResult
    public mutating func deleteBackward() -> Bool {
        guard cursor > 0 else { return false }
        characters.remove(at: cursor - 1)
        cursor -= 1
        return true
    }

    @discardableResult
    public mutating func deleteForward() -> Bool {
        guard cursor < characters.count else { return false }
        characters.remove(at: cursor)
        return true
    }

    @discardableResult
    public mutating func moveLeft() -> Bool {
        guard cursor > 0 else { return false }
        cursor -= 1
        return true
    }

    @discardableResult
    public mutating func moveRight() -> Bool {
        guard cursor < characters.count else { return false }
        cursor += 1
        return true
    }

    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = characters.count }

    /// Back to the start of the word left of the cursor (blanks before it skipped).
    public mutating func moveWordLeft() { cursor = wordStart() }

    /// Forward past the end of the next word.
    public mutating func moveWordRight() {
        while cursor < characters.count, characters[cursor].isWhitespace { cursor += 1 }
        while cursor < characters.count, !characters[cursor].isWhitespace { cursor += 1 }
    }

    /// Ctrl-K: removes from the cursor to the end of the line.
    public mutating func killToEnd() -> String {
        let killed = String(characters[cursor...])
        characters.removeSubrange(cursor...)
        return killed
    }

    /// Ctrl-U: removes from the start of the line to the cursor.
    public mutating func killToStart() -> String {
        let killed = String(characters[..<cursor])
        characters.removeSubrange(..<cursor)
        cursor = 0
        return killed
    }

    /// Ctrl-W: removes the word left of the cursor and the blanks after it.
    public mutating func killWordBackward() -> String {
        let start = wordStart()
        let killed = String(characters[start..<cursor])
        characters.removeSubrange(start..<cursor)
        cursor = start
        return killed
    }

    private func wordStart() -> Int {
        var index = cursor
        while index > 0, characters[index - 1].isWhitespace { index -= 1 }
        while index > 0, !characters[index - 1].isWhitespace { index -= 1 }
        return index
    }
}
