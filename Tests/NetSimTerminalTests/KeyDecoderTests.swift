import Testing
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
}
