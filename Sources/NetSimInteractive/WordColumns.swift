/// Lays words out in columns across the terminal, down each column first, the way shells and
/// routers list completion candidates.
enum WordColumns {
    static func format(_ words: [String], width: Int) -> String {
        guard let longest = words.map(\.count).max() else { return "" }
        let columnWidth = longest + 2
        let columns = max(1, min(words.count, width / columnWidth))
        let rows = (words.count + columns - 1) / columns
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < words.count else { break }
                let word = words[index]
                line += column == columns - 1 || index + rows >= words.count
                    ? word : word + String(repeating: " ", count: columnWidth - word.count)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
