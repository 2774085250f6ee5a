/// Reading LSAs back from their RFC 2328 A.4 bytes. The Fletcher checksum must verify, and the
/// body must be exactly what `encoded()` would write for the value read: netsim keeps no other
/// bits, and an LSA re-encoded without them would no longer match its checksum. So reserved
/// bytes must be zero, router flags only V/E/B, and TOS metrics (RFC 2328 A.4.2-A.4.5) absent.
extension LSA: WireReadable {
    static let wireName = "LSA"

    /// Decodes exactly one LSA of `header.length` bytes.
    public init(decoding bytes: some Collection<UInt8>) throws(WireDecodingError) {
        self = try .decodeWhole(bytes)
    }

    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let start = reader.offset
        let header = try LSAHeader(reading: &reader)
        var body = try reader.split(Int(header.length) - LSAHeader.wireLength, context: "\(header.key.type)-LSA body")
        let encoded = Array(reader.slice(start..<body.end))
        guard FletcherChecksum.verifyLSA(encoded) else {
            throw WireDecodingError(.badChecksum(stored: header.checksum,
                                                 computed: FletcherChecksum.lsaChecksum(of: encoded)),
                                    field: "LSA checksum", offset: start + 16)
        }
        switch header.key.type {
        case .router: self.init(header: header, body: .router(try RouterLSABody(reading: &body)))
        case .network: self.init(header: header, body: .network(try NetworkLSABody(reading: &body)))
        case .summaryNetwork, .summaryASBR:
            self.init(header: header, body: .summary(try SummaryLSABody(reading: &body)))
        case .asExternal: self.init(header: header, body: .external(try ExternalLSABody(reading: &body)))
        }
        try body.expectEnd()
    }
}

extension RouterLSABody {
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let start = reader.offset
        try reader.require(4, for: "router-LSA body")
        let flags = try reader.readUInt8()
        guard flags & ~0x07 == 0 else {
            throw WireDecodingError(.unsupported(UInt32(flags)), field: "router-LSA flags", offset: start)
        }
        try reader.expectZero(count: 1, field: "router-LSA reserved byte")
        let count = Int(try reader.readUInt16())
        guard count * 12 == reader.remaining else {
            throw WireDecodingError(.badLength(count), field: "router-LSA link count", offset: start + 2)
        }
        var links: [RouterLink] = []
        links.reserveCapacity(count)
        for _ in 0..<count { links.append(try RouterLink(reading: &reader)) }
        self.init(isVirtualLinkEndpoint: flags & 0x04 != 0, isASBoundaryRouter: flags & 0x02 != 0,
                  isAreaBorderRouter: flags & 0x01 != 0, links: links)
    }
}

extension RouterLink {
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let linkID = try reader.readAddress()
        let linkData = try reader.readAddress()
        let typeOffset = reader.offset
        let type = try reader.readUInt8()
        guard let kind = Kind(rawValue: type) else {
            throw WireDecodingError(.invalid(UInt32(type)), field: "router-LSA link type", offset: typeOffset)
        }
        let tosCountOffset = reader.offset
        let tosCount = try reader.readUInt8()
        guard tosCount == 0 else {
            throw WireDecodingError(.unsupported(UInt32(tosCount)), field: "router-LSA TOS count",
                                    offset: tosCountOffset)
        }
        self.init(kind: kind, linkID: linkID, linkData: linkData, metric: try reader.readUInt16())
    }
}

extension NetworkLSABody {
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let mask = try reader.readAddress()
        guard reader.remaining % 4 == 0 else {
            throw WireDecodingError(.badLength(reader.remaining), field: "network-LSA attached routers",
                                    offset: reader.offset)
        }
        var routers: [IPv4Address] = []
        routers.reserveCapacity(reader.remaining / 4)
        while reader.remaining > 0 { routers.append(try reader.readAddress()) }
        self.init(networkMask: mask, attachedRouters: routers)
    }
}

extension SummaryLSABody {
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let mask = try reader.readAddress()
        try reader.expectZero(count: 1, field: "summary-LSA reserved byte")
        let metric = try reader.readUInt24()
        self.init(networkMask: mask, metric: metric)
    }
}

extension ExternalLSABody {
    init(reading reader: inout ByteReader) throws(WireDecodingError) {
        let mask = try reader.readAddress()
        let bitsOffset = reader.offset
        let bits = try reader.readUInt8()
        guard bits & 0x7F == 0 else {
            throw WireDecodingError(.invalid(UInt32(bits)), field: "AS-external-LSA TOS bits", offset: bitsOffset)
        }
        self.init(networkMask: mask, isType2: bits & 0x80 != 0, metric: try reader.readUInt24(),
                  forwardingAddress: try reader.readAddress(), routeTag: try reader.readUInt32())
    }
}
