/// The RFC 2328 appendix A byte layout of LSAs (network byte order).
extension LSA {
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(header.length))
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
        return bytes
    }
}

extension LSAHeader {
    public func encode(into bytes: inout [UInt8]) {
        bytes.appendBigEndian(age)
        bytes.append(options)
        bytes.append(key.type.rawValue)
        bytes.appendBigEndian(key.linkStateID.value)
        bytes.appendBigEndian(key.advertisingRouter.value)
        bytes.appendBigEndian(UInt32(bitPattern: sequence))
        bytes.appendBigEndian(checksum)
        bytes.appendBigEndian(length)
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }

    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8(value >> 16 & 0xFF))
        append(UInt8(value >> 8 & 0xFF))
        append(UInt8(value & 0xFF))
    }
}
