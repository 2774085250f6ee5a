import Testing
import NetSimCommands

@Suite("JSONValue rendering")
struct JSONValueTests {
    @Test func objectKeysAreSorted() {
        let value = JSONValue.object(["b": .int(1), "a": .null, "c": .array([]), "B": .bool(true), "_": .bool(false)])
        // Byte order: "B" (0x42) < "_" (0x5F) < "a" < "b" < "c".
        #expect(value.compact == #"{"B":true,"_":false,"a":null,"b":1,"c":[]}"#)
        #expect(JSONValue.object([:]).compact == "{}")
        #expect(JSONValue.array([.object(["z": .int(0), "y": .int(1)])]).compact == #"[{"y":1,"z":0}]"#)
    }

    @Test func stringsAreEscaped() {
        #expect(JSONValue.string("plain").compact == #""plain""#)
        #expect(JSONValue.string("say \"hi\"").compact == #""say \"hi\"""#)
        #expect(JSONValue.string(#"C:\dir"#).compact == #""C:\\dir""#)
        #expect(JSONValue.string("a\nb\rc\td").compact == #""a\nb\rc\td""#)
        #expect(JSONValue.string("\u{01}\u{1F}").compact == #""\u0001\u001f""#)
        // Non-ASCII passes through unescaped; so does DEL (0x7F), which JSON allows.
        #expect(JSONValue.string("é→\u{7F}").compact == "\"é→\u{7F}\"")
        #expect(JSONValue.object(["k\"ey": .string("v")]).compact == #"{"k\"ey":"v"}"#)
    }

    @Test func numbers() {
        #expect(JSONValue.int(-42).compact == "-42")
        #expect(JSONValue.int(.max).compact == "9223372036854775807")
        #expect(JSONValue.integer(UInt8(7)).compact == "7")
        #expect(JSONValue.double(12).compact == "12")
        #expect(JSONValue.double(1.5).compact == "1.5")
        #expect(JSONValue.double(-0.5).compact == "-0.5")
        #expect(JSONValue.double(0.25).compact == "0.25")
        // At most three decimals: 0.1234 -> 0.123, 2.0004 -> 2, 1.0006 -> 1.001.
        #expect(JSONValue.double(0.1234).compact == "0.123")
        #expect(JSONValue.double(2.0004).compact == "2")
        #expect(JSONValue.double(1.0006).compact == "1.001")
        #expect(JSONValue.double(0.001).compact == "0.001")
        #expect(JSONValue.double(-0.0).compact == "0")
        // JSON has no NaN or infinity.
        #expect(JSONValue.double(.nan).compact == "null")
        #expect(JSONValue.double(.infinity).compact == "null")
        #expect(JSONValue.double(-.infinity).compact == "null")
    }

    @Test func nullsAndBooleans() {
        #expect(JSONValue.optional(nil) == .null)
        #expect(JSONValue.optional("x") == .string("x"))
        #expect(JSONValue.null.compact == "null")
        #expect(JSONValue.array([.bool(true), .bool(false), .null]).compact == "[true,false,null]")
    }

    @Test func prettyIndentsTwoSpaces() {
        let value = JSONValue.object(["b": .object([:]), "a": .array([.int(1), .object(["x": .string("y")])]), "c": .array([])])
        #expect(value.pretty == """
            {
              "a": [
                1,
                {
                  "x": "y"
                }
              ],
              "b": {},
              "c": []
            }
            """)
    }
}
