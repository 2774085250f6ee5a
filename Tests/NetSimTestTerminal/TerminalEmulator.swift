import Foundation

/// Just enough of a VT100 to read back what the session drew: text, CR, LF, ESC[K, ESC[nD,
/// ESC[nC, ESC[H, ESC[2J; a row is as wide as needed.
public enum TerminalEmulator {
    public static func render(_ text: String) -> [String] {
        var rows: [[Character]] = [[]]
        var row = 0
        var column = 0
        var characters = Array(text)[...]
        func put(_ character: Character) {
            while rows[row].count < column { rows[row].append(" ") }
            if column < rows[row].count { rows[row][column] = character } else { rows[row].append(character) }
            column += 1
        }
        while let character = characters.popFirst() {
            switch character {
            case "\r": column = 0
            case "\n", "\r\n":
                if character == "\r\n" { column = 0 }
                row += 1
                if row == rows.count { rows.append([]) }
            case "\u{07}": break
            case "\u{1B}":
                guard characters.first == "[" else { continue }
                characters.removeFirst()
                var parameter = ""
                while let next = characters.first, next.isNumber || next == ";" || next == "?" {
                    parameter.append(next)
                    characters.removeFirst()
                }
                let final = characters.popFirst()
                let count = Int(parameter) ?? 1
                switch final {
                case "K": if column < rows[row].count { rows[row].removeSubrange(column...) }
                case "D": column = max(0, column - count)
                case "C": column += count
                case "J": rows = [[]]; row = 0; column = 0
                case "H": row = 0; column = 0
                default: break
                }
            default: put(character)
            }
        }
        return rows.map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    }
}
