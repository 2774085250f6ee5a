import Testing
import NetSimRouting

@Suite("SimTime parsing and formatting")
struct SimTimeTests {
    @Test(arguments: [
        ("250ms", Int64(250_000_000)),
        ("2s", 2_000_000_000),
        ("1.5s", 1_500_000_000),
        ("100", 100_000_000),        // a bare number is milliseconds
        ("2.5", 2_500_000),
        ("0", 0),
        ("100us", 100_000),
        ("10ns", 10),
        ("5m", 300_000_000_000),
        ("1h", 3_600_000_000_000),
        ("  20ms\t", 20_000_000),    // surrounding whitespace is ignored
        ("0.1s", 100_000_000),       // 0.1 * 1e9 is not exact in binary; rounding fixes it
    ])
    func parses(_ text: String, _ nanoseconds: Int64) {
        #expect(SimTime(parsing: text) == SimTime(nanoseconds: nanoseconds))
    }

    @Test(arguments: [
        "", " ", "abc", "ms", "s", "-5ms", "-5", "+5", "1e3", "1e3ms", "5 s", "1.2.3s", "inf", "nan", "infs",
        "0x10", "5x", "5sec", "ten ms", "99999999999999s", "١٢ms",
    ])
    func rejectsGarbage(_ text: String) {
        #expect(SimTime(parsing: text) == nil)
    }

    @Test func formatsAsMilliseconds() {
        #expect(SimTime.zero.description == "0ms")
        #expect(SimTime.milliseconds(20).description == "20ms")
        #expect(SimTime(nanoseconds: 2_500_000).description == "2.5ms")
        #expect(SimTime.seconds(1).description == "1000ms")
        #expect(SimTime(nanoseconds: 1_500_000_000).description == "1500ms")
        // Three decimals at most: 1.234567ms keeps 1.234 (microseconds), sub-microsecond digits drop.
        #expect(SimTime(nanoseconds: 1_234_567).description == "1.234ms")
        #expect(SimTime.microseconds(1).description == "0.001ms")
        #expect(SimTime.microseconds(10).description == "0.01ms")
        #expect(SimTime(nanoseconds: 999).description == "0ms")
        #expect(SimTime(nanoseconds: -2_500_000).description == "-2.5ms")
        #expect(SimTime.format(milliseconds: 32_000_000) == "32")
    }

    @Test func arithmeticAndConversions() {
        let a = SimTime.milliseconds(1500)
        let b = SimTime.microseconds(250)
        #expect((a + b).nanoseconds == 1_500_250_000)
        #expect((a - b).nanoseconds == 1_499_750_000)
        #expect(b < a)
        #expect(a.seconds == 1.5)
        #expect(a.milliseconds == 1500)
        #expect(SimTime(nanoseconds: 2_999_999_999).wholeSeconds == 2)
        #expect(SimTime.zero < SimTime.never)
    }

    @Test func parseAndFormatRoundTrip() {
        for text in ["0ms", "1ms", "2.5ms", "1500ms", "0.001ms", "86400000ms"] {
            #expect(SimTime(parsing: text)?.description == text)
        }
    }
}
