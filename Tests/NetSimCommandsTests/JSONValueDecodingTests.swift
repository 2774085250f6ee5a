import Foundation
import NetSimCommands
import Testing

@Suite struct JSONValueDecodingTests {
    @Test func decodingRendersBackToTheSameText() throws {
        let value = JSONValue.object([
            "a": .int(-3), "b": .double(1.25), "c": .string("x\"y\n"), "d": .array([.null, .bool(true), .bool(false)]),
            "e": .object(["nested": .array([])]), "f": .int(9_007_199_254_740_993),
        ])
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(value.compact.utf8))
        #expect(decoded == value)
        #expect(decoded.compact == value.compact)
    }

    @Test func membersAndStrings() throws {
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"error":"no device","n":1}"#.utf8))
        #expect(decoded["error"]?.stringValue == "no device")
        #expect(decoded["n"]?.stringValue == nil)
        #expect(decoded["missing"] == nil)
        #expect(JSONValue.array([])["x"] == nil)
    }
}
