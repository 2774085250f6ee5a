#if canImport(Glibc)
import Glibc
import NetSimBGP
import NetSimWire
import Testing

/// AS-path regexes against what FRR on Linux really runs: FRR replaces every `_` with
/// `(^|[,{}() ]|$)` and hands the result to glibc's `regcomp(REG_EXTENDED)` and `regexec`.
/// Random patterns built from the pieces people write are compiled both ways and matched
/// against random AS-path texts: where both accept a pattern they must agree on every text,
/// and netsim may refuse only what it documents refusing, never what glibc accepts otherwise.
@Suite("BGP policy: AS-path regexes against glibc")
struct PolicyASPathRegexGlibcTests {
    private static let pieces = [
        "65001", "65002", "6500", "1", "2", "0", " ", "_", "_", "_", "^", "$", ".", "*", "+", "?", "|", "(", ")",
        "[0-9]", "[^1]", "[[:digit:]]", "[12]", "{2}", "{1,}", "{0,2}", "{,1}", "\\{", "\\}", "\\(", "\\)", ",",
        ".*", "[,{]", "(1$)", "(_1)", "{2,3}", "[_1]", "\\_",
    ]

    /// glibc's verdict on FRR's expansion of `pattern`: nil when regcomp refuses it, else a
    /// matcher.
    private final class FRRRegex {
        var compiled = regex_t()

        init?(_ pattern: String) {
            let expanded = pattern.map { $0 == "_" ? "(^|[,{}() ]|$)" : String($0) }.joined()
            guard regcomp(&compiled, expanded, REG_EXTENDED | REG_NOSUB) == 0 else { return nil }
        }

        deinit { regfree(&compiled) }

        func matches(_ text: String) -> Bool { regexec(&compiled, text, 0, nil, 0) == 0 }
    }

    private func randomPath(_ random: inout PolicyTestRandom) -> BGPASPath {
        let numbers: [UInt32] = [1, 2, 10, 65001, 65002, 65003, 650012, 4_200_000_000]
        var segments: [BGPASPathSegment] = []
        for _ in 0..<Int(random.next() % 4) {
            let kinds: [BGPASPathSegment.Kind] = [.sequence, .sequence, .set, .confederationSequence, .confederationSet]
            let kind = kinds[Int(random.next() % UInt64(kinds.count))]
            let members = (0...Int(random.next() % 3)).map { _ in numbers[Int(random.next() % UInt64(numbers.count))] }
            segments.append(BGPASPathSegment(kind: kind, numbers: members))
        }
        return BGPASPath(segments: segments)
    }

    /// What netsim refuses beyond what glibc refuses: two repetitions in a row, a ')' that
    /// closes nothing, a count over an anchor, a '_' escaped or in brackets.
    private static let documentedRefusals = [
        "follows another repetition", "')' has no '('", "a count cannot repeat", "'_' inside brackets",
        "'\\_' cannot be written",
    ]

    @Test func randomPatternsAgreeWithFRRsRegexLibrary() {
        var random = PolicyTestRandom(seed: 0xA5_9A7B)
        var compared = 0
        var refused = 0
        let texts = (0..<40).map { _ in BGPASPathList.text(of: randomPath(&random)) } + ["", "65001", "65002 65001"]
        for _ in 0..<3000 {
            let pattern = (0..<Int(random.next() % 6 + 1))
                .map { _ in Self.pieces[Int(random.next() % UInt64(Self.pieces.count))] }.joined()
            guard let netsim = try? BGPASPathRegex(pattern) else {
                // Refused for a documented reason (glibc is not asked: stacked counts such as
                // `_{2,3}{0,2}{1,}` take its compiler minutes), or else glibc must refuse too.
                refused += 1
                let reason = Self.reason(pattern)
                if !Self.documentedRefusals.contains(where: reason.contains) && FRRRegex(pattern) != nil {
                    Issue.record("netsim refuses \"\(pattern)\", which FRR's regcomp accepts: \(reason)")
                }
                continue
            }
            guard let frr = FRRRegex(pattern) else {
                Issue.record("netsim accepts \"\(pattern)\", which FRR's regcomp refuses")
                continue
            }
            compared += 1
            for text in texts where frr.matches(text) != netsim.matches(text) {
                Issue.record("\"\(pattern)\" on \"\(text)\": FRR \(frr.matches(text)), netsim \(netsim.matches(text))")
            }
        }
        #expect(compared > 1000)
        #expect(refused > 100)
    }

    private static func reason(_ pattern: String) -> String {
        do {
            _ = try BGPASPathRegex(pattern)
            return ""
        } catch {
            return error.description
        }
    }
}
#endif
