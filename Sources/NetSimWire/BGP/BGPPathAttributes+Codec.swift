/// The path attributes of an UPDATE (RFC 4271 §4.3, §5): each a flags octet (optional,
/// transitive, partial, extended length), a type code, a length of one octet (two with the
/// extended-length flag) and the value. Written in type-code order, each with the flags its type
/// must carry: well-known transitive for ORIGIN, AS_PATH, NEXT_HOP, LOCAL_PREF and
/// ATOMIC_AGGREGATE; optional non-transitive for MED, ORIGINATOR_ID and CLUSTER_LIST; optional
/// transitive for AGGREGATOR, COMMUNITIES, EXTENDED and LARGE COMMUNITIES, AS4_PATH and
/// AS4_AGGREGATOR; unrecognized attributes as optional transitive with the partial bit they
/// carry. The extended-length flag is set when a value exceeds 255 bytes, and always on AS_PATH
/// and AS4_PATH, as FRR writes them (receivers accept either form).
///
/// An AS_PATH segment is written as several segments of its kind when it holds more than 255
/// numbers, and not at all when it holds none. `unrecognized` must hold only type codes netsim
/// does not know (a known one would be written twice, and the copy discarded by a receiver).
extension BGPPathAttributes {
    /// Type codes (IANA "BGP Path Attributes").
    enum TypeCode {
        static let origin: UInt8 = 1
        static let asPath: UInt8 = 2
        static let nextHop: UInt8 = 3
        static let multiExitDiscriminator: UInt8 = 4
        static let localPreference: UInt8 = 5
        static let atomicAggregate: UInt8 = 6
        static let aggregator: UInt8 = 7
        static let communities: UInt8 = 8
        static let originatorID: UInt8 = 9
        static let clusterList: UInt8 = 10
        static let multiprotocolReach: UInt8 = 14
        static let multiprotocolUnreach: UInt8 = 15
        static let extendedCommunities: UInt8 = 16
        static let as4Path: UInt8 = 17
        static let as4Aggregator: UInt8 = 18
        static let largeCommunities: UInt8 = 32
    }

    /// Attribute flag bits.
    enum Flag {
        static let optional: UInt8 = 0x80
        static let transitive: UInt8 = 0x40
        static let partial: UInt8 = 0x20
        static let extendedLength: UInt8 = 0x10
    }

    func encode(into bytes: inout [UInt8], options: BGPCodecOptions) {
        var attributes: [(type: UInt8, flags: UInt8, value: [UInt8])] = []
        let wellKnown = Flag.transitive
        let optional = Flag.optional
        let optionalTransitive = Flag.optional | Flag.transitive
        attributes.append((TypeCode.origin, wellKnown, [origin.rawValue]))
        attributes.append((TypeCode.asPath, wellKnown | Flag.extendedLength,
                           asPath.encodedSegments(fourOctet: options.fourOctetAS)))
        if let nextHop { attributes.append((TypeCode.nextHop, wellKnown, bigEndian(nextHop.value))) }
        if let multiExitDiscriminator {
            attributes.append((TypeCode.multiExitDiscriminator, optional, bigEndian(multiExitDiscriminator)))
        }
        if let localPreference { attributes.append((TypeCode.localPreference, wellKnown, bigEndian(localPreference))) }
        if atomicAggregate { attributes.append((TypeCode.atomicAggregate, wellKnown, [])) }
        if let aggregator {
            let value = options.fourOctetAS
                ? bigEndian(aggregator.autonomousSystem) + bigEndian(aggregator.address.value)
                : bigEndian(BGPASPath.twoOctet(aggregator.autonomousSystem)) + bigEndian(aggregator.address.value)
            attributes.append((TypeCode.aggregator, optionalTransitive, value))
            if !options.fourOctetAS, aggregator.autonomousSystem > UInt32(UInt16.max) {
                attributes.append((TypeCode.as4Aggregator, optionalTransitive,
                                   bigEndian(aggregator.autonomousSystem) + bigEndian(aggregator.address.value)))
            }
        }
        if !communities.isEmpty {
            attributes.append((TypeCode.communities, optionalTransitive, communities.flatMap { bigEndian($0.rawValue) }))
        }
        if let originatorID { attributes.append((TypeCode.originatorID, optional, bigEndian(originatorID.value))) }
        if !clusterList.isEmpty {
            attributes.append((TypeCode.clusterList, optional, clusterList.flatMap { bigEndian($0.value) }))
        }
        if !extendedCommunities.isEmpty {
            attributes.append((TypeCode.extendedCommunities, optionalTransitive, extendedCommunities.flatMap {
                bigEndian(UInt32($0.rawValue >> 32)) + bigEndian(UInt32($0.rawValue & 0xFFFF_FFFF))
            }))
        }
        if !options.fourOctetAS, asPath.contains(where: { $0 > UInt32(UInt16.max) }) {
            // RFC 6793 §4.2.2: the real numbers, without confederation segments.
            let as4 = BGPASPath(segments: asPath.segments.filter { $0.kind == .sequence || $0.kind == .set })
            attributes.append((TypeCode.as4Path, optionalTransitive | Flag.extendedLength,
                               as4.encodedSegments(fourOctet: true)))
        }
        if !largeCommunities.isEmpty {
            attributes.append((TypeCode.largeCommunities, optionalTransitive, largeCommunities.flatMap {
                bigEndian($0.globalAdministrator) + bigEndian($0.localData1) + bigEndian($0.localData2)
            }))
        }
        for attribute in unrecognized {
            attributes.append((attribute.typeCode, optionalTransitive | (attribute.partial ? Flag.partial : 0),
                               attribute.value))
        }
        for attribute in attributes.enumerated().sorted(by: { ($0.element.type, $0.offset) < ($1.element.type, $1.offset) })
            .map(\.element) {
            if attribute.value.count > 255 || attribute.flags & Flag.extendedLength != 0 {
                bytes.append(attribute.flags | Flag.extendedLength)
                bytes.append(attribute.type)
                bytes.appendBigEndian(UInt16(truncatingIfNeeded: attribute.value.count))
            } else {
                bytes.append(attribute.flags)
                bytes.append(attribute.type)
                bytes.append(UInt8(attribute.value.count))
            }
            bytes.append(contentsOf: attribute.value)
        }
    }

    private func bigEndian(_ value: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendBigEndian(value)
        return bytes
    }

    private func bigEndian(_ value: UInt16) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendBigEndian(value)
        return bytes
    }
}

extension BGPASPath {
    /// A four-octet AS in a two-octet field: itself when it fits, else AS_TRANS (RFC 6793).
    static func twoOctet(_ autonomousSystem: UInt32) -> UInt16 {
        autonomousSystem <= UInt32(UInt16.max) ? UInt16(autonomousSystem) : BGPOpen.asTrans
    }

    /// Whether any AS number of any segment satisfies `predicate`.
    func contains(where predicate: (UInt32) -> Bool) -> Bool {
        segments.contains { $0.numbers.contains(where: predicate) }
    }

    /// The segments as AS_PATH carries them: type, count, numbers of four octets or of two
    /// (AS_TRANS for those that need four).
    func encodedSegments(fourOctet: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for segment in segments {
            var numbers = segment.numbers[...]
            while !numbers.isEmpty {
                let chunk = numbers.prefix(BGPASPathSegment.maximumCount)
                numbers = numbers.dropFirst(chunk.count)
                bytes.append(segment.kind.rawValue)
                bytes.append(UInt8(chunk.count))
                for number in chunk {
                    if fourOctet { bytes.appendBigEndian(number) } else { bytes.appendBigEndian(BGPASPath.twoOctet(number)) }
                }
            }
        }
        return bytes
    }

    /// Reads AS_PATH segments of `asSize`-octet numbers. A segment of an unknown type, with no
    /// numbers (RFC 7606 §7.2) or running past the value is an error.
    static func readSegments(_ reader: inout ByteReader, asSize: Int, field: String) throws(WireDecodingError) -> BGPASPath {
        var segments: [BGPASPathSegment] = []
        while reader.remaining > 0 {
            let start = reader.offset
            let kindByte = try reader.readUInt8()
            guard let kind = BGPASPathSegment.Kind(rawValue: kindByte) else {
                throw WireDecodingError(.invalid(UInt32(kindByte)), field: "\(field) segment type", offset: start)
            }
            let count = Int(try reader.readUInt8())
            guard count > 0 else { throw WireDecodingError(.badLength(0), field: "\(field) segment length", offset: start + 1) }
            try reader.require(count * asSize, for: "\(field) segment")
            var numbers: [UInt32] = []
            numbers.reserveCapacity(count)
            for _ in 0..<count {
                numbers.append(asSize == 4 ? try reader.readUInt32() : UInt32(try reader.readUInt16()))
            }
            segments.append(BGPASPathSegment(kind: kind, numbers: numbers))
        }
        return BGPASPath(segments: segments)
    }

    /// The path RFC 6793 §4.2.3 rebuilds from a two-octet AS_PATH (`self`) and AS4_PATH: as many
    /// leading numbers of AS_PATH as it has more than AS4_PATH (counted as the decision process
    /// counts them), then AS4_PATH; AS_PATH alone when AS4_PATH is the longer. Confederation
    /// segments, which AS4_PATH never carries, are kept from the front of AS_PATH.
    func merging(as4Path: BGPASPath) -> BGPASPath {
        guard length >= as4Path.length else { return self }
        var needed = length - as4Path.length
        var leading: [BGPASPathSegment] = []
        walk: for segment in segments {
            switch segment.kind {
            case .confederationSequence, .confederationSet:
                leading.append(segment)
            case .set:
                guard needed > 0 else { break walk }
                leading.append(segment)
                needed -= 1
            case .sequence:
                guard needed > 0 else { break walk }
                let taken = min(needed, segment.numbers.count)
                leading.append(BGPASPathSegment(kind: .sequence, numbers: Array(segment.numbers.prefix(taken))))
                needed -= taken
            }
        }
        var merged = leading
        for segment in as4Path.segments {
            if let last = merged.last, last.kind == .sequence, segment.kind == .sequence,
               merged.count == leading.count, last.numbers.count + segment.numbers.count <= BGPASPathSegment.maximumCount {
                merged[merged.count - 1].numbers += segment.numbers
            } else {
                merged.append(segment)
            }
        }
        return BGPASPath(segments: merged)
    }
}
