/// A full screen drawn in memory: rows of cells, each a character and a style. Views draw
/// into it; `ansiFrame` turns it into the bytes that repaint a terminal, and `lines` gives the
/// plain text that tests read.
public struct ScreenBuffer: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        case normal
        case bold
        case reverse
        case dim

        var sequence: String {
            switch self {
            case .normal: "\u{1B}[0m"
            case .bold: "\u{1B}[0;1m"
            case .reverse: "\u{1B}[0;7m"
            case .dim: "\u{1B}[0;2m"
            }
        }
    }

    struct Cell: Sendable, Equatable {
        var character: Character = " "
        var style: Style = .normal
    }

    public let size: TerminalSize
    private var cells: [[Cell]]

    public init(size: TerminalSize) {
        self.size = size
        cells = Array(repeating: Array(repeating: Cell(), count: size.columns), count: size.rows)
    }

    /// Writes text from a position on one row; what does not fit is cut off.
    public mutating func put(_ text: String, row: Int, column: Int, style: Style = .normal) {
        guard row >= 0, row < size.rows else { return }
        var position = column
        for character in text {
            guard position < size.columns else { return }
            if position >= 0 { cells[row][position] = Cell(character: character, style: style) }
            position += 1
        }
    }

    /// Gives a run of cells a style, keeping their characters (a highlighted row).
    public mutating func highlight(row: Int, from start: Int, to end: Int, style: Style) {
        let (first, last) = (max(start, 0), min(end, size.columns))
        guard row >= 0, row < size.rows, first < last else { return }
        for column in first..<last { cells[row][column].style = style }
    }

    /// A frame with a title in its top edge, as the seed's selector draws it.
    public mutating func box(top: Int, left: Int, bottom: Int, right: Int, title: String) {
        guard bottom > top, right > left else { return }
        let inner = right - left - 1
        let heading = title.isEmpty ? "" : "─ " + title + " "
        let topEdge = "┌" + String((heading + String(repeating: "─", count: max(inner, 0))).prefix(inner)) + "┐"
        put(topEdge, row: top, column: left)
        for row in (top + 1)..<bottom {
            put("│", row: row, column: left)
            put("│", row: row, column: right)
        }
        put("└" + String(repeating: "─", count: max(inner, 0)) + "┘", row: bottom, column: left)
    }

    /// The screen as plain text, one string per row with trailing blanks removed.
    public var lines: [String] {
        cells.map { row in
            var text = String(row.map(\.character))
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    /// The style of one cell (for tests of highlighting).
    public func style(row: Int, column: Int) -> Style { cells[row][column].style }

    /// Bytes that repaint the whole terminal with this screen: cursor home, every row with
    /// style changes only where the style changes, attributes reset at the end.
    public var ansiFrame: String {
        var output = "\u{1B}[H"
        var current = Style.normal
        output += current.sequence
        for (index, row) in cells.enumerated() {
            for cell in row {
                if cell.style != current {
                    current = cell.style
                    output += current.sequence
                }
                output.append(cell.character)
            }
            if index < cells.count - 1 { output += "\r\n" }
        }
        return output + Style.normal.sequence
    }
}
