import Testing
@testable import NetSimTopology

/// How diagnostics render and sort.
@Suite struct DiagnosticTests {
    @Test func rendersLikeACompiler() {
        let location = SourceLocation(file: "lab.yaml", line: 12, column: 7)
        #expect(Diagnostic(location: location, message: "boom").description == "lab.yaml:12:7: error: boom")
        #expect(Diagnostic(location: location, message: "boom", hint: "try this").description
            == "lab.yaml:12:7: error: boom\n  hint: try this")
    }

    @Test func errorSortsByLocationAndDropsExactDuplicates() {
        func at(_ line: Int, _ column: Int, _ message: String) -> Diagnostic {
            Diagnostic(location: SourceLocation(file: "f", line: line, column: column), message: message)
        }
        let error = TopologyError(diagnostics: [at(3, 1, "c"), at(1, 9, "b"), at(1, 2, "a"), at(3, 1, "c")])
        #expect(error.diagnostics.map(\.message) == ["a", "b", "c"])
        #expect(error.description == "f:1:2: error: a\nf:1:9: error: b\nf:3:1: error: c")
    }

    @Test func linesSortNumericallyNotAlphabetically() {
        let early = Diagnostic(location: SourceLocation(file: "f", line: 9, column: 1), message: "x")
        let late = Diagnostic(location: SourceLocation(file: "f", line: 10, column: 1), message: "x")
        #expect(early < late)
    }

    @Test func spellingSuggestions() {
        #expect(SpellingSuggestion.editDistance("ipp", "ip") == 1)
        #expect(SpellingSuggestion.editDistance("kitten", "sitting") == 3)
        #expect(SpellingSuggestion.editDistance("", "abc") == 3)
        #expect(SpellingSuggestion.closest(to: "gatway", among: ["name", "gateway"]) == "gateway")
        #expect(SpellingSuggestion.closest(to: "bandwidth", among: ["name", "ip", "gateway"]) == nil)
        // A swap of neighbours is one edit.
        #expect(SpellingSuggestion.editDistance("tpye", "type") == 1)
        #expect(SpellingSuggestion.editDistance("vai", "via") == 1)
        // Short words only get one-edit suggestions.
        #expect(SpellingSuggestion.closest(to: "x", among: ["r1"]) == nil)
        #expect(SpellingSuggestion.closest(to: "r9", among: ["r1"]) == "r1")
    }
}
