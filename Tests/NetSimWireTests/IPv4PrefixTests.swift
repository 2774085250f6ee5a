import Testing
import NetSimWire

@Suite("IPv4Prefix")
struct IPv4PrefixTests {
    @Test func parsesPrefix() throws {
        let prefix = try #require(IPv4Prefix("10.0.12.0/24"))
        #expect(prefix.network == IPv4Address(10, 0, 12, 0))
        #expect(prefix.length == 24)
        #expect(prefix.netmask == IPv4Address(255, 255, 255, 0))
        #expect(prefix.broadcast == IPv4Address(10, 0, 12, 255))
        #expect(prefix.description == "10.0.12.0/24")
    }

    @Test func hostBitsRejectedUnlessAllowed() throws {
        #expect(IPv4Prefix("10.0.12.1/24") == nil)
        // 11 = 0b00001011: the lowest bit of the first octet is a host bit of a /7; 10 has it clear.
        #expect(IPv4Prefix("11.0.0.0/7") == nil)
        #expect(IPv4Prefix("10.0.0.0/7")?.description == "10.0.0.0/7")
        let lenient = try #require(IPv4Prefix("10.0.12.1/24", allowHostBits: true))
        #expect(lenient.description == "10.0.12.0/24")
        // Building from an address clears host bits: 10.1.2.3/16 -> 10.1.0.0/16.
        #expect(IPv4Prefix(IPv4Address(10, 1, 2, 3), length: 16).description == "10.1.0.0/16")
    }

    @Test(arguments: [
        "10.0.0.0/33", "10.0.0.0/", "10.0.0.0", "/24", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/024",
        "10.0.0.0/2a", "10.0.0.0/24/8", "256.0.0.0/8", "010.0.0.0/8", "10.0.0/24", "",
    ])
    func rejectsInvalid(_ text: String) {
        #expect(IPv4Prefix(text) == nil)
        #expect(IPv4Prefix(text, allowHostBits: true) == nil)
    }

    @Test func masks() {
        #expect(IPv4Prefix.mask(0) == 0)
        #expect(IPv4Prefix.mask(1) == 0x8000_0000)
        #expect(IPv4Prefix.mask(24) == 0xFFFF_FF00)
        #expect(IPv4Prefix.mask(31) == 0xFFFF_FFFE)
        #expect(IPv4Prefix.mask(32) == 0xFFFF_FFFF)
        #expect(IPv4Prefix("0.0.0.0/0") == .defaultRoute)
        #expect(IPv4Prefix.defaultRoute.broadcast == .broadcast)
        #expect(IPv4Prefix("192.168.1.7/32")?.broadcast == IPv4Address(192, 168, 1, 7))
    }

    @Test func containsAddresses() throws {
        let prefix = try #require(IPv4Prefix("10.0.12.0/24"))
        #expect(prefix.contains(IPv4Address(10, 0, 12, 0)))
        #expect(prefix.contains(IPv4Address(10, 0, 12, 255)))
        #expect(!prefix.contains(IPv4Address(10, 0, 13, 0)))
        #expect(!prefix.contains(IPv4Address(10, 0, 11, 255)))
        #expect(IPv4Prefix.defaultRoute.contains(IPv4Address(203, 0, 113, 9)))
        let host = try #require(IPv4Prefix("10.0.12.7/32"))
        #expect(host.contains(IPv4Address(10, 0, 12, 7)))
        #expect(!host.contains(IPv4Address(10, 0, 12, 6)))
    }

    @Test func containsAndOverlapsPrefixes() throws {
        let eight = try #require(IPv4Prefix("10.0.0.0/8"))
        let sixteen = try #require(IPv4Prefix("10.1.0.0/16"))
        let otherSixteen = try #require(IPv4Prefix("10.2.0.0/16"))
        let outside = try #require(IPv4Prefix("11.0.0.0/8"))
        #expect(eight.contains(sixteen))
        #expect(!sixteen.contains(eight))
        #expect(eight.contains(eight))
        #expect(eight.overlaps(sixteen) && sixteen.overlaps(eight))
        #expect(!sixteen.overlaps(otherSixteen))
        #expect(!eight.overlaps(outside))
        #expect(IPv4Prefix.defaultRoute.overlaps(outside))
        #expect(IPv4Prefix.defaultRoute.contains(outside))
        // Adjacent /24s do not overlap even though they share a /23.
        #expect(IPv4Prefix("10.0.0.0/24")?.overlaps(IPv4Prefix("10.0.1.0/24")!) == false)
    }

    @Test func ordersByNetworkThenLength() {
        let texts = ["11.0.0.0/8", "10.0.0.0/24", "10.0.1.0/24", "0.0.0.0/0", "10.0.0.0/8", "9.0.0.0/8"]
        let sorted = texts.compactMap { IPv4Prefix($0) }.sorted().map(\.description)
        #expect(sorted == ["0.0.0.0/0", "9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/24", "10.0.1.0/24", "11.0.0.0/8"])
    }
}
