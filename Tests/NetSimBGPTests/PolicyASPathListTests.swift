import NetSimBGP
import NetSimWire
import Testing

/// AS-path lists and their regular expressions: the `_` boundary at the start, the end,
/// spaces, braces and commas; anchors; POSIX bracket expressions; the text FRR matches; the
/// patterns refused, with where and why.
@Suite("BGP policy: AS-path lists")
struct PolicyASPathListTests {
    private func regex(_ pattern: String) throws -> BGPASPathRegex { try BGPASPathRegex(pattern) }

    @Test func learnedFromANeighborAS() throws {
        let fromNeighbor = try regex("^65002_")
        #expect(fromNeighbor.matches("65002"))
        #expect(fromNeighbor.matches("65002 65001"))
        #expect(fromNeighbor.matches("65002 {65010,65011}"))
        #expect(!fromNeighbor.matches("650021 65001"))
        #expect(!fromNeighbor.matches("65001 65002"))
        #expect(!fromNeighbor.matches(""))
    }

    @Test func originatedByAnAS() throws {
        let origin = try regex("_65001$")
        #expect(origin.matches("65001"))
        #expect(origin.matches("65003 65002 65001"))
        #expect(!origin.matches("65003 165001"))
        #expect(!origin.matches("65001 65002"))
        #expect(origin.matches("65002 {64999,65001}") == false)
        #expect(try regex("_65001_").matches("65002 {64999,65001}"))
        #expect(try regex("_65001}$").matches("65002 {64999,65001}"))
    }

    @Test func passingThroughAnASAnywhere() throws {
        let through = try regex("_65003_")
        #expect(through.matches("65003"))
        #expect(through.matches("1 65003 2"))
        #expect(through.matches("1 {2,65003}"))
        #expect(through.matches("{65003,7}"))
        #expect(through.matches("(65003 4) 5"))
        #expect(!through.matches("1 650033 2"))
        #expect(!through.matches("1 165003"))
    }

    @Test func emptyPathOnlyMatchesCaretDollar() throws {
        let local = try regex("^$")
        #expect(local.matches(""))
        #expect(!local.matches("65001"))
        let list = try BGPASPathList(name: "LOCAL", entries: [.init(action: .permit, regex: "^$")])
        #expect(list.permits(BGPASPath()))
        #expect(!list.permits(BGPASPath(sequence: [65001])))
    }

    @Test func posixSyntaxTranslatesFaithfully() throws {
        #expect(try regex("^6500[0-9]_").matches("65004 1"))
        #expect(try regex("^[[:digit:]]+$").matches("65004"))
        #expect(!(try regex("^[[:digit:]]+$")).matches("65004 1"))
        #expect(try regex("^(65001|65002)_").matches("65002 7"))
        #expect(try regex("^65001( 65001)*$").matches("65001 65001 65001"))
        #expect(try regex("^65001 65001$").matches("65001 65001"))
        #expect(try regex("^(65001 ){2}65002$").matches("65001 65001 65002"))
        #expect(try regex("^(65001_)+65002$").matches("65001 65001 65002"))
        #expect(try regex("^65001{,1}$").matches("6500"))
        #expect(try regex("^[^6]").matches("7 1"))
        #expect(!(try regex("^[^6]")).matches("65001"))
        #expect(try regex("\\{").matches("1 {2}"))
        #expect(try regex("^1.3$").matches("123"))
        // Inside brackets '-' last, ']' first and '\' are literal.
        #expect(try regex("[a-]").matches("-"))
        #expect(try regex("[]x]").matches("]"))
        #expect(try regex("[\\]").matches("\\"))
    }

    @Test func noPatternBacktracksForever() throws {
        // A backtracking matcher needs minutes for these on a path that does not match.
        let long = BGPASPathList.text(of: BGPASPath(sequence: Array(repeating: 65001, count: 60))) + " {1,2}"
        #expect(!(try regex("^([0-9]+ ?)+$")).matches(long))
        #expect(!(try regex("(.*)*65009")).matches(long))
        #expect(try regex("^([0-9]+ ?)+ \\{1,2}$").matches(long))
        #expect(try regex("^(6500[0-9]_)+\\{").matches(long))
    }

    @Test func countsThatMultiplyTooFarAreRefused() {
        #expect(throws: BGPASPathRegex.SyntaxError.self) { try BGPASPathRegex("((65001{255}){255})") }
        #expect(throws: Never.self) { try BGPASPathRegex("(6500[0-9] ){20}") }
    }

    @Test func invalidPatternsSayWhereAndWhy() {
        func reason(_ pattern: String) -> String? {
            do {
                _ = try BGPASPathRegex(pattern)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(reason("^65002_(") == "'(' is never closed at character 8")
        #expect(reason("65002)") == "')' has no '(' to close at character 6")
        #expect(reason("*65002") == "'*' has nothing before it to repeat at character 1")
        #expect(reason("65002+?") == "'?' follows another repetition (POSIX leaves that undefined) at character 7")
        #expect(reason("\\d+") == "'\\d' is not POSIX extended syntax (only special characters can be escaped) at character 1")
        #expect(reason("(?=1)") == "'(?' is not POSIX extended syntax at character 1")
        #expect(reason("[0-9") == "'[' is never closed at character 1")
        #expect(reason("[9-0]") == "range '9-0' is out of order at character 2")
        #expect(reason("[[:number:]]") == "'[:number:]' is not a character class at character 2")
        #expect(reason("1{2") == "'{' must start a count like {2}, {2,} or {1,3} (write \\{ for a brace) at character 2")
        #expect(reason("1{3,2}") == "repetition count {3,2} has its bounds reversed at character 2")
        #expect(reason("65002\\") == "'\\' ends the pattern at character 6")
        #expect(reason("[_1]") == "'_' inside brackets cannot be written: FRR turns every '_' into a boundary, even there at character 2")
        #expect(reason("1\\_") == "'\\_' cannot be written: FRR turns every '_' into a boundary, escaped or not at character 2")
        #expect(reason("^(65001_){2}$")?.hasPrefix("a count cannot repeat '_', '^' or '$'") == true)
        #expect(reason("(1$){2}")?.hasSuffix("at character 5") == true)
        #expect(reason("((1$)2){1,}") != nil)
        #expect(reason("(1$){1}") == nil)
        #expect(reason("(1$)+") == nil)
        #expect(reason("{1}") == "'{' has nothing before it to repeat (write \\{ for a brace) at character 1")
    }

    @Test func listErrorsNameTheEntryAndField() {
        let error = #expect(throws: BGPPolicyError.self) {
            try BGPASPathList(name: "FROM", entries: [.init(action: .permit, regex: "^1_"),
                                                          .init(action: .deny, regex: "^(1")])
        }
        #expect(error?.description
            == "as_path_lists.FROM[1].regex: invalid regular expression \"^(1\": '(' is never closed at character 2")
        let empty = #expect(throws: BGPPolicyError.self) { try BGPASPathList(name: "E", entries: []) }
        #expect(empty?.problems.count == 1)
    }

    @Test func firstMatchDecidesAndNoMatchDenies() throws {
        let list = try BGPASPathList(name: "L", entries: [
            .init(action: .deny, regex: "_666_"), .init(action: .permit, regex: "^65002_"),
        ])
        #expect(!list.permits(BGPASPath(sequence: [65002, 666, 1])))
        #expect(list.decidingEntry(for: BGPASPath(sequence: [65002, 666, 1])) == 0)
        #expect(list.permits(BGPASPath(sequence: [65002, 1])))
        #expect(!list.permits(BGPASPath(sequence: [65003, 1])))
        #expect(list.decidingEntry(for: BGPASPath(sequence: [65003, 1])) == nil)
    }

    @Test func matchTextFollowsFRR() {
        let path = BGPASPath(segments: [
            BGPASPathSegment(kind: .confederationSequence, numbers: [64512, 64513]),
            BGPASPathSegment(kind: .sequence, numbers: [65002, 65001]),
            BGPASPathSegment(kind: .set, numbers: [65020, 65010, 65020]),
            BGPASPathSegment(kind: .confederationSet, numbers: [64600, 64515]),
        ])
        #expect(BGPASPathList.text(of: path) == "(64512 64513) 65002 65001 {65010,65020} [64515,64600]")
        #expect(BGPASPathList.text(of: BGPASPath()) == "")
    }
}
