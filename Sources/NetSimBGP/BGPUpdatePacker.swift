import NetSimWire

/// Splits withdrawals and announcements into UPDATEs that fit the 4096-byte limit (RFC 4271 §4),
/// counting bytes as the codec lays them out: 19-byte header, two length fields, each prefix as
/// a length octet and its significant octets, each attribute with a 3-byte header (4 with the
/// extended length bit past 255 bytes), AS numbers four octets each (RFC 6793).
enum BGPUpdatePacker {
    static let fixedLength = BGPMessage.headerLength + 4

    static func pack(withdrawals: [IPv4Prefix]) -> [BGPUpdate] {
        chunks(withdrawals, room: BGPMessage.maximumLength - fixedLength).map { BGPUpdate(withdrawnRoutes: $0) }
    }

    static func pack(_ attributes: BGPPathAttributes, _ prefixes: [IPv4Prefix]) -> [BGPUpdate] {
        let room = BGPMessage.maximumLength - fixedLength - attributesLength(attributes)
        return chunks(prefixes, room: room).map { BGPUpdate(attributes: attributes, nlri: $0) }
    }

    static func prefixLength(_ prefix: IPv4Prefix) -> Int { 1 + (Int(prefix.length) + 7) / 8 }

    static func chunks(_ prefixes: [IPv4Prefix], room: Int) -> [[IPv4Prefix]] {
        var result: [[IPv4Prefix]] = []
        var current: [IPv4Prefix] = [], used = 0
        for prefix in prefixes {
            let size = prefixLength(prefix)
            if used + size > room, !current.isEmpty {
                result.append(current)
                current = []
                used = 0
            }
            current.append(prefix)
            used += size
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// The encoded length of the path attributes.
    static func attributesLength(_ attributes: BGPPathAttributes) -> Int {
        func attribute(_ valueLength: Int) -> Int { (valueLength > 255 ? 4 : 3) + valueLength }
        var total = attribute(1) // ORIGIN
        total += attribute(attributes.asPath.segments.reduce(0) { $0 + 2 + 4 * $1.numbers.count })
        if attributes.nextHop != nil { total += attribute(4) }
        if attributes.multiExitDiscriminator != nil { total += attribute(4) }
        if attributes.localPreference != nil { total += attribute(4) }
        if attributes.atomicAggregate { total += attribute(0) }
        if attributes.aggregator != nil { total += attribute(8) }
        if !attributes.communities.isEmpty { total += attribute(4 * attributes.communities.count) }
        if attributes.originatorID != nil { total += attribute(4) }
        if !attributes.clusterList.isEmpty { total += attribute(4 * attributes.clusterList.count) }
        if !attributes.extendedCommunities.isEmpty { total += attribute(8 * attributes.extendedCommunities.count) }
        if !attributes.largeCommunities.isEmpty { total += attribute(12 * attributes.largeCommunities.count) }
        for unrecognized in attributes.unrecognized { total += attribute(unrecognized.value.count) }
        return total
    }
}
