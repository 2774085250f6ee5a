/// Reads the path attributes field of an UPDATE into `BGPPathAttributes`, collecting every fault
/// with the NOTIFICATION RFC 4271 §6.3 names and the handling RFC 7606 gives it, so that the
/// strongest can decide (RFC 7606 §3 j).
///
/// - The field's own structure (an attribute header or value running past the field) is
///   treat-as-withdraw (RFC 7606 §4: the NLRI is still found through the field's length).
/// - An unrecognized well-known attribute resets the session; an unrecognized optional one is
///   kept when transitive (`unrecognized`, flags as received) and dropped when not.
/// - A second copy of an attribute is discarded; of MP_REACH_NLRI or MP_UNREACH_NLRI it resets
///   the session (RFC 7606 §3 g). Their content is not read: netsim carries IPv4 unicast in the
///   classic fields only and never negotiates another family.
/// - Wrong flags (optional, transitive, and partial where it must be clear) or a wrong length or
///   value are handled as the attribute's RFC says: attribute discard for ATOMIC_AGGREGATE,
///   AGGREGATOR, AS4_PATH and AS4_AGGREGATOR (RFC 7606 §7.6, §7.7, RFC 6793 §6, as FRR),
///   treat-as-withdraw for the rest. A NEXT_HOP of 0/8, 127/8 or 224/3 is not a host address
///   and is "Invalid NEXT_HOP" (RFC 4271 §6.3's syntactic check, the martian check of FRR).
/// - With NLRI present, a missing ORIGIN, AS_PATH or NEXT_HOP is treat-as-withdraw with
///   "Missing Well-known Attribute" naming it (RFC 7606 §3 d).
/// - With four-octet AS numbers, AS4_PATH and AS4_AGGREGATOR are dropped unread (RFC 6793 §4.1);
///   with two-octet ones they are merged into AS_PATH and AGGREGATOR (§4.2.3).
struct BGPPathAttributesDecoder {
    enum Severity: Int, Comparable {
        case attributeDiscard, treatAsWithdraw, resetSession

        static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct Issue {
        var severity: Severity
        var notification: BGPNotification
        var detail: WireDecodingError
    }

    typealias TypeCode = BGPPathAttributes.TypeCode
    typealias Flag = BGPPathAttributes.Flag

    let options: BGPCodecOptions
    private(set) var attributes = BGPPathAttributes()
    private(set) var issues: [Issue] = []
    private var seen: Set<UInt8> = []
    /// Whether MP_REACH_NLRI was present: reachable NLRI of another family, for RFC 7606 §5.2.
    var carriesMultiprotocolReach: Bool { seen.contains(TypeCode.multiprotocolReach) }
    private var as4Path: BGPASPath?
    private var as4Aggregator: BGPAggregator?

    init(options: BGPCodecOptions) {
        self.options = options
    }

    /// The first of the strongest faults found.
    var strongestIssue: Issue? {
        issues.reduce(nil) { best, issue in best.map { issue.severity > $0.severity ? issue : $0 } ?? issue }
    }

    mutating func decode(_ field: inout ByteReader, carriesNLRI: Bool) {
        while field.remaining > 0 {
            guard readOne(&field) else { break }
        }
        attributes.unrecognized.sort { $0.typeCode < $1.typeCode }
        if !options.fourOctetAS { mergeFourOctetAttributes() }
        guard carriesNLRI else { return }
        for type in [TypeCode.origin, TypeCode.asPath, TypeCode.nextHop] where !seen.contains(type) {
            issues.append(Issue(severity: .treatAsWithdraw,
                                notification: update(BGPNotification.UpdateError.missingWellKnownAttribute, data: [type]),
                                detail: WireDecodingError(.invalid(UInt32(type)), field: "missing well-known path attribute",
                                                          offset: field.offset)))
        }
    }

    /// Reads one attribute; false when the field's structure is broken and reading must stop.
    private mutating func readOne(_ field: inout ByteReader) -> Bool {
        let start = field.offset
        let header: (flags: UInt8, type: UInt8, value: ByteReader)
        do throws(WireDecodingError) {
            let flags = try field.readUInt8()
            let type = try field.readUInt8()
            let length = flags & Flag.extendedLength != 0 ? Int(try field.readUInt16()) : Int(try field.readUInt8())
            header = (flags, type, try field.split(length, context: "path attribute \(type)"))
        } catch {
            issues.append(Issue(severity: .treatAsWithdraw,
                                notification: update(BGPNotification.UpdateError.malformedAttributeList),
                                detail: error))
            return false
        }
        let whole = Array(field.slice(start..<field.offset))
        var value = header.value
        let type = header.type
        guard seen.insert(type).inserted else {
            let severity: Severity = type == TypeCode.multiprotocolReach || type == TypeCode.multiprotocolUnreach
                ? .resetSession : .attributeDiscard
            issues.append(Issue(severity: severity, notification: update(BGPNotification.UpdateError.malformedAttributeList),
                                detail: WireDecodingError(.invalid(UInt32(type)), field: "repeated path attribute",
                                                          offset: start)))
            return true
        }
        guard let expected = Self.expectedFlags(of: type) else {
            if header.flags & Flag.optional == 0 {
                issues.append(Issue(severity: .resetSession,
                                    notification: update(BGPNotification.UpdateError.unrecognizedWellKnownAttribute,
                                                         data: whole),
                                    detail: WireDecodingError(.unsupported(UInt32(type)),
                                                              field: "well-known path attribute type", offset: start + 1)))
            } else if header.flags & Flag.transitive != 0 {
                attributes.unrecognized.append(BGPUnrecognizedAttribute(
                    typeCode: type, partial: header.flags & Flag.partial != 0, value: value.rest()))
            }
            return true
        }
        if options.fourOctetAS && (type == TypeCode.as4Path || type == TypeCode.as4Aggregator) { return true }
        let mask = expected == Flag.optional | Flag.transitive ? Flag.optional | Flag.transitive
            : Flag.optional | Flag.transitive | Flag.partial
        guard header.flags & mask == expected else {
            fail(type, BGPNotification.UpdateError.attributeFlagsError, data: whole,
                 WireDecodingError(.invalid(UInt32(header.flags)), field: "path attribute \(type) flags", offset: start))
            return true
        }
        do throws(WireDecodingError) {
            try readValue(type, &value, whole: whole, start: start)
        } catch {
            let subcode = switch type {
            case TypeCode.asPath: BGPNotification.UpdateError.malformedASPath
            case TypeCode.communities, TypeCode.clusterList, TypeCode.extendedCommunities, TypeCode.largeCommunities,
                 TypeCode.as4Path: BGPNotification.UpdateError.optionalAttributeError
            default: BGPNotification.UpdateError.attributeLengthError
            }
            fail(type, subcode, data: type == TypeCode.asPath ? [] : whole, error)
        }
        return true
    }

    /// Reads the value of a recognized attribute whose flags are right.
    private mutating func readValue(_ type: UInt8, _ value: inout ByteReader, whole: [UInt8],
                                    start: Int) throws(WireDecodingError) {
        let length = value.remaining
        func expectLength(_ valid: Bool) throws(WireDecodingError) {
            guard valid else { throw WireDecodingError(.badLength(length), field: "path attribute \(type) length", offset: start + 2) }
        }
        switch type {
        case TypeCode.origin:
            try expectLength(length == 1)
            let raw = try value.readUInt8()
            guard let origin = BGPOrigin(rawValue: raw) else {
                fail(type, BGPNotification.UpdateError.invalidOrigin, data: whole,
                     WireDecodingError(.invalid(UInt32(raw)), field: "ORIGIN", offset: value.offset - 1))
                return
            }
            attributes.origin = origin
        case TypeCode.asPath:
            attributes.asPath = try BGPASPath.readSegments(&value, asSize: options.fourOctetAS ? 4 : 2, field: "AS_PATH")
        case TypeCode.nextHop:
            try expectLength(length == 4)
            let address = try value.readAddress()
            let first = address.value >> 24
            guard first != 0, first != 127, first < 224 else {
                fail(type, BGPNotification.UpdateError.invalidNextHop, data: whole,
                     WireDecodingError(.invalid(address.value), field: "NEXT_HOP (not a host address)", offset: start + 3))
                return
            }
            attributes.nextHop = address
        case TypeCode.multiExitDiscriminator:
            try expectLength(length == 4)
            attributes.multiExitDiscriminator = try value.readUInt32()
        case TypeCode.localPreference:
            try expectLength(length == 4)
            attributes.localPreference = try value.readUInt32()
        case TypeCode.atomicAggregate:
            try expectLength(length == 0)
            attributes.atomicAggregate = true
        case TypeCode.aggregator:
            try expectLength(length == (options.fourOctetAS ? 8 : 6))
            let asn = options.fourOctetAS ? try value.readUInt32() : UInt32(try value.readUInt16())
            attributes.aggregator = BGPAggregator(autonomousSystem: asn, address: try value.readAddress())
        case TypeCode.communities:
            try expectLength(length > 0 && length % 4 == 0)
            while value.remaining > 0 { attributes.communities.append(BGPCommunity(rawValue: try value.readUInt32())) }
        case TypeCode.originatorID:
            try expectLength(length == 4)
            attributes.originatorID = try value.readAddress()
        case TypeCode.clusterList:
            try expectLength(length > 0 && length % 4 == 0)
            while value.remaining > 0 { attributes.clusterList.append(try value.readAddress()) }
        case TypeCode.extendedCommunities:
            try expectLength(length > 0 && length % 8 == 0)
            while value.remaining > 0 {
                let high = UInt64(try value.readUInt32())
                attributes.extendedCommunities.append(BGPExtendedCommunity(rawValue: high << 32 | UInt64(try value.readUInt32())))
            }
        case TypeCode.largeCommunities:
            try expectLength(length > 0 && length % 12 == 0)
            while value.remaining > 0 {
                attributes.largeCommunities.append(BGPLargeCommunity(
                    globalAdministrator: try value.readUInt32(), localData1: try value.readUInt32(),
                    localData2: try value.readUInt32()))
            }
        case TypeCode.as4Path:
            let path = try BGPASPath.readSegments(&value, asSize: 4, field: "AS4_PATH")
            if path.segments.contains(where: { $0.kind != .sequence && $0.kind != .set }) {
                throw WireDecodingError(.invalid(0), field: "AS4_PATH confederation segment", offset: start)
            }
            as4Path = path
        case TypeCode.as4Aggregator:
            try expectLength(length == 8)
            as4Aggregator = BGPAggregator(autonomousSystem: try value.readUInt32(), address: try value.readAddress())
        default:
            // MP_REACH_NLRI and MP_UNREACH_NLRI: see the type's overview.
            break
        }
    }

    /// RFC 6793 §4.2.3: AS4_AGGREGATOR replaces an AGGREGATOR of AS_TRANS; an AGGREGATOR of
    /// another AS means an old speaker aggregated, and both AS4 attributes are ignored.
    private mutating func mergeFourOctetAttributes() {
        if let aggregator = attributes.aggregator, let as4Aggregator {
            if aggregator.autonomousSystem == UInt32(BGPOpen.asTrans) {
                attributes.aggregator = as4Aggregator
            } else {
                as4Path = nil
            }
        }
        if let as4Path { attributes.asPath = attributes.asPath.merging(as4Path: as4Path) }
    }

    /// Records a fault of a recognized attribute with the handling its type gets.
    private mutating func fail(_ type: UInt8, _ subcode: UInt8, data: [UInt8], _ detail: WireDecodingError) {
        let severity: Severity = switch type {
        case TypeCode.atomicAggregate, TypeCode.aggregator, TypeCode.as4Path, TypeCode.as4Aggregator: .attributeDiscard
        case TypeCode.multiprotocolReach, TypeCode.multiprotocolUnreach: .resetSession
        default: .treatAsWithdraw
        }
        issues.append(Issue(severity: severity, notification: update(subcode, data: data), detail: detail))
    }

    private func update(_ subcode: UInt8, data: [UInt8] = []) -> BGPNotification {
        BGPNotification(code: BGPNotification.updateMessageError, subcode: subcode, data: data)
    }

    /// The flags (optional, transitive) a recognized type must carry; nil for types netsim
    /// does not recognize.
    static func expectedFlags(of type: UInt8) -> UInt8? {
        switch type {
        case TypeCode.origin, TypeCode.asPath, TypeCode.nextHop, TypeCode.localPreference, TypeCode.atomicAggregate:
            Flag.transitive
        case TypeCode.multiExitDiscriminator, TypeCode.originatorID, TypeCode.clusterList,
             TypeCode.multiprotocolReach, TypeCode.multiprotocolUnreach:
            Flag.optional
        case TypeCode.aggregator, TypeCode.communities, TypeCode.extendedCommunities, TypeCode.as4Path,
             TypeCode.as4Aggregator, TypeCode.largeCommunities:
            Flag.optional | Flag.transitive
        default: nil
        }
    }
}

extension ByteReader {
    /// Every byte left, read; never fails.
    mutating func rest() -> [UInt8] {
        (try? readBytes(remaining)) ?? []
    }
}
