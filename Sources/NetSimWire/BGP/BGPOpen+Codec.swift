/// The body of an OPEN (RFC 4271 §4.2): version, the two-octet AS, hold time, BGP identifier and
/// the optional parameters, each a type, a length and a value; capabilities (type 2, RFC 5492)
/// are codes, lengths and values inside. Parameters longer than 255 bytes in all use the
/// extended layout of RFC 9072 (a 255/255 marker and two-octet lengths), which is also read.
///
/// Checked here: version 4 (else "Unsupported Version Number" with data 4), a nonzero AS in the
/// field and in the four-octet capability (RFC 7607, "Bad Peer AS"), a nonzero identifier (RFC
/// 6286, "Bad BGP Identifier"), parameter types (only capabilities: else "Unsupported Optional
/// Parameter"), and the lengths of parameters and of the capabilities netsim reads (else subcode
/// 0, as FRR). Capabilities of other codes are kept as `.other`.
extension BGPOpen {
    static let capabilitiesParameter: UInt8 = 2
    /// RFC 9072's marker for the extended parameters layout.
    static let extendedParametersMarker: UInt8 = 255

    func encodeBody(into bytes: inout [UInt8]) {
        bytes.append(version)
        bytes.appendBigEndian(myAutonomousSystem)
        bytes.appendBigEndian(holdTime)
        bytes.appendBigEndian(identifier.value)
        var parameters: [(type: UInt8, value: [UInt8])] = []
        for parameter in optionalParameters {
            switch parameter {
            case .capabilities(let capabilities):
                var value: [UInt8] = []
                for capability in capabilities { capability.encode(into: &value) }
                parameters.append((BGPOpen.capabilitiesParameter, value))
            case .other(let type, let value):
                parameters.append((type, value))
            }
        }
        let shortLength = parameters.reduce(0) { $0 + 2 + $1.value.count }
        if shortLength <= 255 {
            bytes.append(UInt8(shortLength))
            for parameter in parameters {
                bytes.append(parameter.type)
                bytes.append(UInt8(truncatingIfNeeded: parameter.value.count))
                bytes.append(contentsOf: parameter.value)
            }
        } else {
            bytes.append(BGPOpen.extendedParametersMarker)
            bytes.append(BGPOpen.extendedParametersMarker)
            bytes.appendBigEndian(UInt16(truncatingIfNeeded: parameters.reduce(0) { $0 + 3 + $1.value.count }))
            for parameter in parameters {
                bytes.append(parameter.type)
                bytes.appendBigEndian(UInt16(truncatingIfNeeded: parameter.value.count))
                bytes.append(contentsOf: parameter.value)
            }
        }
    }

    init(readingBody reader: inout ByteReader) throws(BGPMessageError) {
        let malformed = BGPNotification(code: BGPNotification.openMessageError,
                                        subcode: BGPNotification.OpenError.unspecific)
        let start = reader.offset
        let fixed = try readingBGP(malformed) { () throws(WireDecodingError) in
            (version: try reader.readUInt8(), autonomousSystem: try reader.readUInt16(),
             holdTime: try reader.readUInt16(), identifier: try reader.readAddress(),
             parametersLength: try reader.readUInt8())
        }
        guard fixed.version == 4 else {
            throw .open(BGPNotification.OpenError.unsupportedVersionNumber, data: [0, 4],
                        .unsupported(UInt32(fixed.version)), field: "BGP version", offset: start)
        }
        guard fixed.autonomousSystem != 0 else {
            throw .open(BGPNotification.OpenError.badPeerAS, .invalid(0), field: "OPEN My Autonomous System",
                        offset: start + 1)
        }
        guard fixed.identifier != .zero else {
            throw .open(BGPNotification.OpenError.badBGPIdentifier, .invalid(0), field: "OPEN BGP Identifier",
                        offset: start + 5)
        }
        var parameters: [BGPOptionalParameter] = []
        try readingBGP(malformed) { () throws(WireDecodingError) in
            var extended = false
            var length = Int(fixed.parametersLength)
            if length == Int(BGPOpen.extendedParametersMarker), reader.remaining > 0,
               reader.slice(reader.offset..<reader.offset + 1).first == BGPOpen.extendedParametersMarker {
                try reader.skip(1)
                extended = true
                length = Int(try reader.readUInt16())
            }
            var region = try reader.split(length, context: "OPEN optional parameters")
            try reader.expectEnd()
            while region.remaining > 0 {
                let type = try region.readUInt8()
                let valueLength = extended ? Int(try region.readUInt16()) : Int(try region.readUInt8())
                var value = try region.split(valueLength, context: "OPEN optional parameter \(type)")
                guard type == BGPOpen.capabilitiesParameter else {
                    throw WireDecodingError(.unsupported(UInt32(type)), field: "OPEN optional parameter type",
                                            offset: value.offset - (extended ? 3 : 2))
                }
                var capabilities: [BGPCapability] = []
                while value.remaining > 0 { capabilities.append(try BGPCapability(reading: &value)) }
                parameters.append(.capabilities(capabilities))
            }
        } subcode: { error in
            // Refine the subcode where RFC 4271 and 7607 name one.
            switch error.field {
            case "OPEN optional parameter type": BGPNotification.OpenError.unsupportedOptionalParameter
            case BGPCapability.zeroASField: BGPNotification.OpenError.badPeerAS
            default: nil
            }
        }
        self.init(version: fixed.version, myAutonomousSystem: fixed.autonomousSystem, holdTime: fixed.holdTime,
                  identifier: fixed.identifier, optionalParameters: parameters)
    }
}

extension BGPCapability {
    static let zeroASField = "four-octet AS capability (AS 0)"

    func encode(into bytes: inout [UInt8]) {
        bytes.append(code)
        let lengthIndex = bytes.count
        bytes.append(0)
        switch self {
        case .multiprotocol(let family):
            bytes.appendBigEndian(family.afi)
            bytes.append(0)
            bytes.append(family.safi)
        case .routeRefresh, .enhancedRouteRefresh: break
        case .gracefulRestart(let restart):
            let flags: UInt16 = (restart.restarting ? 0x8000 : 0) | (restart.notificationSupport ? 0x4000 : 0)
            bytes.appendBigEndian(flags | restart.restartTime & 0x0FFF)
            for family in restart.families {
                bytes.appendBigEndian(family.family.afi)
                bytes.append(family.family.safi)
                bytes.append(family.forwardingPreserved ? 0x80 : 0)
            }
        case .fourOctetAS(let asn): bytes.appendBigEndian(asn)
        case .other(_, let value): bytes.append(contentsOf: value)
        }
        bytes[lengthIndex] = UInt8(truncatingIfNeeded: bytes.count - lengthIndex - 1)
    }

    /// Reads one capability; a length that does not suit the code is an error. Reserved bits
    /// (the multiprotocol reserved octet, graceful restart flags other than R and N, family
    /// flags other than F) are ignored, as RFCs 4760 and 4724 tell receivers.
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let start = reader.offset
        let code = try reader.readUInt8()
        let length = Int(try reader.readUInt8())
        var value = try reader.split(length, context: "capability \(code)")
        func expectLength(_ valid: Bool) throws(WireDecodingError) {
            guard valid else { throw WireDecodingError(.badLength(length), field: "capability \(code) length", offset: start + 1) }
        }
        switch code {
        case 1:
            try expectLength(length == 4)
            let afi = try value.readUInt16()
            try value.skip(1)
            self = .multiprotocol(BGPAddressFamily(afi: afi, safi: try value.readUInt8()))
        case 2:
            try expectLength(length == 0)
            self = .routeRefresh
        case 64:
            try expectLength(length >= 2 && (length - 2) % 4 == 0)
            let flagsAndTime = try value.readUInt16()
            var families: [BGPGracefulRestartCapability.Family] = []
            while value.remaining > 0 {
                let afi = try value.readUInt16()
                let safi = try value.readUInt8()
                let flags = try value.readUInt8()
                families.append(.init(family: BGPAddressFamily(afi: afi, safi: safi), forwardingPreserved: flags & 0x80 != 0))
            }
            self = .gracefulRestart(BGPGracefulRestartCapability(
                restarting: flagsAndTime & 0x8000 != 0, notificationSupport: flagsAndTime & 0x4000 != 0,
                restartTime: flagsAndTime & 0x0FFF, families: families))
        case 65:
            try expectLength(length == 4)
            let asn = try value.readUInt32()
            guard asn != 0 else { throw WireDecodingError(.invalid(0), field: BGPCapability.zeroASField, offset: start + 2) }
            self = .fourOctetAS(asn)
        case 70:
            try expectLength(length == 0)
            self = .enhancedRouteRefresh
        default:
            self = .other(code: code, value: try value.readBytes(length))
        }
    }
}
