import Testing
import NetSimWire

@Suite("MACAddress")
struct MACAddressTests {
    @Test func parsesAndDescribesLowercase() throws {
        let mac = try #require(MACAddress("AA:bb:0C:dd:ee:0F"))
        #expect(mac.value == 0xAABB_0CDD_EE0F)
        #expect(mac.description == "aa:bb:0c:dd:ee:0f")
        #expect(mac.bytes == [0xAA, 0xBB, 0x0C, 0xDD, 0xEE, 0x0F])
        #expect(MACAddress(0).description == "00:00:00:00:00:00")
    }

    @Test(arguments: [
        "aa:bb:cc:dd:ee", "aa:bb:cc:dd:ee:ff:00", "a:bb:cc:dd:ee:ff", "aaa:bb:cc:dd:ee:f", "gg:bb:cc:dd:ee:ff",
        "aa-bb-cc-dd-ee-ff", "aabb.ccdd.eeff", "", "aa:bb:cc:dd:ee:", "::::::",
    ])
    func rejectsInvalid(_ text: String) {
        #expect(MACAddress(text) == nil)
    }

    /// Each group must be exactly two hex digits; Swift's `UInt8(_:radix:)` alone would accept
    /// a sign, reading "+a" as 0x0a.
    @Test(arguments: ["+a:bb:cc:dd:ee:ff", "-0:00:00:00:00:01"])
    func rejectsSignedGroups(_ text: String) {
        #expect(MACAddress(text) == nil)
    }

    @Test func valueIsMaskedTo48Bits() {
        #expect(MACAddress(0xFFFF_0000_0000_0001).value == 1)
        #expect(MACAddress(0xFFFF_FFFF_FFFF_FFFF) == .broadcast)
    }

    @Test func localAddressesAreDerivedFromDeviceAndPort() {
        #expect(MACAddress.local(device: 1, port: 0).description == "02:00:00:00:01:00")
        #expect(MACAddress.local(device: 3, port: 2).description == "02:00:00:00:03:02")
        // Device 0x123456 in octets 3-5, port 0x1ff: low byte in the last octet, high byte in the second.
        #expect(MACAddress.local(device: 0x12_3456, port: 0x1FF).description == "02:01:12:34:56:ff")
        #expect(!MACAddress.local(device: 7, port: 0).isGroup)
    }

    @Test func groupAndBroadcast() {
        #expect(MACAddress.broadcast.isBroadcast)
        #expect(MACAddress.broadcast.isGroup)
        #expect(MACAddress("01:00:5e:00:00:01")?.isGroup == true)
        #expect(MACAddress("01:00:5e:00:00:01")?.isBroadcast == false)
        #expect(MACAddress("02:00:00:00:00:01")?.isGroup == false)
        #expect(MACAddress("fe:ff:ff:ff:ff:ff")?.isGroup == false)
    }

    @Test func ordersByValue() {
        let sorted = ["02:00:00:00:10:00", "02:00:00:00:02:00", "00:ff:ff:ff:ff:ff"].compactMap { MACAddress($0) }
            .sorted().map(\.description)
        #expect(sorted == ["00:ff:ff:ff:ff:ff", "02:00:00:00:02:00", "02:00:00:00:10:00"])
    }
}
