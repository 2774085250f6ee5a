import NetSimWire
import Testing

@Suite("Ethernet and ARP codec")
struct EthernetCodecTests {
    static let router = MACAddress.local(device: 1, port: 0)
    static let host = MACAddress.local(device: 2, port: 0)

    static let arpRequest = EthernetFrame(
        destination: .broadcast, source: router,
        payload: .arp(ARPPacket(operation: .request, senderMAC: router, senderIP: IPv4Address(10, 0, 12, 1),
                                targetMAC: .zero, targetIP: IPv4Address(10, 0, 12, 2))))

    /// 14-byte header, the 28-byte RFC 826 packet, then 18 zero bytes of padding to 60.
    static let arpRequestBytes = hexBytes(
        "ffff ffff ffff 0200 0000 0100 0806",  // broadcast, source, EtherType ARP
        "0001 0800 0604 0001",  // Ethernet, IPv4, lengths 6 and 4, request
        "0200 0000 0100 0a00 0c01",  // sender MAC and IP
        "0000 0000 0000 0a00 0c02",  // target MAC and IP
        "0000 0000 0000 0000 0000 0000 0000 0000 0000")

    @Test func arpRequestBytesAreHandComputed() throws {
        let frame = EthernetCodecTests.arpRequest
        #expect(frame.encoded() == EthernetCodecTests.arpRequestBytes)
        #expect(frame.encoded().count == frame.wireLength)
        #expect(try EthernetFrame(decoding: EthernetCodecTests.arpRequestBytes) == frame)
        guard case .arp(let arp) = frame.payload else { return }
        #expect(arp.encoded() == Array(EthernetCodecTests.arpRequestBytes[14..<42]))
        #expect(try ARPPacket(decoding: arp.encoded()) == arp)
    }

    /// An echo request on VLAN 100: the tag (8100 0064) sits between the source and the
    /// EtherType; 8 data bytes 00..07; checksums computed by hand.
    static let taggedEchoBytes = hexBytes(
        "0200 0000 0200 0200 0000 0100 8100 0064 0800",
        "4500 0024 1234 4000 4001 fca2 0a00 0c01 0a00 0c02",  // DF, TTL 64, ICMP, checksum fca2
        "0800 a9ac 4242 0001 0001 0203 0405 0607",  // echo request id 4242 seq 1, checksum a9ac
        "0000 0000 0000")  // padding to 60

    @Test func taggedEchoRequestBytesAreHandComputed() throws {
        let frame = EthernetFrame(
            destination: EthernetCodecTests.host, source: EthernetCodecTests.router, vlan: 100,
            payload: .ipv4(IPv4Packet(source: IPv4Address(10, 0, 12, 1), destination: IPv4Address(10, 0, 12, 2),
                                      ttl: 64, identification: 0x1234, dontFragment: true,
                                      payload: .icmp(.echoRequest(.init(identifier: 0x4242, sequence: 1,
                                                                        dataLength: 8))))))
        #expect(frame.encoded() == EthernetCodecTests.taggedEchoBytes)
        #expect(try EthernetFrame(decoding: EthernetCodecTests.taggedEchoBytes) == frame)
    }

    /// Frames may arrive unpadded (captured on the sender) or padded with any bytes up to 60.
    @Test func paddingIsOptionalAndItsContentsIgnored() throws {
        let unpadded = Array(EthernetCodecTests.arpRequestBytes.prefix(42))
        #expect(try EthernetFrame(decoding: unpadded) == EthernetCodecTests.arpRequest)
        var garbage = EthernetCodecTests.arpRequestBytes
        for index in 42..<60 { garbage[index] = 0xA5 }
        #expect(try EthernetFrame(decoding: garbage) == EthernetCodecTests.arpRequest)
    }

    @Test func bytesBeyondTheMinimumFrameAreRejected() {
        let error = decodingError { _ = try EthernetFrame(decoding: EthernetCodecTests.arpRequestBytes + [0, 0]) }
        #expect(error == WireDecodingError(.trailingBytes(count: 2), field: "Ethernet payload", offset: 60))
        #expect(error?.description == "2 unexpected bytes after the Ethernet payload at offset 60")
    }

    @Test func unknownEtherTypeIsRejectedWhereItStands() {
        var bytes = EthernetCodecTests.arpRequestBytes
        bytes[12] = 0x86
        bytes[13] = 0xDD
        let error = decodingError { _ = try EthernetFrame(decoding: bytes) }
        #expect(error == WireDecodingError(.unsupported(0x86DD), field: "EtherType", offset: 12))
        #expect(error?.description == "unsupported EtherType 0x86dd at offset 12")
        var tagged = EthernetCodecTests.taggedEchoBytes
        tagged[16] = 0x81  // a second tag (QinQ) is not modelled
        tagged[17] = 0x00
        #expect(decodingError { _ = try EthernetFrame(decoding: tagged) }
            == WireDecodingError(.unsupported(0x8100), field: "EtherType", offset: 16))
    }

    @Test func vlanPriorityBitsAreNotModelled() {
        var bytes = EthernetCodecTests.taggedEchoBytes
        bytes[14] = 0xA0  // PCP 5
        #expect(decodingError { _ = try EthernetFrame(decoding: bytes) }
            == WireDecodingError(.unsupported(0xA064), field: "802.1Q priority or DEI", offset: 14))
    }

    @Test(arguments: [
        (14, UInt8(0x01), WireDecodingError(.unsupported(0x0101), field: "ARP hardware type", offset: 14)),
        (16, UInt8(0x86), WireDecodingError(.unsupported(0x8600), field: "ARP protocol type", offset: 16)),
        (18, UInt8(0x08), WireDecodingError(.badLength(0x0804), field: "ARP address lengths", offset: 18)),
        (21, UInt8(0x03), WireDecodingError(.unsupported(3), field: "ARP operation", offset: 20)),
    ])
    func arpFieldsAreChecked(index: Int, value: UInt8, expected: WireDecodingError) {
        var bytes = EthernetCodecTests.arpRequestBytes
        bytes[index] = value
        #expect(decodingError { _ = try EthernetFrame(decoding: bytes) } == expected)
    }
}
