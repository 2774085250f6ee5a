import Foundation
import Testing
import NetSimTerminal

@Suite("Line editor")
struct LineEditorTests {
    private func type(_ text: String, into editor: inout LineEditor) {
        for character in text { _ = editor.handle(.character(character)) }
    }

    @Test func bufferOperations() {
        var buffer = LineBuffer("show ip route", cursor: 7)
        #expect(buffer.textBeforeCursor == "show ip")
        buffer.moveWordLeft()
        #expect(buffer.cursor == 5)
        buffer.moveWordRight()
        #expect(buffer.cursor == 7)
        #expect(buffer.killWordBackward() == "ip")
        #expect(buffer.text == "show  route" && buffer.cursor == 5)
        #expect(buffer.killToEnd() == " route")
        #expect(buffer.text == "show ")
        buffer.insert("arp")
        #expect(buffer.text == "show arp" && buffer.cursor == 8)
        buffer.moveToStart()
        let deletedBackward = buffer.deleteBackward()
        let deletedForward = buffer.deleteForward()
        #expect(!deletedBackward && deletedForward)
        #expect(buffer.text == "how arp")
        buffer.moveToEnd()
        buffer.replaceBeforeCursor(count: 3, with: "interfaces ")
        #expect(buffer.text == "how interfaces " && buffer.cursor == 15)
        buffer.moveLeft()
        #expect(buffer.killToStart() == "how interfaces")
        #expect(buffer.text == " " && buffer.cursor == 0)
    }

    @Test func killWordSkipsBlanksFirst() {
        var buffer = LineBuffer("ping 10.0.0.1   ")
        #expect(buffer.killWordBackward() == "10.0.0.1   ")
        #expect(buffer.text == "ping ")
    }

    @Test func editingKeys() {
        var editor = LineEditor()
        type("sh ip ro", into: &editor)
        #expect(editor.handle(.home) == .changed)
        #expect(editor.handle(.left) == .bell)
        #expect(editor.handle(.control("e")) == .changed)
        #expect(editor.handle(.backspace) == .changed)
        #expect(editor.buffer.text == "sh ip r")
        _ = editor.handle(.control("a"))
        _ = editor.handle(.delete)
        #expect(editor.buffer.text == "h ip r")
        _ = editor.handle(.control("k"))
        #expect(editor.buffer.text.isEmpty)
        _ = editor.handle(.control("y"))
        #expect(editor.buffer.text == "h ip r")
        _ = editor.handle(.control("w"))
        #expect(editor.buffer.text == "h ip ")
        _ = editor.handle(.control("u"))
        #expect(editor.buffer.isEmpty)
    }

    @Test func ownerKeysAreReported() {
        var editor = LineEditor()
        #expect(editor.handle(.tab) == .complete)
        #expect(editor.handle(.character("?")) == .help)
        #expect(editor.buffer.isEmpty)
        #expect(editor.handle(.control("d")) == .endOfInput)
        type("ab", into: &editor)
        _ = editor.handle(.left)
        #expect(editor.handle(.control("d")) == .changed)
        #expect(editor.buffer.text == "a")
        #expect(editor.handle(.control("c")) == .interrupt)
        #expect(editor.buffer.isEmpty)
        type("show arp", into: &editor)
        #expect(editor.handle(.enter) == .submit("show arp"))
        #expect(editor.buffer.isEmpty)
        #expect(editor.handle(.control("l")) == .clearScreen)
    }

    @Test func historyBrowsingKeepsTheDraft() {
        var editor = LineEditor()
        for line in ["show arp", "show ip route", "show ip route"] {
            type(line, into: &editor)
            _ = editor.handle(.enter)
        }
        #expect(editor.history.entries == ["show arp", "show ip route"])
        type("pi", into: &editor)
        #expect(editor.handle(.up) == .changed)
        #expect(editor.buffer.text == "show ip route")
        _ = editor.handle(.up)
        #expect(editor.buffer.text == "show arp")
        #expect(editor.handle(.up) == .bell)
        _ = editor.handle(.down)
        _ = editor.handle(.down)
        #expect(editor.buffer.text == "pi")
        #expect(editor.handle(.down) == .bell)
        _ = editor.handle(.up)
        _ = editor.handle(.enter)
        #expect(editor.history.entries == ["show arp", "show ip route"])
    }

    @Test func historyPersistsAndIsBounded() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netsim-history-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("history")
        var history = History.load(from: file, limit: 3)
        #expect(history.entries.isEmpty)
        for line in ["a", "  ", "b ", "c", "d"] { #expect(history.add(line) == nil) }
        #expect(history.entries == ["b", "c", "d"])
        #expect(try String(contentsOf: file, encoding: .utf8) == "b\nc\nd\n")
        var reloaded = History.load(from: file, limit: 3)
        #expect(reloaded.entries == ["b", "c", "d"])
        #expect(reloaded.previous(current: "") == "d")
    }

    @Test func aHistoryThatCannotBeSavedStillWorks() {
        var history = History(file: URL(fileURLWithPath: "/proc/netsim-cannot-write/history"))
        #expect(history.add("show arp") != nil)
        #expect(history.entries == ["show arp"])
    }
}
