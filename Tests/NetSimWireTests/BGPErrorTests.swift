import NetSimWire
import Testing

/// Each fault the codec finds, with the NOTIFICATION RFC 4271 §6 names for it and the action
/// RFC 7606 (or RFC 6793 for the AS4 attributes) gives it.
@Suite("BGP decoding errors")
struct BGPErrorTests {
    static func error(_ bytes: [UInt8], options: BGPCodecOptions = BGPCodecOptions()) -> BGPMessageError? {
        do throws(BGPMessageError) {
            _ = try BGPMessage(decoding: bytes, options: options)
            return nil
        } catch {
            return error
        }
    }

    static let marker = [UInt8](repeating: 0xFF, count: 16)
    /// The prefixes of `BGPTestBytes.update`'s default NLRI, 10.0.0.0/8.
    static let nlri = [IPv4Prefix("10.0.0.0/8")!]

    func update(_ subcode: UInt8, _ data: [UInt8] = []) -> BGPNotification {
        BGPNotification(code: 3, subcode: subcode, data: data)
    }

    @Test func headerErrors() {
        var badMarker = BGPMessage.keepalive.encoded()
        badMarker[7] = 0xFE
        let cases: [([UInt8], BGPNotification)] = [
            (badMarker, BGPNotification(code: 1, subcode: 1)),
            (BGPErrorTests.marker + [0x00, 0x12, 0x04], BGPNotification(code: 1, subcode: 2, data: [0x00, 0x12])),
            (BGPErrorTests.marker + [0x10, 0x01, 0x02] + [UInt8](repeating: 0, count: 4078),
             BGPNotification(code: 1, subcode: 2, data: [0x10, 0x01])),
            (BGPErrorTests.marker + [0x00, 0x13, 0x06], BGPNotification(code: 1, subcode: 3, data: [6])),
            (BGPErrorTests.marker + [0x00, 0x14, 0x04, 0x00], BGPNotification(code: 1, subcode: 2, data: [0x00, 0x14])),
            (BGPErrorTests.marker + [0x00, 0x1C, 0x01] + [UInt8](repeating: 0, count: 9),
             BGPNotification(code: 1, subcode: 2, data: [0x00, 0x1C])),
            (BGPErrorTests.marker + [0x00, 0x14, 0x03, 0x06], BGPNotification(code: 1, subcode: 2, data: [0x00, 0x14])),
        ]
        for (bytes, notification) in cases {
            let error = BGPErrorTests.error(bytes)
            #expect(error?.notification == notification)
            #expect(error?.action == .resetSession)
        }
    }

    @Test func openErrors() {
        let good = BGPMessage.open(BGPCodecTests.open).encoded()
        func changed(_ index: Int, _ value: UInt8) -> [UInt8] {
            var bytes = good
            bytes[index] = value
            return bytes
        }
        let open: (UInt8, [UInt8]) -> BGPNotification = { BGPNotification(code: 2, subcode: $0, data: $1) }
        var zeroAS = good
        zeroAS[20] = 0
        zeroAS[21] = 0
        var trailing = good + [0]
        trailing[17] += 1
        var zeroIdentifier = good
        for index in 24..<28 { zeroIdentifier[index] = 0 }
        var zeroFourOctetAS = good
        for index in 41..<45 { zeroFourOctetAS[index] = 0 }
        let cases: [([UInt8], BGPNotification)] = [
            (changed(19, 3), open(1, [0, 4])),  // version 3
            (zeroAS, open(2, [])),  // RFC 7607
            (zeroFourOctetAS, open(2, [])),
            (zeroIdentifier, open(3, [])),
            (changed(29, 1), open(4, [])),  // parameter type 1 (authentication)
            (changed(28, 0x19), open(0, [])),  // parameters longer than the message
            (changed(28, 0x17), open(0, [])),  // a parameter longer than the parameters
            (trailing, open(0, [])),  // a byte after the parameters
            (changed(32, 3), open(0, [])),  // multiprotocol capability of 3 bytes
            (changed(30, 0x17), open(0, [])),  // capabilities past their parameter
        ]
        for (bytes, notification) in cases {
            let error = BGPErrorTests.error(bytes)
            #expect(error?.notification == notification, "\(String(describing: error))")
            #expect(error?.action == .resetSession)
        }
    }

    /// Capabilities netsim does not model are kept; the OPEN re-encodes to the same bytes.
    @Test func unknownCapabilitiesAreKept() throws {
        let bytes = BGPErrorTests.marker + hexBytes("0025 01 04 fde9 00b4 01010101 08", "02 06 80 00 49 02 0100")
        let message = try BGPMessage(decoding: bytes)
        #expect(message == .open(BGPOpen(myAutonomousSystem: 65001, holdTime: 180, identifier: IPv4Address("1.1.1.1")!,
                                         optionalParameters: [.capabilities([.other(code: 128, value: []),
                                                                             .other(code: 73, value: [1, 0])])])))
        #expect(message.encoded() == bytes)
    }

    /// RFC 9072: 255/255, then two-octet lengths.
    @Test func extendedOptionalParameters() throws {
        let open = BGPOpen(myAutonomousSystem: 65001, holdTime: 90, identifier: IPv4Address("1.1.1.1")!,
                           optionalParameters: (0..<70).map { _ in .capabilities([.routeRefresh, .enhancedRouteRefresh]) })
        let bytes = BGPMessage.open(open).encoded()
        #expect(Array(bytes[28..<33]) == [0xFF, 0xFF, 0x01, 0xEA, 0x02])  // 70 * (3 + 4) = 490
        #expect(Array(bytes[33..<35]) == [0x00, 0x04])
        #expect(try BGPMessage(decoding: bytes) == .open(open))
    }

    func expectUpdateError(_ attributes: [UInt8], _ notification: BGPNotification, _ action: BGPMessageError.Action,
                           options: BGPCodecOptions = BGPCodecOptions(), withdrawn: [UInt8] = [], nlri: [UInt8] = [0x08, 0x0A],
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let error = BGPErrorTests.error(BGPTestBytes.update(withdrawn: withdrawn, attributes: attributes, nlri: nlri),
                                        options: options)
        #expect(error?.notification == notification, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.action == action, "\(String(describing: error))", sourceLocation: sourceLocation)
    }

    @Test func treatAsWithdrawErrors() {
        let base = BGPTestBytes.mandatory
        let withdraw = BGPMessageError.Action.treatAsWithdraw(BGPErrorTests.nlri)
        let origin = hexBytes("40 01 01 00"), path = hexBytes("40 02 06 02 01 0000fdea"), hop = hexBytes("40 03 04 0a000c02")
        // Flags: ORIGIN marked optional, MED marked transitive, partial on a well-known attribute.
        expectUpdateError(hexBytes("c0 01 01 00") + path + hop, update(4, hexBytes("c0 01 01 00")), withdraw)
        expectUpdateError(base + hexBytes("c0 04 04 00000001"), update(4, hexBytes("c0 04 04 00000001")), withdraw)
        expectUpdateError(hexBytes("60 01 01 00") + path + hop, update(4, hexBytes("60 01 01 00")), withdraw)
        // Values and lengths.
        expectUpdateError(hexBytes("40 01 01 03") + path + hop, update(6, hexBytes("40 01 01 03")), withdraw)
        expectUpdateError(hexBytes("40 01 02 0000") + path + hop, update(5, hexBytes("40 01 02 0000")), withdraw)
        expectUpdateError(origin + hexBytes("40 02 06 05 01 0000fdea") + hop, update(11), withdraw)
        expectUpdateError(origin + hexBytes("40 02 06 02 00 0000fdea") + hop, update(11), withdraw)
        expectUpdateError(origin + hexBytes("40 02 06 02 02 0000fdea") + hop, update(11), withdraw)
        expectUpdateError(origin + path + hexBytes("40 03 04 7f000001"), update(8, hexBytes("40 03 04 7f000001")), withdraw)
        expectUpdateError(origin + path + hexBytes("40 03 04 e0000005"), update(8, hexBytes("40 03 04 e0000005")), withdraw)
        expectUpdateError(origin + path + hexBytes("40 03 03 0a000c"), update(5, hexBytes("40 03 03 0a000c")), withdraw)
        expectUpdateError(base + hexBytes("80 04 03 000001"), update(5, hexBytes("80 04 03 000001")), withdraw)
        expectUpdateError(base + hexBytes("40 05 05 0000000001"), update(5, hexBytes("40 05 05 0000000001")), withdraw)
        expectUpdateError(base + hexBytes("c0 08 03 000001"), update(9, hexBytes("c0 08 03 000001")), withdraw)
        expectUpdateError(base + hexBytes("c0 08 00"), update(9, hexBytes("c0 08 00")), withdraw)
        expectUpdateError(base + hexBytes("80 09 02 0101"), update(5, hexBytes("80 09 02 0101")), withdraw)
        expectUpdateError(base + hexBytes("80 0a 05 0101010101"), update(9, hexBytes("80 0a 05 0101010101")), withdraw)
        expectUpdateError(base + hexBytes("c0 10 04 00020001"), update(9, hexBytes("c0 10 04 00020001")), withdraw)
        expectUpdateError(base + hexBytes("c0 20 08 0000000100000002"), update(9, hexBytes("c0 20 08 0000000100000002")),
                          withdraw)
        // Missing well-known attributes name the first one missing.
        expectUpdateError(path + hop, update(3, [1]), withdraw)
        expectUpdateError(origin + hop, update(3, [2]), withdraw)
        expectUpdateError(origin + path, update(3, [3]), withdraw)
        // The attribute field's structure (RFC 7606 §4): a length past the field, a header cut short.
        expectUpdateError(base + hexBytes("c0 08 08 00000001"), update(1), withdraw)
        expectUpdateError(base + hexBytes("c0"), update(1), withdraw)
        expectUpdateError(base + hexBytes("d0 08 00"), update(1), withdraw)
        // Withdrawn routes are withdrawn too.
        expectUpdateError(path + hop, update(3, [1]),
                          .treatAsWithdraw([IPv4Prefix("192.0.2.0/24")!, IPv4Prefix("10.0.0.0/8")!]),
                          withdrawn: hexBytes("18 c00002"))
    }

    @Test func attributeDiscardErrors() throws {
        let base = BGPTestBytes.mandatory
        let kept = BGPUpdate(attributes: BGPPathAttributes(asPath: BGPASPath(sequence: [65002]),
                                                           nextHop: IPv4Address("10.0.12.2")!),
                             nlri: BGPErrorTests.nlri)
        expectUpdateError(base + hexBytes("40 06 01 00"), update(5, hexBytes("40 06 01 00")), .attributeDiscard(kept))
        expectUpdateError(base + hexBytes("c0 07 06 fde9 01010101"), update(5, hexBytes("c0 07 06 fde9 01010101")),
                          .attributeDiscard(kept))
        expectUpdateError(base + hexBytes("80 07 08 0000fde9 01010101"), update(4, hexBytes("80 07 08 0000fde9 01010101")),
                          .attributeDiscard(kept))
        // A repeated attribute: the first copy stays.
        var withMED = kept
        withMED.attributes?.multiExitDiscriminator = 1
        expectUpdateError(base + hexBytes("80 04 04 00000001", "80 04 04 00000002"), update(1), .attributeDiscard(withMED))
        // Two-octet sessions: a malformed AS4_PATH or AS4_AGGREGATOR is dropped.
        let twoOctet = BGPCodecOptions(fourOctetAS: false)
        let twoOctetBase = hexBytes("40 01 01 00", "40 02 04 02 01 fdea", "40 03 04 0a000c02")
        expectUpdateError(twoOctetBase + hexBytes("c0 11 06 03 01 0000fdea"), update(9, hexBytes("c0 11 06 03 01 0000fdea")),
                          .attributeDiscard(kept), options: twoOctet)
        expectUpdateError(twoOctetBase + hexBytes("c0 12 06 fde9 01010101"), update(5, hexBytes("c0 12 06 fde9 01010101")),
                          .attributeDiscard(kept), options: twoOctet)
    }

    @Test func sessionResetErrors() {
        let base = BGPTestBytes.mandatory
        // An unrecognized well-known attribute, a repeated MP_REACH_NLRI.
        expectUpdateError(base + hexBytes("40 63 01 00"), update(2, hexBytes("40 63 01 00")), .resetSession)
        expectUpdateError(base + hexBytes("80 0e 00 80 0e 00"), update(1), .resetSession)
        // Prefixes: longer than 32, cut short, in withdrawn routes or NLRI.
        expectUpdateError(base, update(10), .resetSession, nlri: [33, 1, 2, 3, 4, 5])
        expectUpdateError(base, update(10), .resetSession, nlri: [24, 10, 0])
        expectUpdateError(base, update(10), .resetSession, withdrawn: [17, 10])
        // Lengths that cannot locate the NLRI.
        var bytes = BGPTestBytes.update(attributes: base)
        bytes[20] = 0xFF
        #expect(BGPErrorTests.error(bytes)?.notification == update(1))
        bytes = BGPTestBytes.update(attributes: base)
        bytes[22] = 0xFF
        #expect(BGPErrorTests.error(bytes)?.notification == update(1))
        // Treat-as-withdraw with nothing to withdraw resets (RFC 7606 §5.2).
        expectUpdateError(hexBytes("40 01 01 07"), update(6, hexBytes("40 01 01 07")), .resetSession, nlri: [])
        expectUpdateError(hexBytes("40 01 01 07"), update(6, hexBytes("40 01 01 07")), .resetSession,
                          withdrawn: hexBytes("18 c00002"), nlri: [])
        expectUpdateError(hexBytes("80 0f 03 000201", "40 01 01 07"), update(6, hexBytes("40 01 01 07")), .resetSession,
                          nlri: [])
        // An MP_REACH_NLRI announces something: treat-as-withdraw stands, with nothing of IPv4 to withdraw.
        expectUpdateError(hexBytes("80 0e 03 000201", "40 01 01 07"), update(6, hexBytes("40 01 01 07")),
                          .treatAsWithdraw([]), nlri: [])
        // Attribute discard stays a discard.
        expectUpdateError(hexBytes("40 06 01 00"), update(5, hexBytes("40 06 01 00")), .attributeDiscard(BGPUpdate()),
                          nlri: [])
        // The strongest of several faults decides: reset over withdraw over discard.
        expectUpdateError(base + hexBytes("40 06 01 00", "c0 08 00", "40 63 00"), update(2, hexBytes("40 63 00")),
                          .resetSession)
        expectUpdateError(base + hexBytes("40 06 01 00", "c0 08 00"), update(9, hexBytes("c0 08 00")),
                          .treatAsWithdraw(BGPErrorTests.nlri))
    }

    @Test func quietlyIgnoredAttributes() throws {
        let base = BGPTestBytes.mandatory
        let plain = BGPMessage.update(BGPUpdate(
            attributes: BGPPathAttributes(asPath: BGPASPath(sequence: [65002]), nextHop: IPv4Address("10.0.12.2")!),
            nlri: BGPErrorTests.nlri))
        // Unknown optional non-transitive; MP_REACH_NLRI of another family; AS4 attributes on a four-octet session.
        for extra in [hexBytes("80 63 02 0102"), hexBytes("90 0e 0005 0002 01 00 00"),
                      hexBytes("c0 11 06 02 01 00010001"), hexBytes("c0 12 08 00010001 01010101")] {
            #expect(try BGPMessage(decoding: BGPTestBytes.update(attributes: base + extra)) == plain)
        }
        // Extended length on any attribute is read.
        #expect(try BGPMessage(decoding: BGPTestBytes.update(attributes: hexBytes("50 01 0001 00") + Array(base.dropFirst(4))))
            == plain)
    }

    @Test func routeRefreshLength() {
        let bytes = BGPErrorTests.marker + hexBytes("0018 05 0001 00 01 00")
        let error = BGPErrorTests.error(bytes)
        #expect(error?.notification == BGPNotification(code: 7, subcode: 1, data: bytes))
    }
}
