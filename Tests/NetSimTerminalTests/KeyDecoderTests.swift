import Testing
import NetSimEngine
import NetSimTerminal

@Suite("Key decoder")
struct KeyDecoderTests {
    private func keys(_ bytes: [UInt8]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.decode(bytes)
    }

    private func keys(_ text: String) -> [Key] { keys(Array(text.utf8)) }

    @Test func printableAndControlKeys() {
        #expect(keys("ab?") == [.character("a"), .character("b"), .character("?")])
        #expect(keys([0x0D, 0x0A, 0x09, 0x7F, 0x08]) == [.enter, .enter, .tab, .backspace, .backspace])
        #expect(keys([0x01, 0x05, 0x0B, 0x15, 0x17, 0x03, 0x04]) ==
                [.control("a"), .control("e"), .control("k"), .control("u"), .control("w"), .control("c"), .control("d")])
    }

    @Test func arrowsHomeEndDeleteInBothModes() {
        #expect(keys("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(keys("\u{1B}OA\u{1B}OD\u{1B}OH\u{1B}OF") == [.up, .left, .home, .end])
        #expect(keys("\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8~") == [.home, .end, .home, .end, .home, .end])
        #expect(keys("\u{1B}[3~\u{1B}[5~\u{1B}[6~") == [.delete, .pageUp, .pageDown])
    }

    @Test func modifiedArrowsAndAltLettersMoveByWord() {
        #expect(keys("\u{1B}[1;5C\u{1B}[1;5D\u{1B}[1;3C") == [.wordRight, .wordLeft, .wordRight])
        #expect(keys("\u{1B}b\u{1B}f") == [.wordLeft, .wordRight])
        #expect(keys("\u{1B}[1;2C") == [.right])
    }

    @Test func unknownSequencesAreSwallowedWhole() {
        #expect(keys("\u{1B}[15~x") == [.unknown(Array("\u{1B}[15~".utf8)), .character("x")])
        #expect(keys("\u{1B}[<0;3;4Mz") == [.unknown(Array("\u{1B}[<0;3;4M".utf8)), .character("z")])
    }

    @Test func sequencesSplitAcrossReadsWaitForTheirEnd() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([0x1B]).isEmpty)
        #expect(decoder.hasPending)
        #expect(decoder.decode(Array("[".utf8)).isEmpty)
        #expect(decoder.decode(Array("1;5".utf8)).isEmpty)
        #expect(decoder.decode(Array("Dq".utf8)) == [.wordLeft, .character("q")])
        #expect(!decoder.hasPending)
        // Every split point of a mixed input gives the same keys.
        let input = Array("a\u{1B}[3~é\u{1B}OB€\u{1B}[1;5Cz".utf8)
        let whole = keys(input)
        for cut in 1..<input.count {
            var split = KeyDecoder()
            #expect(split.decode(Array(input[..<cut])) + split.decode(Array(input[cut...])) == whole)
        }
    }

    @Test func multiByteCharactersSplitAcrossReads() {
        var decoder = KeyDecoder()
        let bytes = Array("é".utf8)
        #expect(decoder.decode([bytes[0]]).isEmpty)
        #expect(decoder.decode([bytes[1]]) == [.character("é")])
        #expect(keys([0xC3, 0x41]) == [.unknown([0xC3]), .character("A")])
        #expect(keys([0x80]) == [.unknown([0x80])])
    }

    @Test func aPauseTurnsALoneEscapeIntoTheEscapeKey() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([0x1B]).isEmpty)
        #expect(decoder.flush() == [.escape])
        #expect(decoder.flush().isEmpty)
        #expect(decoder.decode(Array("\u{1B}[".utf8)).isEmpty)
        #expect(decoder.flush() == [.unknown(Array("\u{1B}[".utf8))])
        #expect(keys("\u{1B}\u{1B}[A") == [.escape, .up])
        #expect(keys("\u{1B}x") == [.escape, .character("x")])
    }

    @Test func randomInputDecodesTheSameHoweverItIsSplit() {
        // Bytes drawn mostly from what escape sequences and UTF-8 are made of.
        let alphabet: [UInt8] = [0x1B, 0x1B, 0x5B, 0x5B, 0x4F, 0x31, 0x33, 0x35, 0x3B, 0x7E, 0x41, 0x44, 0x48, 0x62,
                                 0x61, 0x0D, 0x09, 0x7F, 0x03, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x80, 0xFF]
        var generator = SeededRandom(seed: 7)  // the same inputs on every run
        for _ in 0..<500 {
            let input = (0..<Int.random(in: 1...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            var whole = KeyDecoder()
            let expected = whole.decode(input) + whole.flush()
            var split = KeyDecoder()
            var keys: [Key] = []
            var rest = input[...]
            while !rest.isEmpty {
                let count = Int.random(in: 1...rest.count, using: &generator)
                keys += split.decode(Array(rest.prefix(count)))
                rest = rest.dropFirst(count)
            }
            keys += split.flush()
            #expect(keys == expected, "input \(input)")
            #expect(!split.hasPending)
        }
    }
}
