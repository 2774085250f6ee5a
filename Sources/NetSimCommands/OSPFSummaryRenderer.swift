import NetSimOSPF
import NetSimRouting
import NetSimWire

/// `show ospf`: the process at a glance, after FRR's `show ip ospf` — router ID, ABR/ASBR
/// role, the SPF throttle and LSA timers, SPF runs, LSA counts, and per area its interfaces,
/// full adjacencies and LSAs by type.
/// JSON: `{router_id, abr, asbr, spf: {delay_ms, initial_hold_ms, max_hold_ms, runs, last_run_ms},
/// min_ls_interval_ms, min_ls_arrival_ms, external_lsas, areas: [{area, backbone, interfaces,
/// active_interfaces, full_adjacencies, lsas, router_lsas, network_lsas, summary_lsas,
/// asbr_summary_lsas}]}`.
enum OSPFSummaryRenderer {
    static func render(_ instance: OSPFInstance, wantsJSON: Bool) -> CommandResult {
        let entries = instance.databaseEntries()
        let abr = instance.isAreaBorderRouter, asbr = instance.configuration.isASBoundaryRouter
        var lines = ["OSPF Routing Process, Router ID: \(instance.routerID)"]
        switch (abr, asbr) {
        case (true, true): lines.append("  This router is an ABR and an ASBR (injecting external routing information)")
        case (true, false): lines.append("  This router is an ABR")
        case (false, true): lines.append("  This router is an ASBR (injecting external routing information)")
        case (false, false): break
        }
        lines += ["  Initial SPF scheduling delay \(milliseconds(OSPFInstance.spfDelay)) msecs",
                  "  Minimum hold time between consecutive SPFs \(milliseconds(OSPFInstance.spfInitialHold)) msecs",
                  "  Maximum hold time between consecutive SPFs \(milliseconds(OSPFInstance.spfMaximumHold)) msecs"]
        lines.append("  " + OSPFFormat.spfHistory(instance))
        let externals = entries.filter { $0.area == nil }.count
        lines += ["  LSA minimum interval \(milliseconds(OSPFInstance.minLSInterval)) msecs",
                  "  LSA minimum arrival \(milliseconds(OSPFInstance.minLSArrival)) msecs",
                  "  Number of external LSA \(externals)",
                  "  Number of areas attached to this router: \(instance.areaIDs.count)"]
        var areas: [JSONValue] = []
        for area in instance.areaIDs {
            let interfaces = instance.interfaces.filter { $0.area == area }
            let active = interfaces.filter(\.isUp).count
            let full = interfaces.map { OSPFInterfaceRenderer.neighborCounts($0).adjacent }.reduce(0, +)
            let lsas = entries.filter { $0.area == area }
            func count(_ type: LSAType) -> Int { lsas.filter { $0.lsa.key.type == type }.count }
            lines += ["", "  Area ID: \(OSPFFormat.areaTitle(area))",
                      "    Number of interfaces in this area: Total: \(interfaces.count), Active: \(active)",
                      "    Number of fully adjacent neighbors in this area: \(full)",
                      "    Number of LSA \(lsas.count)",
                      "    Number of router LSA \(count(.router))",
                      "    Number of network LSA \(count(.network))",
                      "    Number of summary LSA \(count(.summaryNetwork))",
                      "    Number of ASBR summary LSA \(count(.summaryASBR))"]
            areas.append(.object([
                "area": .string(area.description), "backbone": .bool(area == .zero),
                "interfaces": .integer(interfaces.count), "active_interfaces": .integer(active),
                "full_adjacencies": .integer(full), "lsas": .integer(lsas.count),
                "router_lsas": .integer(count(.router)), "network_lsas": .integer(count(.network)),
                "summary_lsas": .integer(count(.summaryNetwork)), "asbr_summary_lsas": .integer(count(.summaryASBR)),
            ]))
        }
        let json = JSONValue.object([
            "router_id": .string(instance.routerID.description),
            "abr": .bool(abr),
            "asbr": .bool(asbr),
            "spf": .object([
                "delay_ms": .double(OSPFInstance.spfDelay.milliseconds),
                "initial_hold_ms": .double(OSPFInstance.spfInitialHold.milliseconds),
                "max_hold_ms": .double(OSPFInstance.spfMaximumHold.milliseconds),
                "runs": .integer(instance.spfRuns),
                "last_run_ms": instance.lastSPFAt.map { .double($0.milliseconds) } ?? .null,
            ]),
            "min_ls_interval_ms": .double(OSPFInstance.minLSInterval.milliseconds),
            "min_ls_arrival_ms": .double(OSPFInstance.minLSArrival.milliseconds),
            "external_lsas": .integer(externals),
            "areas": .array(areas),
        ])
        return CommandResult(text: lines.joined(separator: "\n"), json: json, wantsJSON: wantsJSON)
    }

    private static func milliseconds(_ time: SimTime) -> String { SimTime.format(milliseconds: time.nanoseconds) }
}
