import NetSimOSPF
import NetSimWire

/// `show ospf database` (a summary table per area and LSA type, then the AS-external LSAs) and
/// `show ospf database <type> [<link-state-id>]` (each LSA in full), in FRR's layout. Sections
/// without LSAs are left out. JSON, for both: an array with every field of every LSA listed
/// (see `OSPFLSARenderer.json`).
enum OSPFDatabaseRenderer {
    static func renderSummary(_ instance: OSPFInstance, wantsJSON: Bool) -> CommandResult {
        let entries = instance.databaseEntries()
        var lines = ["OSPF Router with ID (\(instance.routerID))"]
        for section in sections(entries) {
            var columns = ["Link ID", "ADV Router", "Age", "Seq#", "CkSum"]
            switch section.type {
            case .router: columns.append("Link count")
            case .summaryNetwork, .asExternal: columns.append("Route")
            case .network, .summaryASBR: break
            }
            var table = TextTable(columns)
            for entry in section.entries {
                let header = entry.lsa.header
                var row = [header.key.linkStateID.description, header.key.advertisingRouter.description, "\(entry.age)",
                           OSPFFormat.sequence(header.sequence), OSPFFormat.checksum(header.checksum)]
                switch entry.lsa.body {
                case .router(let body): row.append("\(body.links.count)")
                case .summary(let body) where section.type == .summaryNetwork:
                    row.append(IPv4Prefix(masking: header.key.linkStateID, mask: body.networkMask).description)
                case .external(let body):
                    let prefix = IPv4Prefix(masking: header.key.linkStateID, mask: body.networkMask)
                    row.append("E\(body.isType2 ? 2 : 1) \(prefix) [0x\(String(body.routeTag, radix: 16))]")
                case .network, .summary: break
                }
                table.add(row)
            }
            lines += ["", section.title, "", table.text]
        }
        return CommandResult(text: lines.joined(separator: "\n"), json: .array(entries.map(OSPFLSARenderer.json)),
                             wantsJSON: wantsJSON)
    }

    /// The LSAs of one type, optionally only those with one Link State ID, each in full.
    static func renderDetail(_ instance: OSPFInstance, type: LSAType, linkStateID: IPv4Address?,
                             wantsJSON: Bool) -> CommandResult {
        let entries = instance.databaseEntries().filter {
            $0.lsa.key.type == type && (linkStateID == nil || $0.lsa.key.linkStateID == linkStateID)
        }
        var lines = ["OSPF Router with ID (\(instance.routerID))"]
        for section in sections(entries) {
            lines += ["", section.title]
            for entry in section.entries { lines += [""] + OSPFLSARenderer.textLines(entry.lsa, age: entry.age) }
        }
        return CommandResult(text: lines.joined(separator: "\n"), json: .array(entries.map(OSPFLSARenderer.json)),
                             wantsJSON: wantsJSON)
    }

    private struct Section {
        var area: IPv4Address?
        var type: LSAType
        var entries: [OSPFInstance.DatabaseEntry]

        var title: String {
            let name = switch type {
            case .router: "Router Link States"
            case .network: "Net Link States"
            case .summaryNetwork: "Summary Link States"
            case .summaryASBR: "ASBR-Summary Link States"
            case .asExternal: "AS External Link States"
            }
            return area.map { "\(name) (Area \($0))" } ?? name
        }
    }

    /// Consecutive entries of one area and type; `databaseEntries()` lists them in that order.
    private static func sections(_ entries: [OSPFInstance.DatabaseEntry]) -> [Section] {
        var sections: [Section] = []
        for entry in entries {
            if let last = sections.last, last.area == entry.area, last.type == entry.lsa.key.type {
                sections[sections.count - 1].entries.append(entry)
            } else {
                sections.append(Section(area: entry.area, type: entry.lsa.key.type, entries: [entry]))
            }
        }
        return sections
    }
}
