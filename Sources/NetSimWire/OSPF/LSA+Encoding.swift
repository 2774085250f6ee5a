/// The RFC 2328 appendix A byte layout of LSAs (network byte order).
extension LSA {
    public func encoded() -> [UInt8] {
        [UInt8](capacity: Int(header.length), writing: encode(into:))
    }

    func encode(into bytes: inout [UInt8]) {
        header.encode(into: &bytes)
        switch body {
        case .router(let router):
            bytes.append(router.flags)
            bytes.append(0)
            bytes.appendBigEndian(UInt16(router.links.count))
            for link in router.links {
                bytes.appendBigEndian(link.linkID.value)
                bytes.appendBigEndian(link.linkData.value)
                bytes.append(link.kind.rawValue)
                bytes.append(0)
                bytes.appendBigEndian(link.metric)
            }
        case .network(let network):
            bytes.appendBigEndian(network.networkMask.value)
            for router in network.attachedRouters { bytes.appendBigEndian(router.value) }
        case .summary(let summary):
            bytes.appendBigEndian(summary.networkMask.value)
            bytes.appendBigEndian(summary.metric & ospfLSInfinity)
        case .external(let external):
            bytes.appendBigEndian(external.networkMask.value)
            bytes.appendBigEndian((external.isType2 ? 0x8000_0000 : 0) | external.metric & ospfLSInfinity)
            bytes.appendBigEndian(external.forwardingAddress.value)
            bytes.appendBigEndian(external.routeTag)
        }
    }
}
