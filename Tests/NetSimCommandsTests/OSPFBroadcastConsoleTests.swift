import Testing
import NetSimCommands
import NetSimEngine
import NetSimOSPF
import NetSimWire

/// The OSPF commands on a broadcast segment of four routers: DR r4 (priority 10), BDR r3 (5),
/// DROthers r1 (1) and r2 (0).
@Suite("OSPF console on a broadcast segment")
struct OSPFBroadcastConsoleTests {
    private func neighborRows(_ device: String, _ sim: Simulation) -> [[String]] {
        lines(execute("show ospf neighbors", on: device, in: sim).text).dropFirst().map { row in
            let columns = cells(row)
            return [columns[0], columns[1], columns[2], columns[4], columns[5]]
        }
    }

    @Test func neighborStatesCarryTheDRRoles() throws {
        let sim = convergedOSPF(ospfBroadcastSegment())
        // A DROther is fully adjacent to the DR and BDR only; with the other DROther it stays 2-Way.
        #expect(neighborRows("r1", sim) == [
            ["2.2.2.2", "0", "2-Way/DROther", "10.0.0.2", "eth0"],
            ["3.3.3.3", "5", "Full/Backup", "10.0.0.3", "eth0"],
            ["4.4.4.4", "10", "Full/DR", "10.0.0.4", "eth0"],
        ])
        // The DR is fully adjacent to everyone.
        #expect(neighborRows("r4", sim) == [
            ["1.1.1.1", "1", "Full/DROther", "10.0.0.1", "eth0"],
            ["2.2.2.2", "0", "Full/DROther", "10.0.0.2", "eth0"],
            ["3.3.3.3", "5", "Full/Backup", "10.0.0.3", "eth0"],
        ])
        let json = try #require(elements(execute("show ospf neighbors --json", on: "r1", in: sim).json))
        #expect(json.map { members($0)?["state"] } == [.string("2-Way"), .string("Full"), .string("Full")])
        #expect(json.map { members($0)?["role"] } == [.string("DROther"), .string("Backup"), .string("DR")])
        #expect(json.map { members($0)?["priority"] } == [.int(0), .int(5), .int(10)])
        for neighbor in json {
            guard case .double(let deadTime)? = members(neighbor)?["dead_time_ms"] else {
                Issue.record("dead_time_ms missing in \(neighbor.compact)")
                continue
            }
            #expect(deadTime > 0 && deadTime <= 40_000)
        }
    }

    @Test func interfaceNamesTheElectedRouters() throws {
        let sim = convergedOSPF(ospfBroadcastSegment())
        #expect(execute("show ospf interface eth0", on: "r1", in: sim).text == """
            eth0 is up
              Internet Address 10.0.0.1/24, Area 0.0.0.0, MTU 1500
              Router ID 1.1.1.1, Network Type BROADCAST, Cost: 10
              Transmit Delay is 1 sec, State DROther, Priority 1
              Designated Router (ID) 4.4.4.4, Interface Address 10.0.0.4
              Backup Designated Router (ID) 3.3.3.3, Interface Address 10.0.0.3
              Timer intervals configured, Hello 10s, Dead 40s, Wait 40s, Retransmit 5s
              Neighbor Count is 3, Adjacent neighbor count is 2
            """)
        // The DR names itself.
        let dr = lines(execute("show ospf interface eth0", on: "r4", in: sim).text)
        #expect(dr[3] == "  Transmit Delay is 1 sec, State DR, Priority 10")
        #expect(dr[4] == "  Designated Router (ID) 4.4.4.4, Interface Address 10.0.0.4")
        #expect(dr.last == "  Neighbor Count is 3, Adjacent neighbor count is 3")
        let json = try #require(elements(execute("show ospf interface eth0 --json", on: "r1", in: sim).json)?.first)
        #expect(members(json)?["designated_router"]
                == .object(["router_id": .string("4.4.4.4"), "address": .string("10.0.0.4")]))
        #expect(members(json)?["backup_designated_router"]
                == .object(["router_id": .string("3.3.3.3"), "address": .string("10.0.0.3")]))
        #expect(members(json)?["state"] == .string("DROther") && members(json)?["network"] == .string("broadcast"))
        #expect(members(json)?["neighbors"] == .int(3) && members(json)?["adjacent"] == .int(2))
    }

    @Test func databaseHasTheDRsNetworkLSA() throws {
        let sim = convergedOSPF(ospfBroadcastSegment())
        let summary = execute("show ospf database", on: "r2", in: sim)
        let sections = paragraphs(summary.text)
        #expect(sections.count == 5)
        #expect(sections[1] == "Router Link States (Area 0.0.0.0)")
        #expect(lines(sections[2]).map { cells($0)[0] } == ["Link ID", "1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"])
        #expect(lines(sections[2]).dropFirst().map { cells($0)[5] } == ["2", "2", "2", "2"])
        #expect(sections[3] == "Net Link States (Area 0.0.0.0)")
        let network = lines(sections[4]).map(cells)
        #expect(network.count == 2)
        #expect(network[0] == ["Link ID", "ADV Router", "Age", "Seq#", "CkSum"])
        #expect(network[1][0] == "10.0.0.4" && network[1][1] == "4.4.4.4")
        #expect(isHex(network[1][3], digits: 8) && isHex(network[1][4], digits: 4))

        let detail = lines(execute("sh ip ospf da net 10.0.0.4", on: "r2", in: sim).text)
        #expect(Array(detail.prefix(5)) == ["OSPF Router with ID (2.2.2.2)", "", "Net Link States (Area 0.0.0.0)", "",
                                            "  LS age: \(network[1][2])"])
        #expect(Array(detail.dropFirst(5)) == [
            "  Options: 0x2 : *|-|-|-|-|-|E|-",
            "  LS Type: network-LSA",
            "  Link State ID: 10.0.0.4",
            "  Advertising Router: 4.4.4.4",
            "  LS Seq Number: \(network[1][3])",
            "  Checksum: \(network[1][4])",
            "  Length: 40",
            "  Network Mask: /24",
            "        Attached Router: 4.4.4.4",
            "        Attached Router: 1.1.1.1",
            "        Attached Router: 2.2.2.2",
            "        Attached Router: 3.3.3.3",
        ])
        let json = try #require(elements(execute("show ospf database network --json", on: "r2", in: sim).json))
        #expect(json.count == 1)
        let lsa = try #require(members(json[0]))
        #expect(lsa["type"] == .string("network") && lsa["link_state_id"] == .string("10.0.0.4"))
        #expect(lsa["network_mask"] == .string("255.255.255.0") && lsa["prefix"] == .string("10.0.0.0/24"))
        #expect(lsa["attached_routers"] == .array(["4.4.4.4", "1.1.1.1", "2.2.2.2", "3.3.3.3"].map { .string($0) }))
        // The routers' links into the segment are transit links to the DR's address.
        let routers = try #require(elements(execute("show ospf database router --json", on: "r2", in: sim).json))
        for router in routers {
            #expect(elements(members(router)?["links"])?.first.flatMap(members)?["type"] == .string("transit"))
            #expect(elements(members(router)?["links"])?.first.flatMap(members)?["link_id"] == .string("10.0.0.4"))
        }
        // Routes to the other stubs go straight to their routers across the segment, 2-Way or not.
        #expect(lines(execute("show ip route", on: "r1", in: sim).text).suffix(3) == [
            "O    10.0.2.0/24 [110/11] via 10.0.0.2, eth0",
            "O    10.0.3.0/24 [110/11] via 10.0.0.3, eth0",
            "O    10.0.4.0/24 [110/11] via 10.0.0.4, eth0",
        ])
    }

    @Test func summaryCountsTheSegment() throws {
        let sim = convergedOSPF(ospfBroadcastSegment())
        let text = lines(execute("show ospf", on: "r1", in: sim).text)
        #expect(Array(text.suffix(7)) == [
            "    Number of interfaces in this area: Total: 2, Active: 2",
            "    Number of fully adjacent neighbors in this area: 2",
            "    Number of LSA 5",
            "    Number of router LSA 4",
            "    Number of network LSA 1",
            "    Number of summary LSA 0",
            "    Number of ASBR summary LSA 0",
        ])
    }
}
