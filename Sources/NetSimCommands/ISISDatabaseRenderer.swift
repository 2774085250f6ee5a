import NetSimISIS
import NetSimWire

/// `show isis database [detail]`: each level's LSPs in LSP ID order with sequence number,
/// checksum, remaining lifetime and attributes (the IS type, L1 or L2, then ATT and OL when
/// set); `detail` adds each LSP's TLVs, one line per entry.
/// JSON: `[{level, lsp_id, sequence, checksum, lifetime, is_type, attached, overload, own,
/// tlvs?: [{type, ...}]}]`.
enum ISISDatabaseRenderer {
    static func render(_ instance: ISISInstance, detail: Bool, wantsJSON: Bool) -> CommandResult {
        let entries = instance.databaseEntries()
        var blocks: [String] = []
        for level in instance.levels {
            var table = TextTable(["LSPID", "LSP Seq Num", "Checksum", "Lifetime", "Attributes"])
            var details: [[String]] = []
            for entry in entries where entry.level == level {
                let lsp = entry.lsp
                table.add([lsp.lspID.description, ISISFormat.sequence(lsp.sequenceNumber),
                           OSPFFormat.checksum(lsp.checksum), "\(entry.remainingLifetime)", attributes(lsp)])
                details.append(tlvLines(lsp))
            }
            var lines = ["IS-IS Level-\(level.rawValue) Link State Database:"]
            let rows = table.text.split(separator: "\n").map(String.init)
            lines.append(rows[0])
            for (index, row) in rows.dropFirst().enumerated() {
                lines.append(row)
                if detail { lines += details[index].map { "  " + $0 } }
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        let json = JSONValue.array(entries.map { entry in
            var object: [String: JSONValue] = [
                "level": .integer(entry.level.rawValue),
                "lsp_id": .string(entry.lsp.lspID.description),
                "sequence": .integer(entry.lsp.sequenceNumber),
                "checksum": .string(OSPFFormat.checksum(entry.lsp.checksum)),
                "lifetime": .integer(entry.remainingLifetime),
                "is_type": .string(entry.lsp.isType == .level1 ? "L1" : "L2"),
                "attached": .bool(entry.lsp.attached),
                "overload": .bool(entry.lsp.overload),
                "own": .bool(entry.isOwn),
            ]
            if detail { object["tlvs"] = .array(entry.lsp.tlvs.flatMap(tlvJSON)) }
            return .object(object)
        })
        return CommandResult(text: blocks.joined(separator: "\n\n"), json: json, wantsJSON: wantsJSON)
    }

    /// "L1", "L2", "L2 ATT", "L2 OL".
    static func attributes(_ lsp: ISISLSP) -> String {
        var words = [lsp.isType == .level1 ? "L1" : "L2"]
        if lsp.attached { words.append("ATT") }
        if lsp.overload { words.append("OL") }
        if lsp.remainingLifetime == 0 && lsp.tlvs.isEmpty { words.append("purged") }
        return words.joined(separator: " ")
    }

    /// One line per TLV entry, as IOS prints LSP detail.
    static func tlvLines(_ lsp: ISISLSP) -> [String] {
        lsp.tlvs.flatMap { tlv -> [String] in
            switch tlv {
            case .areaAddresses(let areas): areas.map { "Area Address: \($0)" }
            case .protocolsSupported(let nlpids): ["NLPID: " + nlpids.map { "0x" + OSPFFormat.digits($0, 2, radix: 16) }
                .joined(separator: " ")]
            case .hostname(let name): ["Hostname: \(name)"]
            case .ipInterfaceAddresses(let addresses): addresses.map { "IP Address: \($0)" }
            case .extendedISReachability(let entries): entries.map { "Metric: \($0.metric) IS-Extended \($0.neighbor)" }
            case .isReachability(let entries): entries.map { "Metric: \($0.metric) IS \($0.neighbor)" }
            case .extendedIPReachability(let entries):
                entries.map { "Metric: \($0.metric) IP-Extended \($0.prefix)" + ($0.down ? " (down)" : "") }
            case .ipInternalReachability(let entries), .ipExternalReachability(let entries):
                entries.map { "Metric: \($0.metric) IP \($0.prefix)" + ($0.down ? " (down)" : "") }
            case .isNeighbors, .padding, .lspEntries, .threeWayAdjacency: []
            }
        }
    }

    private static func tlvJSON(_ tlv: ISISTLV) -> [JSONValue] {
        switch tlv {
        case .areaAddresses(let areas): areas.map { .object(["type": .string("area"), "area": .string("\($0)")]) }
        case .protocolsSupported(let nlpids): nlpids.map { .object(["type": .string("nlpid"), "nlpid": .integer($0)]) }
        case .hostname(let name): [.object(["type": .string("hostname"), "hostname": .string(name)])]
        case .ipInterfaceAddresses(let addresses):
            addresses.map { .object(["type": .string("ip_address"), "address": .string("\($0)")]) }
        case .extendedISReachability(let entries):
            entries.map { .object(["type": .string("is_reach"), "neighbor": .string("\($0.neighbor)"),
                                   "metric": .integer($0.metric)]) }
        case .isReachability(let entries):
            entries.map { .object(["type": .string("is_reach"), "neighbor": .string("\($0.neighbor)"),
                                   "metric": .integer($0.metric)]) }
        case .extendedIPReachability(let entries):
            entries.map { .object(["type": .string("ip_reach"), "prefix": .string("\($0.prefix)"),
                                   "metric": .integer($0.metric), "down": .bool($0.down)]) }
        case .ipInternalReachability(let entries), .ipExternalReachability(let entries):
            entries.map { .object(["type": .string("ip_reach"), "prefix": .string("\($0.prefix)"),
                                   "metric": .integer($0.metric), "down": .bool($0.down)]) }
        case .isNeighbors, .padding, .lspEntries, .threeWayAdjacency: []
        }
    }
}

/// The small formats the IS-IS commands share.
enum ISISFormat {
    /// "0x00000003".
    static func sequence(_ value: UInt32) -> String { "0x" + OSPFFormat.digits(value, 8, radix: 16) }

    /// A vertex by name: the router's hostname, with ".NN" for a pseudonode.
    static func vertex(_ node: ISISNodeID, instance: ISISInstance) -> String {
        let name = instance.displayName(node.systemID)
        return node.isPseudonode ? name + "." + OSPFFormat.digits(node.pseudonode, 2, radix: 16) : name
    }
}
