import NetSimWire

/// Random packet values that the codec must carry unchanged: every variant of every packet,
/// with field values kept to what the wire can hold (24-bit metrics, 12-bit VLAN ids, total
/// lengths under 65536).
struct PacketGenerator {
    var random: WireTestRandom

    init(seed: UInt64) { random = WireTestRandom(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func bool() -> Bool { Bool.random(using: &random) }
    mutating func uint8() -> UInt8 { UInt8.random(in: 0...UInt8.max, using: &random) }
    mutating func uint16() -> UInt16 { UInt16.random(in: 0...UInt16.max, using: &random) }
    mutating func uint32() -> UInt32 { UInt32.random(in: 0...UInt32.max, using: &random) }
    mutating func address() -> IPv4Address { IPv4Address(uint32()) }
    mutating func mac() -> MACAddress { MACAddress(UInt64.random(in: 0...0xFFFF_FFFF_FFFF, using: &random)) }
    mutating func list<T>(_ counts: ClosedRange<Int>, _ make: (inout PacketGenerator) -> T) -> [T] {
        (0..<int(counts)).map { _ in make(&self) }
    }

    mutating func frame() -> EthernetFrame {
        EthernetFrame(destination: mac(), source: mac(), vlan: bool() ? nil : UInt16(int(0...4095)),
                      payload: payload())
    }

    mutating func payload() -> EthernetPayload {
        switch int(0...4) {
        case 0: .arp(arp())
        case 1: .isis(isisPDU())
        default: .ipv4(ipv4())
        }
    }

    mutating func arp() -> ARPPacket {
        ARPPacket(operation: bool() ? .request : .reply, senderMAC: mac(), senderIP: address(), targetMAC: mac(),
                  targetIP: address())
    }

    mutating func ipv4(depth: Int = 0) -> IPv4Packet {
        let payload: IPv4Payload = switch int(0...3) {
        case 0: .icmp(icmp(depth: depth))
        case 1: .udp(udp())
        case 2: .tcp(tcp())
        default: .ospf(ospf())
        }
        return IPv4Packet(source: address(), destination: address(), ttl: uint8(), identification: uint16(),
                          dontFragment: bool(), tos: uint8(), payload: payload)
    }

    mutating func udp() -> UDPDatagram {
        UDPDatagram(sourcePort: uint16(), destinationPort: uint16(), dataLength: int(0...120))
    }

    /// Options as TCP senders lay them out, in any order, within the 40 bytes the header allows.
    mutating func tcp() -> TCPSegment {
        var options: [TCPOption] = []
        var room = 40
        for _ in 0..<int(0...4) {
            let option: TCPOption = switch int(0...4) {
            case 0: .noOperation
            case 1: .maximumSegmentSize(uint16())
            case 2: .md5Signature(list(16...16) { $0.uint8() })
            case 3: .other(kind: [3, 4, 8, 30, 34][int(0...4)], data: list(0...8) { $0.uint8() })
            default: .other(kind: UInt8(int(3...255)), data: list(0...4) { $0.uint8() })
            }
            guard option.wireLength <= room, option.kind != 19 || option.wireLength == 18 else { continue }
            room -= option.wireLength
            options.append(option)
        }
        return TCPSegment(sourcePort: uint16(), destinationPort: uint16(), sequenceNumber: uint32(),
                          acknowledgmentNumber: uint32(), flags: TCPFlags(rawValue: uint8()), window: uint16(),
                          urgentPointer: uint16(), options: options, payload: list(0...120) { $0.uint8() })
    }

    static let unreachableCodes: [ICMPMessage.UnreachableCode] = [
        .network, .host, .protocol, .port, .fragmentationNeeded, .administrativelyProhibited,
    ]

    mutating func icmp(depth: Int = 0) -> ICMPMessage {
        switch int(0...3) {
        case 0: .echoRequest(echo())
        case 1: .echoReply(echo())
        case 2: .destinationUnreachable(code: PacketGenerator.unreachableCodes[int(0...5)], quoted: quoted(depth: depth))
        default: .timeExceeded(quoted: quoted(depth: depth))
        }
    }

    mutating func echo() -> ICMPMessage.Echo {
        ICMPMessage.Echo(identifier: uint16(), sequence: uint16(), dataLength: int(0...120))
    }

    /// Half quote a whole random packet as the engine does, half are built field by field.
    mutating func quoted(depth: Int) -> QuotedDatagram {
        if depth < 2 && bool() { return QuotedDatagram(quoting: ipv4(depth: depth + 1)) }
        let leading: QuotedDatagram.LeadingPayload, protocolNumber: UInt8
        switch int(0...4) {
        case 4:
            protocolNumber = 6
            leading = .tcp(sourcePort: uint16(), destinationPort: uint16(), sequence: uint32())
        case 0:
            protocolNumber = 1
            leading = .echo(type: bool() ? 0 : 8, identifier: uint16(), sequence: uint16())
        case 1:
            protocolNumber = 17
            leading = .udp(sourcePort: uint16(), destinationPort: uint16(), length: uint16())
        case 2:
            // ICMP that is not an echo: a first byte other than 0 and 8.
            protocolNumber = 1
            leading = .other([[3, 11, 13, 5][int(0...3)]] + list(7...7) { $0.uint8() })
        default:
            protocolNumber = [89, 47, 50, 132][int(0...3)]
            leading = .other(list(8...8) { $0.uint8() })
        }
        return QuotedDatagram(source: address(), destination: address(), ttl: uint8(), identification: uint16(),
                              protocolNumber: protocolNumber, totalLength: uint16(), tos: uint8(),
                              dontFragment: bool(), leadingPayload: leading)
    }

    mutating func ospf() -> OSPFPacket {
        OSPFPacket(routerID: address(), areaID: address(), body: ospfBody())
    }

    mutating func ospfBody() -> OSPFPacketBody {
        switch int(0...4) {
        case 0:
            .hello(OSPFHello(networkMask: address(), helloInterval: uint16(), options: uint8(), priority: uint8(),
                             deadInterval: uint32(), designatedRouter: address(),
                             backupDesignatedRouter: address(), neighbors: list(0...5) { $0.address() }))
        case 1:
            .databaseDescription(OSPFDatabaseDescription(
                interfaceMTU: uint16(), options: uint8(), isInit: bool(), hasMore: bool(), isMaster: bool(),
                sequence: uint32(), headers: list(0...5) { $0.lsaHeader() }))
        case 2: .linkStateRequest(list(0...5) { $0.lsaKey() })
        case 3: .linkStateUpdate(list(0...4) { $0.lsa() })
        default: .linkStateAck(list(0...5) { $0.lsaHeader() })
        }
    }

    mutating func lsaKey() -> LSAKey {
        LSAKey(type: LSAType.allCases[int(0...4)], linkStateID: address(), advertisingRouter: address())
    }

    /// A header as DD and LSAck packets carry it: any values, a length of at least 20.
    mutating func lsaHeader() -> LSAHeader {
        LSAHeader(age: uint16(), options: uint8(), key: lsaKey(), sequence: Int32(bitPattern: uint32()),
                  checksum: uint16(), length: UInt16(int(20...0xFFFF)))
    }

    mutating func lsa() -> LSA {
        let key = lsaKey()
        let body: LSABody = switch key.type {
        case .router:
            .router(RouterLSABody(isVirtualLinkEndpoint: bool(), isASBoundaryRouter: bool(),
                                  isAreaBorderRouter: bool(), links: list(0...4) { $0.routerLink() }))
        case .network: .network(NetworkLSABody(networkMask: address(), attachedRouters: list(0...5) { $0.address() }))
        case .summaryNetwork, .summaryASBR:
            .summary(SummaryLSABody(networkMask: address(), metric: UInt32(int(0...0xFF_FFFF))))
        case .asExternal:
            .external(ExternalLSABody(networkMask: address(), isType2: bool(), metric: UInt32(int(0...0xFF_FFFF)),
                                      forwardingAddress: address(), routeTag: uint32()))
        }
        return LSA.make(age: UInt16(int(0...3600)), options: uint8(), key: key,
                        sequence: Int32(bitPattern: uint32()), body: body)
    }

    mutating func routerLink() -> RouterLink {
        let kinds: [RouterLink.Kind] = [.pointToPoint, .transit, .stub, .virtual]
        return RouterLink(kind: kinds[int(0...3)], linkID: address(), linkData: address(), metric: uint16())
    }
}
