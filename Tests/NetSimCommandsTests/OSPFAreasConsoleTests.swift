import Testing
import NetSimCommands
import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimWire

/// The OSPF commands where there are summaries and externals: r1 (area 0) — r2 (ABR) — r3
/// (area 1, ASBR redistributing its connected routes).
@Suite("OSPF console with areas and externals")
struct OSPFAreasConsoleTests {
    @Test func databaseListsSummariesAndExternals() throws {
        let sim = convergedOSPF(ospfTwoAreas())
        let sections = paragraphs(execute("show ospf database", on: "r1", in: sim).text)
        func table(titled title: String) -> [[String]]? {
            sections.firstIndex(of: title).map { lines(sections[$0 + 1]).map(cells) }
        }
        let summaries = try #require(table(titled: "Summary Link States (Area 0.0.0.0)"))
        #expect(summaries[0] == ["Link ID", "ADV Router", "Age", "Seq#", "CkSum", "Route"])
        #expect(summaries.dropFirst().map { [$0[0], $0[1], $0[5]] } == [["10.0.23.0", "2.2.2.2", "10.0.23.0/24"]])
        let boundary = try #require(table(titled: "ASBR-Summary Link States (Area 0.0.0.0)"))
        #expect(boundary[0] == ["Link ID", "ADV Router", "Age", "Seq#", "CkSum"])
        #expect(boundary.dropFirst().map { Array($0.prefix(2)) } == [["3.3.3.3", "2.2.2.2"]])
        let externals = try #require(table(titled: "AS External Link States"))
        #expect(externals[0] == ["Link ID", "ADV Router", "Age", "Seq#", "CkSum", "Route"])
        // r3 redistributes its connected routes except the subnet OSPF already announces (as FRR).
        #expect(externals.dropFirst().map { [$0[0], $0[1], $0[5]] } == [
            ["10.0.3.0", "3.3.3.3", "E2 10.0.3.0/24 [0x0]"],
        ])
        // The AS-external section comes last.
        #expect(sections[sections.count - 2] == "AS External Link States")
    }

    @Test func summaryAndExternalDetail() throws {
        let sim = convergedOSPF(ospfTwoAreas())
        let summary = lines(execute("show ospf database summary 10.0.23.0", on: "r1", in: sim).text)
        #expect(summary[2] == "Summary Link States (Area 0.0.0.0)")
        #expect(summary.suffix(3) == ["  Length: 28", "  Network Mask: /24", "        TOS: 0  Metric: 10"])
        #expect(summary.contains("  LS Type: summary-LSA") && summary.contains("  Advertising Router: 2.2.2.2"))
        let boundary = lines(execute("show ospf database asbr-summary", on: "r1", in: sim).text)
        #expect(boundary.contains("  LS Type: ASBR-summary-LSA") && boundary.contains("  Link State ID: 3.3.3.3"))
        #expect(boundary.suffix(2) == ["  Network Mask: /0", "        TOS: 0  Metric: 10"])

        let external = lines(execute("show ospf database external 10.0.3.0", on: "r1", in: sim).text)
        #expect(external[2] == "AS External Link States")
        #expect(external.suffix(7) == [
            "  Length: 36",
            "  Network Mask: /24",
            "        Metric Type: 2 (Larger than any link state path)",
            "        TOS: 0",
            "        Metric: 20",
            "        Forward Address: 0.0.0.0",
            "        External Route Tag: 0",
        ])
        let json = try #require(elements(execute("show ospf database external 10.0.3.0 --json", on: "r1", in: sim).json))
        let lsa = try #require(json.first.flatMap(members))
        #expect(json.count == 1)
        #expect(lsa["area"] == .null && lsa["type"] == .string("external"))
        #expect(lsa["prefix"] == .string("10.0.3.0/24") && lsa["network_mask"] == .string("255.255.255.0"))
        #expect(lsa["metric_type"] == .int(2) && lsa["metric"] == .int(20))
        #expect(lsa["forwarding_address"] == .string("0.0.0.0") && lsa["route_tag"] == .int(0))
        let summaryJSON = try #require(elements(execute("sh ospf data su --json", on: "r1", in: sim).json)?.first.flatMap(members))
        #expect(summaryJSON["prefix"] == .string("10.0.23.0/24") && summaryJSON["metric"] == .int(10))
        let boundaryJSON = try #require(elements(execute("sh ospf data a --json", on: "r1", in: sim).json)?.first.flatMap(members))
        #expect(boundaryJSON["prefix"] == nil && boundaryJSON["network_mask"] == .string("0.0.0.0"))
    }

    @Test func borderAndBoundaryRoutersSayWhatTheyAre() throws {
        let sim = convergedOSPF(ospfTwoAreas())
        let abr = lines(execute("show ospf", on: "r2", in: sim).text)
        #expect(abr[1] == "  This router is an ABR")
        #expect(abr.contains("  Number of areas attached to this router: 2"))
        #expect(abr.contains("  Area ID: 0.0.0.0 (Backbone)") && abr.contains("  Area ID: 0.0.0.1"))
        #expect(abr.contains("  Number of external LSA 1"))
        let abrJSON = try #require(members(execute("show ospf --json", on: "r2", in: sim).json))
        #expect(abrJSON["abr"] == .bool(true) && abrJSON["asbr"] == .bool(false))
        #expect(elements(abrJSON["areas"])?.map { members($0)?["area"] } == [.string("0.0.0.0"), .string("0.0.0.1")])

        let asbr = lines(execute("show ip protocols", on: "r3", in: sim).text)
        #expect(asbr[2] == "  It is not an area border router and an autonomous system boundary router")
        #expect(asbr[3...4] == ["  Number of areas in this router is 1:", "    0.0.0.1 (1 interface)"])
        #expect(asbr[5] == "  Redistributing: connected (metric 20, type 2)")
        let ospf = try #require(members(execute("show ip protocols --json", on: "r3", in: sim).json)?["ospf"].flatMap(members))
        #expect(ospf["asbr"] == .bool(true))
        #expect(ospf["redistribute"] == .array([.object(["source": .string("connected"), "metric": .int(20),
                                                         "metric_type": .int(2)])]))
        #expect(lines(execute("show ospf", on: "r3", in: sim).text)[1]
                == "  This router is an ASBR (injecting external routing information)")
        // r3's eth1 (toward h3) is not an OSPF interface.
        #expect(execute("show ospf interface eth1", on: "r3", in: sim).text == "% OSPF is not enabled on r3 interface eth1")
    }

    @Test func externalRoutesShowTheirTypes() {
        let sim = convergedOSPF(ospfTwoAreas())
        #expect(lines(execute("show ip route", on: "r2", in: sim).text).suffix(3) == [
            "O E2 10.0.3.0/24 [110/20] via 10.0.23.3, eth1",
            "C    10.0.12.0/24 is directly connected, eth0",
            "C    10.0.23.0/24 is directly connected, eth1",
        ])
        #expect(lines(execute("show ip route 10.0.3.10", on: "r2", in: sim).text)[1]
                == "  Known via \"ospf\", distance 110, metric 20, external type 2, best")
        #expect(execute("show ip route 10.0.3.0/24 --json", on: "r2", in: sim).output == "["
            + #"{"destination":"10.0.3.0/24","distance":110,"metric":20,"next_hops":[{"address":"10.0.23.3","interface":"eth1"}],"path_type":"external-2","source":"ospf"}"#
            + "]")
    }

    /// Shutting r1's only interface takes r2's backbone link down with it: r2 is no longer an
    /// ABR and flushes both of its summaries at once (which used to trap in the engine, when
    /// removing the first re-entered the removal of the second).
    @Test func borderRouterThatLosesTheBackboneFlushesItsSummaries() throws {
        let sim = convergedOSPF(ospfTwoAreas())
        _ = sim.run(until: sim.now + .seconds(30), maxEvents: commandEventBudget)
        #expect(execute("interface shutdown eth0", on: "r1", in: sim).text == "Interface eth0 admin-down")
        _ = sim.run(until: sim.now + .seconds(10), maxEvents: commandEventBudget)
        let summary = try #require(members(execute("show ospf --json", on: "r2", in: sim).json))
        #expect(summary["abr"] == .bool(false))
        let lsas = try #require(elements(execute("show ospf database --json", on: "r2", in: sim).json))
        #expect(!lsas.contains { members($0)?["type"] == .string("summary") || members($0)?["type"] == .string("asbr-summary") })
        #expect(execute("show ospf neighbors", on: "r1", in: sim).text == "Neighbor ID  Pri  State  Dead Time  Address  Interface")
    }

    /// r1 learns 10.0.23.0/24 as O IA and 10.0.3.0/24 as O E2 through the ABR r2, which
    /// originates a router-LSA into each of its areas.
    @Test func interAreaRoutesThroughTheBorderRouter() {
        let sim = convergedOSPF(ospfTwoAreas())
        #expect(lines(execute("show ip route", on: "r1", in: sim).text).suffix(3) == [
            "O E2 10.0.3.0/24 [110/20] via 10.0.12.2, eth0",
            "C    10.0.12.0/24 is directly connected, eth0",
            "O IA 10.0.23.0/24 [110/20] via 10.0.12.2, eth0",
        ])
        #expect(lines(execute("show ip route 10.0.23.1", on: "r1", in: sim).text).dropFirst().first
                == "  Known via \"ospf\", distance 110, metric 20, inter area, best")
    }
}
