import Foundation

/// The lines entered in earlier sessions and this one, browsed with the arrow keys. The line
/// being typed is kept aside while browsing and comes back below the newest entry. Blank lines
/// and repeats of the newest entry are not recorded; the oldest entries go beyond `limit`.
/// Persisted as one line per entry in a file (written whole, through a temporary file and a
/// rename, after each entry).
public struct History: Sendable {
    public private(set) var entries: [String]
    public let limit: Int
    public let file: URL?
    /// The entry on display while browsing; `entries.count` means the line being typed.
    private var position: Int
    private var draft = ""

    public init(entries: [String] = [], limit: Int = 500, file: URL? = nil) {
        self.entries = Array(entries.suffix(limit))
        self.limit = limit
        self.file = file
        position = self.entries.count
    }

    /// The history stored in `file`; empty when the file does not exist yet or cannot be read.
    public static func load(from file: URL, limit: Int = 500) -> History {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        return History(entries: lines, limit: limit, file: file)
    }

    /// Records an entered line, stops browsing, and saves the file. A save that fails
    /// (read-only directory) leaves the history in memory for this session and reports why.
    @discardableResult
    public mutating func add(_ line: String) -> Error? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        position = entries.count
        draft = ""
        guard !trimmed.isEmpty, trimmed != entries.last else { return nil }
        entries.append(trimmed)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        position = entries.count
        return save()
    }

    /// The older entry to show, or nil at the oldest. `current` is the line on screen, kept
    /// as the draft when browsing starts.
    public mutating func previous(current: String) -> String? {
        guard position > 0 else { return nil }
        if position == entries.count { draft = current }
        position -= 1
        return entries[position]
    }

    /// The newer entry to show, the draft after the newest, or nil when not browsing.
    public mutating func next() -> String? {
        guard position < entries.count else { return nil }
        position += 1
        return position == entries.count ? draft : entries[position]
    }

    /// Stops browsing without recording anything (the line was abandoned).
    public mutating func reset() {
        position = entries.count
        draft = ""
    }

    private func save() -> Error? {
        guard let file else { return nil }
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let text = entries.map { $0 + "\n" }.joined()
            try Data(text.utf8).write(to: file, options: .atomic)
            return nil
        } catch {
            return error
        }
    }
}
