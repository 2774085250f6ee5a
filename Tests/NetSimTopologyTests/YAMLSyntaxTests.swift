import Testing
@testable import NetSimTopology

/// YAML that does not parse at all becomes one diagnostic at the place the YAML parser gave up.
@Suite struct YAMLSyntaxTests {
    typealias Support = TopologyTestSupport

    @Test func syntaxErrorIsReportedAtItsLineAndColumn() throws {
        let yaml = """
            name: t
            devices:
              - name: r1
                type: [router
            """
        let diagnostics = Support.diagnostics(yaml)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.message.hasPrefix("invalid YAML: "))
        #expect(diagnostic.location.file == Support.file)
        #expect(diagnostic.location.line >= 4)
    }

    @Test func badIndentationPointsAtTheOffendingLine() throws {
        let yaml = "name: t\ndevices:\n  - name: r1\n   type: router\n"
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message.hasPrefix("invalid YAML: "))
        #expect(diagnostic.location.line == 4)
    }

    @Test func tabIndentationIsASyntaxError() throws {
        let diagnostic = try #require(Support.diagnostics("name: t\ndevices:\n\t- name: r1\n").first)
        #expect(diagnostic.message.hasPrefix("invalid YAML: "))
        #expect(diagnostic.location.line == 3)
    }

    @Test func duplicateKeyIsReported() throws {
        let yaml = "name: t\nname: u\ndevices: []\n"
        let diagnostic = try #require(Support.diagnostics(yaml).first)
        #expect(diagnostic.message == "duplicate key 'name' in one mapping; each key may appear only once")
        #expect(diagnostic.hint == "this is the first occurrence; remove or rename the others")
        #expect(diagnostic.location.line == 1)
    }

    @Test func duplicateKeyDifferingOnlyInTagIsReported() {
        let yaml = "name: t\n!custom name: u\ndevices: [{name: r1, type: host}]\n"
        #expect(Support.messages(yaml) == ["duplicate key 'name' in topology"])
    }

    @Test func undefinedAliasIsReported() throws {
        let diagnostic = try #require(Support.diagnostics("name: *nowhere\ndevices: []\n").first)
        #expect(diagnostic.message.hasPrefix("invalid YAML: "))
        #expect(diagnostic.location == SourceLocation(file: Support.file, line: 1, column: 7))
    }

    @Test func emptyFileIsReported() {
        for yaml in ["", "\n\n", "# only a comment\n"] {
            #expect(Support.messages(yaml) == ["the topology file is empty"])
        }
    }

    @Test func rootMustBeAMapping() {
        #expect(Support.messages("- a\n- b\n") == [
            "expected a mapping (key: value lines) for a topology, found a list",
        ])
        #expect(Support.messages("just words") == [
            "expected a mapping (key: value lines) for a topology, found 'just words'",
        ])
    }

    @Test func readerErrorOffsetBecomesLineAndColumn() {
        let location = TopologyParser.location(ofCharacterOffset: 9, in: "ab\ncdef\nghé", file: "f")
        #expect(location == SourceLocation(file: "f", line: 3, column: 2))
    }

    @Test func controlCharacterIsAReaderError() throws {
        let diagnostic = try #require(Support.diagnostics("name: t\ndevices: [\u{7}]\n").first)
        #expect(diagnostic.message.hasPrefix("invalid YAML: "))
        #expect(diagnostic.location.line == 2)
    }
}
