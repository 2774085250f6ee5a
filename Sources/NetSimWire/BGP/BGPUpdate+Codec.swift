/// The body of an UPDATE (RFC 4271 §4.3): the withdrawn routes' length and prefixes, the path
/// attributes' length and attributes (`BGPPathAttributes+Codec`), then the NLRI to the end of
/// the message. Prefixes take a length octet and the fewest octets that hold it.
///
/// Errors follow RFC 7606: lengths that cannot locate the NLRI, and a prefix longer than 32 or
/// running past its field, reset the session ("Malformed Attribute List", "Invalid Network
/// Field"); attribute errors are treat-as-withdraw or attribute discard as each attribute's
/// RFC says, and the strongest of several wins. A treat-as-withdraw fault in an UPDATE that
/// announces nothing (no NLRI, no MP_REACH_NLRI) resets the session (RFC 7606 §5.2).
///
/// An UPDATE without NLRI decodes with `attributes` nil whatever attributes it carried: they
/// describe no route netsim keeps (those beside MP_REACH_NLRI / MP_UNREACH_NLRI for other
/// families, which netsim does not carry, included).
extension BGPUpdate {
    func encodeBody(into bytes: inout [UInt8], options: BGPCodecOptions) {
        let withdrawnStart = bytes.count
        bytes.appendBigEndian(UInt16(0))
        for prefix in withdrawnRoutes { prefix.encodeForBGP(into: &bytes) }
        bytes.storeBigEndian(UInt16(truncatingIfNeeded: bytes.count - withdrawnStart - 2), at: withdrawnStart)
        let attributesStart = bytes.count
        bytes.appendBigEndian(UInt16(0))
        attributes?.encode(into: &bytes, options: options)
        bytes.storeBigEndian(UInt16(truncatingIfNeeded: bytes.count - attributesStart - 2), at: attributesStart)
        for prefix in nlri { prefix.encodeForBGP(into: &bytes) }
    }

    /// The bytes of the whole UPDATE message.
    public func wireLength(options: BGPCodecOptions = BGPCodecOptions()) -> Int {
        BGPMessage.update(self).encoded(options: options).count
    }

    init(readingBody reader: inout ByteReader, options: BGPCodecOptions) throws(BGPMessageError) {
        let malformedList = BGPNotification(code: BGPNotification.updateMessageError,
                                            subcode: BGPNotification.UpdateError.malformedAttributeList)
        let invalidNetwork = BGPNotification(code: BGPNotification.updateMessageError,
                                             subcode: BGPNotification.UpdateError.invalidNetworkField)
        var (withdrawnField, attributeField, nlriField) = try readingBGP(malformedList) {
            () throws(WireDecodingError) in
            let withdrawnLength = Int(try reader.readUInt16())
            let withdrawn = try reader.split(withdrawnLength, context: "UPDATE withdrawn routes")
            let attributesLength = Int(try reader.readUInt16())
            let attributes = try reader.split(attributesLength, context: "UPDATE path attributes")
            return (withdrawn, attributes, try reader.split(reader.remaining, context: "UPDATE NLRI"))
        }
        let withdrawn = try readingBGP(invalidNetwork) { () throws(WireDecodingError) in
            try IPv4Prefix.readBGPPrefixes(&withdrawnField)
        }
        let nlri = try readingBGP(invalidNetwork) { () throws(WireDecodingError) in
            try IPv4Prefix.readBGPPrefixes(&nlriField)
        }
        var decoder = BGPPathAttributesDecoder(options: options)
        decoder.decode(&attributeField, carriesNLRI: !nlri.isEmpty)
        self.init(withdrawnRoutes: withdrawn, attributes: nlri.isEmpty ? nil : decoder.attributes, nlri: nlri)
        guard let issue = decoder.strongestIssue else { return }
        let action: BGPMessageError.Action = switch issue.severity {
        case .resetSession: .resetSession
        case .treatAsWithdraw where nlri.isEmpty && !decoder.carriesMultiprotocolReach:
            // RFC 7606 §5.2: attributes that announce nothing cannot be checked against what
            // they were meant for; any fault stronger than a discard resets the session.
            .resetSession
        case .treatAsWithdraw: .treatAsWithdraw(withdrawn + nlri)
        case .attributeDiscard: .attributeDiscard(self)
        }
        throw BGPMessageError(notification: issue.notification, action: action, detail: issue.detail)
    }
}

extension IPv4Prefix {
    /// The length octet and the octets the prefix needs (RFC 4271 §4.3).
    var bgpWireLength: Int { 1 + (Int(length) + 7) / 8 }

    func encodeForBGP(into bytes: inout [UInt8]) {
        bytes.append(length)
        for index in 0..<(Int(length) + 7) / 8 {
            bytes.append(UInt8(truncatingIfNeeded: network.value >> (24 - 8 * index)))
        }
    }

    /// Every prefix of a withdrawn routes or NLRI field. Bits past the prefix length are
    /// ignored, as RFC 4271 says of them.
    static func readBGPPrefixes(_ reader: inout ByteReader) throws(WireDecodingError) -> [IPv4Prefix] {
        var prefixes: [IPv4Prefix] = []
        while reader.remaining > 0 {
            let start = reader.offset
            let length = try reader.readUInt8()
            guard length <= 32 else {
                throw WireDecodingError(.invalid(UInt32(length)), field: "BGP prefix length", offset: start)
            }
            var value: UInt32 = 0
            let octets = (Int(length) + 7) / 8
            try reader.require(octets, for: "BGP prefix")
            for index in 0..<octets { value |= UInt32(try reader.readUInt8()) << (24 - 8 * index) }
            prefixes.append(IPv4Prefix(IPv4Address(value), length: length))
        }
        return prefixes
    }
}
