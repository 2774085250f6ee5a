import NetSimWire
import Testing

@Suite("BGP codec round trips")
struct BGPCodecRoundTripTests {
    /// Names of what a message exercises, to show that random values cover every variant.
    static func variants(of message: BGPMessage, bytes: [UInt8]) -> Set<String> {
        switch message {
        case .open(let open):
            var names: Set<String> = ["OPEN"]
            for capability in open.capabilities {
                let code = capability.code
                names.insert(PacketGenerator.modelledCapabilityCodes.contains(code) ? "capability \(code)" : "capability other")
            }
            if bytes[28] == 255 && bytes.count > 29 && bytes[29] == 255 { names.insert("extended parameters") }
            return names
        case .update(let update):
            if update.isEndOfRIB { return ["End-of-RIB"] }
            guard let attributes = update.attributes else { return ["withdraw only"] }
            var names: Set<String> = ["UPDATE"]
            let present: [(Bool, String)] = [
                (attributes.multiExitDiscriminator != nil, "MED"), (attributes.localPreference != nil, "LOCAL_PREF"),
                (attributes.atomicAggregate, "ATOMIC_AGGREGATE"), (attributes.aggregator != nil, "AGGREGATOR"),
                (!attributes.communities.isEmpty, "COMMUNITIES"), (attributes.originatorID != nil, "ORIGINATOR_ID"),
                (!attributes.clusterList.isEmpty, "CLUSTER_LIST"), (!attributes.extendedCommunities.isEmpty, "EXTENDED"),
                (!attributes.largeCommunities.isEmpty, "LARGE"), (!attributes.unrecognized.isEmpty, "unrecognized"),
                (attributes.unrecognized.contains { $0.value.count > 255 }, "long unrecognized"),
                (attributes.asPath.segments.contains { $0.numbers.count == 255 }, "full segment"),
                (attributes.asPath.segments.contains { $0.numbers.contains { $0 > 0xFFFF } }, "four-octet AS"),
            ]
            for (isPresent, name) in present where isPresent { names.insert(name) }
            for segment in attributes.asPath.segments { names.insert("segment \(segment.kind.rawValue)") }
            return names
        case .notification: return ["NOTIFICATION"]
        case .keepalive: return ["KEEPALIVE"]
        case .routeRefresh: return ["ROUTE-REFRESH"]
        }
    }

    static let expectedVariants: Set<String> = Set(
        ["OPEN", "extended parameters", "capability other", "End-of-RIB", "withdraw only", "UPDATE", "NOTIFICATION",
         "KEEPALIVE", "ROUTE-REFRESH", "MED", "LOCAL_PREF", "ATOMIC_AGGREGATE", "AGGREGATOR", "COMMUNITIES",
         "ORIGINATOR_ID", "CLUSTER_LIST", "EXTENDED", "LARGE", "unrecognized", "long unrecognized", "full segment",
         "four-octet AS"]
            + PacketGenerator.modelledCapabilityCodes.map { "capability \($0)" }
            + (1...4).map { "segment \($0)" })

    @Test(arguments: [true, false])
    func messagesRoundTrip(fourOctetAS: Bool) throws {
        var generator = PacketGenerator(seed: fourOctetAS ? 4271 : 6793)
        let options = BGPCodecOptions(fourOctetAS: fourOctetAS)
        var variants: Set<String> = []
        for _ in 0..<3000 {
            let message = generator.bgpMessage(fourOctetAS: fourOctetAS)
            let bytes = message.encoded(options: options)
            #expect(bytes.count == message.wireLength(options: options))
            #expect(bytes.count <= BGPMessage.maximumLength)
            #expect(Int(bytes[16]) << 8 | Int(bytes[17]) == bytes.count)
            #expect(try BGPMessage(decoding: bytes, options: options) == message)
            if case .update(let update) = message, update.attributes != nil {
                BGPCodecRoundTripTests.checkAttributeLayout(bytes)
            }
            variants.formUnion(BGPCodecRoundTripTests.variants(of: message, bytes: bytes))
        }
        #expect(variants == BGPCodecRoundTripTests.expectedVariants)
    }

    /// Attributes in ascending type order, each with the flags its type must carry, the
    /// extended length exactly where a value needs it and on AS_PATH and AS4_PATH.
    static func checkAttributeLayout(_ bytes: [UInt8]) {
        let attributes = BGPTestBytes.attributes(in: bytes)
        #expect(attributes.map(\.type) == attributes.map(\.type).sorted())
        for attribute in attributes {
            let expected: UInt8 = switch attribute.type {
            case 1, 2, 3, 5, 6: 0x40
            case 4, 9, 10: 0x80
            case 7, 8, 16, 17, 18, 32: 0xC0
            default: 0xC0 | attribute.flags & 0x20
            }
            #expect(attribute.flags & 0xE0 == expected, "type \(attribute.type) flags \(attribute.flags)")
            let extended = attribute.value.count > 255 || attribute.type == 2 || attribute.type == 17
            #expect((attribute.flags & 0x10 != 0) == extended, "type \(attribute.type) length \(attribute.value.count)")
            #expect(attribute.flags & 0x0F == 0)
        }
    }

    /// Two-octet sessions put AS_TRANS in AS_PATH and AGGREGATOR only where a number needs four
    /// octets, and send AS4_PATH / AS4_AGGREGATOR only then (RFC 6793 §4.2.2).
    @Test func twoOctetEncodingUsesASTransOnlyWhereNeeded() throws {
        var generator = PacketGenerator(seed: 23456)
        let options = BGPCodecOptions(fourOctetAS: false)
        for _ in 0..<500 {
            let attributes = generator.bgpAttributes(fourOctetAS: false)
            let update = BGPUpdate(attributes: attributes, nlri: [IPv4Prefix("10.0.0.0/8")!])
            let bytes = BGPMessage.update(update).encoded(options: options)
            let needsAS4Path = attributes.asPath.segments.contains { $0.numbers.contains { $0 > 0xFFFF } }
            let needsAS4Aggregator = (attributes.aggregator?.autonomousSystem ?? 0) > 0xFFFF
            #expect(BGPTestBytes.attributeTypes(in: bytes).contains(17) == needsAS4Path)
            #expect(BGPTestBytes.attributeTypes(in: bytes).contains(18) == needsAS4Aggregator)
        }
    }
}

/// Reads the raw attribute list of an encoded UPDATE, for tests that look at the bytes.
enum BGPTestBytes {
    /// (flags, type, value) of each attribute, in wire order.
    static func attributes(in message: [UInt8]) -> [(flags: UInt8, type: UInt8, value: [UInt8])] {
        let withdrawnLength = Int(message[19]) << 8 | Int(message[20])
        var index = 21 + withdrawnLength
        let end = index + 2 + (Int(message[index]) << 8 | Int(message[index + 1]))
        index += 2
        var found: [(UInt8, UInt8, [UInt8])] = []
        while index < end {
            let flags = message[index], type = message[index + 1]
            let extended = flags & 0x10 != 0
            let length = extended ? Int(message[index + 2]) << 8 | Int(message[index + 3]) : Int(message[index + 2])
            let start = index + (extended ? 4 : 3)
            found.append((flags, type, Array(message[start..<start + length])))
            index = start + length
        }
        return found
    }

    static func attributeTypes(in message: [UInt8]) -> [UInt8] { attributes(in: message).map(\.type) }

    /// An UPDATE laid out from its parts, lengths filled in.
    static func update(withdrawn: [UInt8] = [], attributes: [UInt8], nlri: [UInt8] = [0x08, 0x0A]) -> [UInt8] {
        let length = 23 + withdrawn.count + attributes.count + nlri.count
        return [UInt8](repeating: 0xFF, count: 16) + [UInt8(length >> 8), UInt8(length & 0xFF), 2]
            + [UInt8(withdrawn.count >> 8), UInt8(withdrawn.count & 0xFF)] + withdrawn
            + [UInt8(attributes.count >> 8), UInt8(attributes.count & 0xFF)] + attributes + nlri
    }

    /// ORIGIN IGP, AS_PATH 65002, NEXT_HOP 10.0.12.2: the mandatory attributes, well formed.
    static let mandatory: [UInt8] = hexBytes("40 01 01 00", "40 02 06 02 01 0000fdea", "40 03 04 0a000c02")
}
