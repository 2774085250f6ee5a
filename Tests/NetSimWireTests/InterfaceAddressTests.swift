import Testing
import NetSimWire

@Suite("InterfaceAddress")
struct InterfaceAddressTests {
    @Test func keepsHostAddressAndSubnet() throws {
        let cidr = try #require(InterfaceAddress("10.0.12.1/24"))
        #expect(cidr.address == IPv4Address(10, 0, 12, 1))
        #expect(cidr.prefixLength == 24)
        #expect(cidr.prefix.description == "10.0.12.0/24")
        #expect(cidr.description == "10.0.12.1/24")
    }

    @Test(arguments: [
        "10.0.12.1/33", "10.0.12.1", "10.0.12.1/", "/24", "10.0.12.1/a", "10.0.12.1/24/1", "10.0.12.1/+8",
        "10.0.12.1/-8", "10.0.12.1/100", "010.0.12.1/24", "256.0.12.1/24", "10.0.12.1 /24", "10.0.12.1/ 24",
    ])
    func rejectsInvalid(_ text: String) {
        #expect(InterfaceAddress(text) == nil)
    }

    @Test func networkAndBroadcastAddresses() {
        // A /24 has 254 hosts; .0 and .255 are the network and broadcast addresses.
        #expect(InterfaceAddress("10.0.0.0/24")?.isNetworkOrBroadcast == true)
        #expect(InterfaceAddress("10.0.0.255/24")?.isNetworkOrBroadcast == true)
        #expect(InterfaceAddress("10.0.0.1/24")?.isNetworkOrBroadcast == false)
        #expect(InterfaceAddress("10.0.0.254/24")?.isNetworkOrBroadcast == false)
        // /31 (RFC 3021) and /32 have no network or broadcast address.
        #expect(InterfaceAddress("10.0.0.0/31")?.isNetworkOrBroadcast == false)
        #expect(InterfaceAddress("10.0.0.1/31")?.isNetworkOrBroadcast == false)
        #expect(InterfaceAddress("10.0.0.0/32")?.isNetworkOrBroadcast == false)
        #expect(InterfaceAddress("10.0.0.3/30")?.isNetworkOrBroadcast == true)
    }
}
