import Testing
import NetSimWire

@Suite("IPv4Address")
struct IPv4AddressTests {
    @Test func parsesDottedQuad() throws {
        let address = try #require(IPv4Address("10.0.12.1"))
        // 10 << 24 | 0 << 16 | 12 << 8 | 1
        #expect(address.value == 0x0A00_0C01)
        #expect(address == IPv4Address(10, 0, 12, 1))
        #expect(address.description == "10.0.12.1")
    }

    @Test func parsesExtremes() {
        #expect(IPv4Address("0.0.0.0") == .zero)
        #expect(IPv4Address("255.255.255.255") == .broadcast)
        #expect(IPv4Address("255.255.255.255")?.value == 0xFFFF_FFFF)
        #expect(IPv4Address("0.0.0.0")?.description == "0.0.0.0")
    }

    @Test(arguments: [
        "010.0.0.1",      // leading zero: octal on some platforms, so rejected
        "1.2.3.04",
        "00.1.2.3",
        "256.0.0.1",      // octet out of range
        "1.2.3.256",
        "1.2.3.1000",
        "1.2.3",          // too few octets
        "1.2.3.4.5",      // too many
        "",
        "1..2.3",
        "1.2.3.4.",
        ".1.2.3",
        " 1.2.3.4",
        "1.2.3.4 ",
        "a.b.c.d",
        "1.2.3.-4",
        "1.2.3.+4",
        "1.2.3.0x1",
        "١.2.3.4",        // Arabic-Indic digit: a number, but not ASCII
        "10.0.0.1/24",
    ])
    func rejectsInvalid(_ text: String) {
        #expect(IPv4Address(text) == nil)
    }

    @Test func parsesSubstrings() {
        let line = "via 192.168.1.254 dev"
        let word = line.split(separator: " ")[1]
        #expect(IPv4Address(word) == IPv4Address(192, 168, 1, 254))
    }

    @Test func ordersNumericallyNotLexically() throws {
        // Lexically "10.0.0.10" < "10.0.0.9" and "9.x" > "10.x"; numerically the reverse.
        let texts = ["10.0.0.10", "9.255.255.255", "10.0.0.9", "192.168.0.1", "10.0.1.0"]
        let sorted = texts.compactMap { IPv4Address($0) }.sorted().map(\.description)
        #expect(sorted == ["9.255.255.255", "10.0.0.9", "10.0.0.10", "10.0.1.0", "192.168.0.1"])
        #expect(IPv4Address(9, 255, 255, 255) < IPv4Address(10, 0, 0, 0))
        #expect(!(IPv4Address(10, 0, 0, 0) < IPv4Address(10, 0, 0, 0)))
    }

    @Test func octetsAndClassification() {
        let address = IPv4Address(0xC0A8_0102)
        #expect(address.octets == (192, 168, 1, 2))
        #expect(IPv4Address(224, 0, 0, 5).isMulticast)
        #expect(IPv4Address(239, 255, 255, 255).isMulticast)
        #expect(!IPv4Address(240, 0, 0, 1).isMulticast)
        #expect(!IPv4Address(223, 255, 255, 255).isMulticast)
        #expect(IPv4Address(127, 0, 0, 1).isLoopback)
        #expect(!IPv4Address(128, 0, 0, 1).isLoopback)
        #expect(IPv4Address.broadcast.isBroadcast)
        #expect(!IPv4Address(10, 0, 0, 255).isBroadcast)
    }
}
