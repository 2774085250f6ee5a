/// "Did you mean ...?" suggestions for misspelt keys and names.
enum SpellingSuggestion {
    /// Suggestions further than this many edits away are not worth showing. Words of one or two
    /// characters get at most one edit, or every short name would look like every other.
    static func maximumDistance(for word: String) -> Int {
        word.count <= 2 ? 1 : 2
    }

    /// The closest candidate within `maximumDistance` edits of `word`, or nil. Ties go to the
    /// candidate listed first.
    static func closest(to word: String, among candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(word, candidate)
            if distance <= maximumDistance(for: word), distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// A "did you mean 'x'?" hint, or nil when nothing is close.
    static func hint(for word: String, among candidates: [String]) -> String? {
        closest(to: word, among: candidates).map { "did you mean '\($0)'?" }
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of two adjacent
    /// characters as one edit each (optimal string alignment), since "tpye" is one slip, not two.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows of the dynamic-programming table: two back (for swaps), one back, current.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
