import Testing
@testable import NetSimTopology

/// Garbage in, diagnostics out: no input may crash the loader, and every diagnostic must point
/// somewhere inside the file. Inputs come from a seeded generator so failures reproduce.
@Suite struct FuzzTests {
    typealias Support = TopologyTestSupport

    /// Characters that mean something to YAML, plus enough letters and digits to form keys.
    static let alphabet = Array(" \n\n\n  :-[]{},#&*!|>'\"%@`?~.0123456789/abcdeiklmnoprstuvwy\t\u{0}\u{7}é✓")

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix64(seed: 0x6E65_7473_696D)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            check(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func randomYAMLishTextNeverCrashes() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<300 {
            let text = String((0..<Int.random(in: 0...300, using: &rng)).map { _ in Self.alphabet.randomElement(using: &rng)! })
            check(text)
        }
    }

    @Test func mutationsOfAValidFileNeverCrash() {
        var rng = SplitMix64(seed: 2024)
        let original = SeedTopologies.ospfTriangle
        var loaded = 0
        for _ in 0..<400 {
            var text = original
            for _ in 0..<Int.random(in: 1...5, using: &rng) {
                text = Self.mutate(text, using: &rng)
            }
            if check(text) { loaded += 1 }
        }
        // Some mutations are harmless (a changed comment, a swapped script line): the generator
        // is not just producing syntax errors.
        #expect(loaded > 0)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for depth in [500, 5_000] {
            check("name: t\ndevices: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
            check("name: t\ndevices: " + String(repeating: "[", count: depth))
        }
    }

    @Test func aliasesAndAnchorsAreHandled() {
        let yaml = """
            name: t
            base: &port {name: eth0}
            devices:
              - {name: r1, type: router, interfaces: [*port]}
              - {name: r2, type: router, interfaces: [*port]}
            links: [{endpoints: [r1:eth0, r2:eth0]}]
            """
        #expect(Support.messages(yaml).count == 1)  // only the unknown key 'base'
    }

    /// Loads `text` and checks the outcome is well-formed; true when it loaded.
    @discardableResult
    func check(_ text: String) -> Bool {
        // YAML breaks lines at \r and a few Unicode separators too, as Character.isNewline does.
        let lineCount = text.filter(\.isNewline).count + 1
        switch TopologyLoader.load(yaml: text, file: Support.file) {
        case let .success(spec):
            #expect(!spec.devices.isEmpty)
            #expect(TopologyValidator.validate(spec).isEmpty)
            return true
        case let .failure(error):
            #expect(!error.diagnostics.isEmpty, "no diagnostics for \(text.debugDescription)")
            for diagnostic in error.diagnostics {
                let location = diagnostic.location
                #expect(location.file == Support.file)
                #expect(location.line >= 1 && location.line <= lineCount + 1,
                        "\(diagnostic) for \(text.debugDescription)")
                #expect(location.column >= 1)
                #expect(!diagnostic.message.isEmpty)
            }
            _ = error.description
            _ = TopologyParser.parse(yaml: text, file: Support.file)
            return false
        }
    }

    /// One random edit: a character inserted, deleted or replaced, or a line deleted,
    /// duplicated, swapped or re-indented.
    static func mutate(_ text: String, using rng: inout SplitMix64) -> String {
        var characters = Array(text)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !characters.isEmpty, !lines.isEmpty else { return text }
        let position = Int.random(in: 0..<characters.count, using: &rng)
        let line = Int.random(in: 0..<lines.count, using: &rng)
        switch Int.random(in: 0..<7, using: &rng) {
        case 0:
            characters.insert(alphabet.randomElement(using: &rng)!, at: position)
            return String(characters)
        case 1:
            characters.remove(at: position)
            return String(characters)
        case 2:
            characters[position] = alphabet.randomElement(using: &rng)!
            return String(characters)
        case 3:
            lines.remove(at: line)
        case 4:
            lines.insert(lines[line], at: line)
        case 5:
            lines.swapAt(line, Int.random(in: 0..<lines.count, using: &rng))
        default:
            lines[line] = Bool.random(using: &rng) ? "  " + lines[line] : String(lines[line].dropFirst(2))
        }
        return lines.joined(separator: "\n")
    }
}

/// A small, fast, seedable generator (SplitMix64), so fuzz runs are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
