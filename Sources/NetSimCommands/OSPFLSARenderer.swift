import NetSimOSPF
import NetSimWire

/// One LSA in full, as `show ospf database <type>` prints it (FRR's field names) and as every
/// `show ospf database` JSON row carries it.
///
/// JSON: `{area, type, link_state_id, advertising_router, age_s, options, sequence, checksum,
/// length}` plus, by type: router `{abr, asbr, virtual_link_endpoint, links: [{type, link_id,
/// link_data, metric}]}`; network `{network_mask, prefix, attached_routers}`; summary
/// `{network_mask, prefix, metric}`; asbr-summary `{network_mask, metric}`; external
/// `{network_mask, prefix, metric_type, metric, forwarding_address, route_tag}`.
enum OSPFLSARenderer {
    static func textLines(_ lsa: LSA, age: UInt16) -> [String] {
        let header = lsa.header
        var lines = ["  LS age: \(age)",
                     "  Options: 0x\(String(header.options, radix: 16)) : \(options(header.options))"]
        if case .router(let body) = lsa.body {
            let flags = [(body.isAreaBorderRouter, " ABR"), (body.isASBoundaryRouter, " ASBR"),
                         (body.isVirtualLinkEndpoint, " VL-endpoint")].filter(\.0).map(\.1).joined()
            lines.append("  Flags: 0x\(String(body.flags, radix: 16))" + (flags.isEmpty ? "" : " :" + flags))
        }
        lines += ["  LS Type: \(typeName(header.key.type))",
                  "  Link State ID: \(header.key.linkStateID)",
                  "  Advertising Router: \(header.key.advertisingRouter)",
                  "  LS Seq Number: \(OSPFFormat.sequence(header.sequence))",
                  "  Checksum: \(OSPFFormat.checksum(header.checksum))",
                  "  Length: \(header.length)"]
        switch lsa.body {
        case .router(let body):
            lines += ["", "   Number of Links: \(body.links.count)"]
            for link in body.links {
                let (connected, id, data) = linkDescription(link.kind)
                lines += ["", "    Link connected to: \(connected)",
                          "     (Link ID) \(id): \(link.linkID)",
                          "     (Link Data) \(data): \(link.linkData)",
                          "      Number of TOS metrics: 0",
                          "       TOS 0 Metric: \(link.metric)"]
            }
        case .network(let body):
            lines.append("  Network Mask: /\(maskLength(body.networkMask))")
            lines += body.attachedRouters.map { "        Attached Router: \($0)" }
        case .summary(let body):
            lines += ["  Network Mask: /\(maskLength(body.networkMask))",
                      "        TOS: 0  Metric: \(body.metric)"]
        case .external(let body):
            lines += ["  Network Mask: /\(maskLength(body.networkMask))",
                      body.isType2 ? "        Metric Type: 2 (Larger than any link state path)"
                                   : "        Metric Type: 1 (Comparable directly to link state metric)",
                      "        TOS: 0",
                      "        Metric: \(body.metric)",
                      "        Forward Address: \(body.forwardingAddress)",
                      "        External Route Tag: \(body.routeTag)"]
        }
        return lines
    }

    static func json(_ entry: OSPFInstance.DatabaseEntry) -> JSONValue {
        let header = entry.lsa.header
        var object: [String: JSONValue] = [
            "area": .optional(entry.area?.description),
            "type": .string(header.key.type.description),
            "link_state_id": .string(header.key.linkStateID.description),
            "advertising_router": .string(header.key.advertisingRouter.description),
            "age_s": .integer(entry.age),
            "options": .integer(header.options),
            "sequence": .string(OSPFFormat.sequence(header.sequence)),
            "checksum": .string(OSPFFormat.checksum(header.checksum)),
            "length": .integer(header.length),
        ]
        func prefix(_ mask: IPv4Address) -> JSONValue {
            .string(IPv4Prefix(masking: header.key.linkStateID, mask: mask).description)
        }
        switch entry.lsa.body {
        case .router(let body):
            object["abr"] = .bool(body.isAreaBorderRouter)
            object["asbr"] = .bool(body.isASBoundaryRouter)
            object["virtual_link_endpoint"] = .bool(body.isVirtualLinkEndpoint)
            object["links"] = .array(body.links.map { link in
                .object(["type": .string(linkTypeName(link.kind)), "link_id": .string(link.linkID.description),
                         "link_data": .string(link.linkData.description), "metric": .integer(link.metric)])
            })
        case .network(let body):
            object["network_mask"] = .string(body.networkMask.description)
            object["prefix"] = prefix(body.networkMask)
            object["attached_routers"] = .array(body.attachedRouters.map { .string($0.description) })
        case .summary(let body):
            object["network_mask"] = .string(body.networkMask.description)
            if header.key.type == .summaryNetwork { object["prefix"] = prefix(body.networkMask) }
            object["metric"] = .integer(body.metric)
        case .external(let body):
            object["network_mask"] = .string(body.networkMask.description)
            object["prefix"] = prefix(body.networkMask)
            object["metric_type"] = .integer(body.isType2 ? 2 : 1)
            object["metric"] = .integer(body.metric)
            object["forwarding_address"] = .string(body.forwardingAddress.description)
            object["route_tag"] = .integer(body.routeTag)
        }
        return .object(object)
    }

    /// FRR's names of the LSA types in detail output.
    static func typeName(_ type: LSAType) -> String {
        switch type {
        case .router: "router-LSA"
        case .network: "network-LSA"
        case .summaryNetwork: "summary-LSA"
        case .summaryASBR: "ASBR-summary-LSA"
        case .asExternal: "AS-external-LSA"
        }
    }

    private static func linkTypeName(_ kind: RouterLink.Kind) -> String {
        switch kind {
        case .pointToPoint: "point-to-point"
        case .transit: "transit"
        case .stub: "stub"
        case .virtual: "virtual"
        }
    }

    /// What a router link connects to, and what its Link ID and Link Data hold (RFC 2328 A.4.2).
    private static func linkDescription(_ kind: RouterLink.Kind) -> (String, String, String) {
        switch kind {
        case .pointToPoint: ("another Router (point-to-point)", "Neighboring Router ID", "Router Interface address")
        case .transit: ("a Transit Network", "Designated Router address", "Router Interface address")
        case .stub: ("Stub Network", "Net", "Network Mask")
        case .virtual: ("a Virtual Link", "Neighboring Router ID", "Router Interface address")
        }
    }

    /// The Options field bit by bit, FRR style: `*|O|DC|EA|N/P|MC|E|M/T`, "-" for a clear bit.
    static func options(_ value: UInt8) -> String {
        let names = ["*", "O", "DC", "EA", "N/P", "MC", "E", "M/T"]
        return names.enumerated().map { index, name in
            index == 0 || value & (0x80 >> UInt8(index)) != 0 ? name : "-"
        }.joined(separator: "|")
    }

    private static func maskLength(_ mask: IPv4Address) -> Int { (~mask.value).leadingZeroBitCount }
}
