/// Builds the UPDATEs that carry many prefixes, each as full as the message length allows
/// (4096 bytes, RFC 4271 §4): withdrawals in UPDATEs of their own, announcements sharing one set
/// of attributes in UPDATEs that repeat those attributes. Prefixes keep their order.
public struct BGPUpdatePacker: Sendable {
    public var options: BGPCodecOptions
    public var maximumLength: Int

    public init(options: BGPCodecOptions = BGPCodecOptions(), maximumLength: Int = BGPMessage.maximumLength) {
        self.options = options
        self.maximumLength = maximumLength
    }

    /// The fixed part of an UPDATE: header, withdrawn routes length, path attributes length.
    static let fixedLength = BGPMessage.headerLength + 4

    /// UPDATEs withdrawing `prefixes`; none for an empty list.
    public func withdrawing(_ prefixes: [IPv4Prefix]) -> [BGPUpdate] {
        chunks(of: prefixes, room: maximumLength - BGPUpdatePacker.fixedLength)?
            .map { BGPUpdate(withdrawnRoutes: $0) } ?? []
    }

    /// UPDATEs announcing `prefixes` with `attributes`; none for an empty list, nil when the
    /// attributes leave no room for a prefix (the routes cannot be sent to this peer).
    public func announcing(_ prefixes: [IPv4Prefix], with attributes: BGPPathAttributes) -> [BGPUpdate]? {
        var attributeBytes: [UInt8] = []
        attributes.encode(into: &attributeBytes, options: options)
        return chunks(of: prefixes, room: maximumLength - BGPUpdatePacker.fixedLength - attributeBytes.count)?
            .map { BGPUpdate(attributes: attributes, nlri: $0) }
    }

    /// `prefixes` in consecutive runs of at most `room` encoded bytes; nil when one does not fit alone.
    private func chunks(of prefixes: [IPv4Prefix], room: Int) -> [[IPv4Prefix]]? {
        var chunks: [[IPv4Prefix]] = []
        var current: [IPv4Prefix] = []
        var used = 0
        for prefix in prefixes {
            let size = prefix.bgpWireLength
            guard size <= room else { return nil }
            if used + size > room {
                chunks.append(current)
                current = []
                used = 0
            }
            current.append(prefix)
            used += size
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }
}
