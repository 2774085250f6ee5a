import Testing
import NetSimCommands
import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimWire

/// The OSPF commands on the seed's triangle, seen from r1 (point-to-point links).
@Suite("OSPF console on the triangle")
struct OSPFTriangleConsoleTests {
    @Test func routeTableShowsOSPFRoutesWithCodesAndPathTypes() throws {
        let sim = convergedOSPF(ospfTriangle())
        #expect(execute("show ip route", on: "r1", in: sim).text == """
            Codes: C - connected, S - static, O - OSPF, IA - OSPF inter area, E1 - OSPF external type 1, E2 - OSPF external type 2

            Gateway of last resort is not set

            C    10.0.1.0/24 is directly connected, eth2
            O    10.0.3.0/24 [110/11] via 10.0.13.3, eth1
            C    10.0.12.0/24 is directly connected, eth0
            C    10.0.13.0/24 is directly connected, eth1
            O    10.0.23.0/24 [110/20] via 10.0.12.2, eth0
                              [110/20] via 10.0.13.3, eth1
            """)
        let routes = try #require(elements(execute("show ip route --json", on: "r1", in: sim).json))
        #expect(routes.count == 5)
        #expect(routes[1] == .object([
            "destination": .string("10.0.3.0/24"), "source": .string("ospf"), "path_type": .string("intra-area"),
            "distance": .int(110), "metric": .int(11),
            "next_hops": .array([.object(["address": .string("10.0.13.3"), "interface": .string("eth1")])]),
        ]))
        #expect(routes[4] == .object([
            "destination": .string("10.0.23.0/24"), "source": .string("ospf"), "path_type": .string("intra-area"),
            "distance": .int(110), "metric": .int(20),
            "next_hops": .array([.object(["address": .string("10.0.12.2"), "interface": .string("eth0")]),
                                 .object(["address": .string("10.0.13.3"), "interface": .string("eth1")])]),
        ]))
        #expect(members(routes[0])?["path_type"] == .null)

        #expect(execute("show ip route 10.0.23.5", on: "r1", in: sim).text == """
            Routing entry for 10.0.23.0/24
              Known via "ospf", distance 110, metric 20, intra area, best
              * 10.0.12.2, via eth0
              * 10.0.13.3, via eth1
            """)
        #expect(execute("show ip route 10.0.1.0/24", on: "r1", in: sim).text == """
            Routing entry for 10.0.1.0/24
              Known via "connected", distance 0, metric 0, best
              * directly connected, eth2
            """)
    }

    @Test func neighborsTable() throws {
        let sim = convergedOSPF(ospfTriangle())
        let result = execute("show ospf neighbors", on: "r1", in: sim)
        #expect(result.succeeded)
        let rows = lines(result.text).map(cells)
        #expect(rows.count == 3)
        #expect(rows[0] == ["Neighbor ID", "Pri", "State", "Dead Time", "Address", "Interface"])
        #expect(rows[1].count == 6 && rows[2].count == 6)
        #expect(rows.dropFirst().map { [$0[0], $0[1], $0[2], $0[4], $0[5]] } == [
            ["2.2.2.2", "1", "Full/-", "10.0.12.2", "eth0"],
            ["3.3.3.3", "1", "Full/-", "10.0.13.3", "eth1"],
        ])
        // The dead time counts down from the 40 s dead interval since the last Hello (10 s apart).
        let instance = try #require(sim.devices[0].ospf)
        for (row, neighbor) in zip(rows.dropFirst(), instance.interfaces.flatMap(\.neighbors)) {
            #expect(isFRRSeconds(row[3]), "\(row[3])")
            let remaining = neighbor.deadline - sim.now
            #expect(remaining > .seconds(30) && remaining <= .seconds(40))
            #expect(Double(row[3].dropLast()).map { Int64(($0 * 1000).rounded()) } == remaining.nanoseconds / 1_000_000)
        }
        // The columns line up: every row is as wide as its columns' widest cell.
        #expect(lines(result.text)[1].hasPrefix("2.2.2.2      1    Full/-  "))
    }

    /// The seed's JSON keys and meanings, as a top-level array (its CI does `jq -e 'length == 2'`).
    @Test func neighborsJSON() throws {
        let sim = convergedOSPF(ospfTriangle())
        let result = execute("show ospf neighbors --json", on: "r1", in: sim)
        #expect(result.wantsJSON && result.output.hasPrefix("[{"))
        let neighbors = try #require(elements(result.json))
        #expect(neighbors.count == 2)
        let instance = try #require(sim.devices[0].ospf)
        let deadlines = instance.interfaces.flatMap(\.neighbors).map { ($0.deadline - sim.now).milliseconds }
        for (index, (id, interface, address)) in [("2.2.2.2", "eth0", "10.0.12.2"),
                                                  ("3.3.3.3", "eth1", "10.0.13.3")].enumerated() {
            #expect(neighbors[index] == .object([
                "neighbor_id": .string(id), "interface": .string(interface), "state": .string("Full"),
                "priority": .int(1), "role": .null, "address": .string(address),
                "dead_time_ms": .double(deadlines[index]),
            ]))
        }
        // The alias and the singular spelling give the same answer.
        #expect(execute("show ip ospf neighbor --json", on: "r1", in: sim).output == result.output)
    }

    @Test func interfaceBlocks() throws {
        let sim = convergedOSPF(ospfTriangle())
        let all = execute("show ospf interface", on: "r1", in: sim)
        let blocks = paragraphs(all.text)
        #expect(blocks.count == 3)
        #expect(blocks[0] == """
            eth0 is up
              Internet Address 10.0.12.1/24, Area 0.0.0.0, MTU 1500
              Router ID 1.1.1.1, Network Type POINTOPOINT, Cost: 10
              Transmit Delay is 1 sec, State Point-To-Point, Priority 1
              No designated router on this network
              No backup designated router on this network
              Timer intervals configured, Hello 10s, Dead 40s, Wait 40s, Retransmit 5s
              Neighbor Count is 1, Adjacent neighbor count is 1
            """)
        #expect(blocks[2] == """
            eth2 is up
              Internet Address 10.0.1.1/24, Area 0.0.0.0, MTU 1500
              Router ID 1.1.1.1, Network Type POINTOPOINT, Cost: 1
              Transmit Delay is 1 sec, State Point-To-Point, Priority 1
              No designated router on this network
              No backup designated router on this network
              Timer intervals configured, Hello 10s, Dead 40s, Wait 40s, Retransmit 5s
                No Hellos (Passive interface)
              Neighbor Count is 0, Adjacent neighbor count is 0
            """)
        #expect(execute("show ip ospf interface eth2", on: "r1", in: sim).text == blocks[2])

        let json = try #require(elements(execute("show ospf interface eth2 --json", on: "r1", in: sim).json))
        #expect(json == [.object([
            "name": .string("eth2"), "up": .bool(true), "address": .string("10.0.1.1/24"), "area": .string("0.0.0.0"),
            "network": .string("point-to-point"), "cost": .int(1), "state": .string("Point-To-Point"),
            "priority": .int(1), "mtu": .int(1500), "designated_router": .null, "backup_designated_router": .null,
            "timers": .object(["hello_s": .int(10), "dead_s": .int(40), "wait_s": .int(40), "retransmit_s": .int(5),
                               "transmit_delay_s": .int(1)]),
            "passive": .bool(true), "neighbors": .int(0), "adjacent": .int(0),
        ])])
        let everyInterface = try #require(elements(execute("sh ospf int --json", on: "r1", in: sim).json))
        #expect(everyInterface.map { members($0)?["cost"] } == [.int(10), .int(10), .int(1)])
        #expect(everyInterface.map { members($0)?["adjacent"] } == [.int(1), .int(1), .int(0)])
    }

    @Test func databaseSummary() throws {
        let sim = convergedOSPF(ospfTriangle())
        let result = execute("show ospf database", on: "r1", in: sim)
        let text = lines(result.text)
        #expect(Array(text.prefix(5)) == ["OSPF Router with ID (1.1.1.1)", "", "Router Link States (Area 0.0.0.0)", "",
                                          "Link ID  ADV Router  Age  Seq#        CkSum   Link count"])
        #expect(text.count == 8)
        let rows = text.suffix(3).map(cells)
        #expect(rows.map { [$0[0], $0[1], $0[5]] } == [["1.1.1.1", "1.1.1.1", "5"], ["2.2.2.2", "2.2.2.2", "4"],
                                                       ["3.3.3.3", "3.3.3.3", "5"]])
        // Age, sequence number and checksum as the database holds them, in FRR's formats.
        let entries = try #require(sim.devices[0].ospf).databaseEntries()
        #expect(entries.count == 3)
        for (row, entry) in zip(rows, entries) {
            #expect(row[2] == "\(entry.age)")
            #expect(isHex(row[3], digits: 8) && row[3].hasPrefix("0x8000000"))
            #expect(UInt32(row[3].dropFirst(2), radix: 16) == UInt32(bitPattern: entry.lsa.header.sequence))
            #expect(isHex(row[4], digits: 4))
            #expect(UInt16(row[4].dropFirst(2), radix: 16) == entry.lsa.header.checksum)
        }
        // Every router holds the same LSAs (ages aside).
        func withoutAges(_ json: JSONValue) -> [JSONValue] {
            (elements(json) ?? []).compactMap(members).map { JSONValue.object($0.filter { $0.key != "age_s" }) }
        }
        #expect(withoutAges(execute("show ospf database --json", on: "r3", in: sim).json) == withoutAges(result.json))

        let json = try #require(elements(result.json))
        #expect(json.count == 3)
        let first = try #require(members(json[0]))
        #expect(Set(first.keys) == ["area", "type", "link_state_id", "advertising_router", "age_s", "options", "sequence",
                                    "checksum", "length", "abr", "asbr", "virtual_link_endpoint", "links"])
        #expect(first["area"] == .string("0.0.0.0") && first["type"] == .string("router"))
        #expect(first["sequence"] == .string(rows[0][3]) && first["checksum"] == .string(rows[0][4]))
        #expect(first["options"] == .int(2) && first["length"] == .int(84))
        #expect(first["abr"] == .bool(false) && first["asbr"] == .bool(false))
        #expect(elements(first["links"])?.first == .object([
            "type": .string("point-to-point"), "link_id": .string("2.2.2.2"), "link_data": .string("10.0.12.1"),
            "metric": .int(10),
        ]))
        #expect(elements(first["links"])?.last == .object([
            "type": .string("stub"), "link_id": .string("10.0.1.0"), "link_data": .string("255.255.255.0"),
            "metric": .int(1),
        ]))
    }

    @Test func routerLSADetail() throws {
        let sim = convergedOSPF(ospfTriangle())
        let result = execute("show ip ospf database router 3.3.3.3", on: "r1", in: sim)
        let entry = try #require(sim.devices[0].ospf?.databaseEntries().first { $0.lsa.key.linkStateID == ip("3.3.3.3") })
        let sequence = "0x" + String(UInt32(bitPattern: entry.lsa.header.sequence), radix: 16)
        let checksum = String(entry.lsa.header.checksum, radix: 16)
        let text = lines(result.text)
        #expect(Array(text.prefix(15)) == [
            "OSPF Router with ID (1.1.1.1)",
            "",
            "Router Link States (Area 0.0.0.0)",
            "",
            "  LS age: \(entry.age)",
            "  Options: 0x2 : *|-|-|-|-|-|E|-",
            "  Flags: 0x0",
            "  LS Type: router-LSA",
            "  Link State ID: 3.3.3.3",
            "  Advertising Router: 3.3.3.3",
            "  LS Seq Number: \(sequence)",
            "  Checksum: 0x" + String(repeating: "0", count: 4 - checksum.count) + checksum,
            "  Length: 84",
            "",
            "   Number of Links: 5",
        ])
        #expect(Array(text.suffix(17)) == [
            "    Link connected to: another Router (point-to-point)",
            "     (Link ID) Neighboring Router ID: 2.2.2.2",
            "     (Link Data) Router Interface address: 10.0.23.3",
            "      Number of TOS metrics: 0",
            "       TOS 0 Metric: 10",
            "",
            "    Link connected to: Stub Network",
            "     (Link ID) Net: 10.0.23.0",
            "     (Link Data) Network Mask: 255.255.255.0",
            "      Number of TOS metrics: 0",
            "       TOS 0 Metric: 10",
            "",
            "    Link connected to: Stub Network",
            "     (Link ID) Net: 10.0.3.0",
            "     (Link Data) Network Mask: 255.255.255.0",
            "      Number of TOS metrics: 0",
            "       TOS 0 Metric: 1",
        ])
        #expect(elements(result.json)?.count == 1)
        // Without an ID: all three; an ID nobody advertises: the title only, and an empty array.
        #expect(elements(execute("sh ospf data router --json", on: "r1", in: sim).json)?.count == 3)
        let none = execute("show ospf database router 9.9.9.9", on: "r1", in: sim)
        #expect(none.succeeded && none.text == "OSPF Router with ID (1.1.1.1)")
        #expect(none.json == .array([]))
        #expect(execute("show ospf database network", on: "r1", in: sim).text == "OSPF Router with ID (1.1.1.1)")
    }

    @Test func ipProtocols() throws {
        let sim = convergedOSPF(ospfTriangle())
        let instance = try #require(sim.devices[0].ospf)
        let lastSPF = try #require(instance.lastSPFAt)
        let result = execute("show ip protocols", on: "r1", in: sim)
        #expect(result.text == """
            Routing Protocol is "ospf"
              Router ID 1.1.1.1
              It is not an area border router and not an autonomous system boundary router
              Number of areas in this router is 1:
                0.0.0.0 (3 interfaces)
              Redistributing: nothing
              SPF algorithm executed \(instance.spfRuns) times, last at t=\(lastSPF)
              Routing for Networks:
                10.0.12.0/24 area 0.0.0.0
                10.0.13.0/24 area 0.0.0.0
                10.0.1.0/24 area 0.0.0.0
              Passive Interface(s):
                eth2
              Routing Information Sources:
                Gateway  Distance
                2.2.2.2  110
                3.3.3.3  110

            Administrative distances: connected 0, static 1, ospf 110
            """)
        let json = try #require(members(result.json))
        #expect(json["distances"] == .object(["connected": .int(0), "static": .int(1), "ospf": .int(110)]))
        let ospf = try #require(json["ospf"].flatMap(members))
        #expect(ospf["router_id"] == .string("1.1.1.1"))
        #expect(ospf["areas"] == .array([.object(["area": .string("0.0.0.0"), "interfaces": .int(3)])]))
        #expect(ospf["abr"] == .bool(false) && ospf["asbr"] == .bool(false) && ospf["redistribute"] == .array([]))
        #expect(ospf["spf_runs"] == .int(Int64(instance.spfRuns)) && ospf["last_spf_ms"] == .double(lastSPF.milliseconds))
        #expect(ospf["passive_interfaces"] == .array([.string("eth2")]))
        #expect(ospf["sources"] == .array([.object(["router_id": .string("2.2.2.2"), "distance": .int(110)]),
                                           .object(["router_id": .string("3.3.3.3"), "distance": .int(110)])]))
        #expect(elements(ospf["networks"])?.first == .object(["prefix": .string("10.0.12.0/24"),
                                                              "area": .string("0.0.0.0")]))

        // A host runs no routing protocol.
        let host = execute("show ip protocols", on: "h1", in: sim)
        #expect(host.succeeded)
        #expect(host.text == """
            No dynamic routing protocol is running on h1; only connected and static routing is active

            Administrative distances: connected 0, static 1
            """)
        #expect(execute("show ip protocols --json", on: "h1", in: sim).output
                == #"{"distances":{"connected":0,"static":1},"isis":null,"ospf":null}"#)
    }

    @Test func processSummary() throws {
        let sim = convergedOSPF(ospfTriangle())
        let instance = try #require(sim.devices[0].ospf)
        let lastSPF = try #require(instance.lastSPFAt)
        let result = execute("show ospf", on: "r1", in: sim)
        #expect(result.text == """
            OSPF Routing Process, Router ID: 1.1.1.1
              Initial SPF scheduling delay 0 msecs
              Minimum hold time between consecutive SPFs 50 msecs
              Maximum hold time between consecutive SPFs 5000 msecs
              SPF algorithm executed \(instance.spfRuns) times, last at t=\(lastSPF)
              LSA minimum interval 5000 msecs
              LSA minimum arrival 1000 msecs
              Number of external LSA 0
              Number of areas attached to this router: 1

              Area ID: 0.0.0.0 (Backbone)
                Number of interfaces in this area: Total: 3, Active: 3
                Number of fully adjacent neighbors in this area: 2
                Number of LSA 3
                Number of router LSA 3
                Number of network LSA 0
                Number of summary LSA 0
                Number of ASBR summary LSA 0
            """)
        #expect(execute("sh ip os", on: "r1", in: sim).text == result.text)
        #expect(result.json == .object([
            "router_id": .string("1.1.1.1"), "abr": .bool(false), "asbr": .bool(false),
            "spf": .object(["delay_ms": .double(0), "initial_hold_ms": .double(50), "max_hold_ms": .double(5000),
                            "runs": .int(Int64(instance.spfRuns)), "last_run_ms": .double(lastSPF.milliseconds)]),
            "min_ls_interval_ms": .double(5000), "min_ls_arrival_ms": .double(1000), "external_lsas": .int(0),
            "areas": .array([.object([
                "area": .string("0.0.0.0"), "backbone": .bool(true), "interfaces": .int(3), "active_interfaces": .int(3),
                "full_adjacencies": .int(2), "lsas": .int(3), "router_lsas": .int(3), "network_lsas": .int(0),
                "summary_lsas": .int(0), "asbr_summary_lsas": .int(0),
            ])]),
        ]))
    }

    /// Every OSPF command on a device without OSPF fails with one clear message, as text and JSON.
    @Test func commandsNeedOSPF() {
        let sim = convergedOSPF(ospfTriangle())
        for line in ["show ospf", "show ospf neighbors", "show ip ospf interface", "show ospf interface eth0",
                     "show ospf database", "show ospf database router", "show ospf database external 10.0.3.0"] {
            let result = execute(line, on: "h1", in: sim)
            #expect(!result.succeeded && result.text == "% OSPF is not enabled on h1", "\(line)")
            #expect(execute(line + " --json", on: "h1", in: sim).output == #"{"error":"OSPF is not enabled on h1"}"#)
        }
        #expect(execute("show ospf interface eth7", on: "r1", in: sim).text
                == "% r1 has no interface 'eth7' (interfaces: eth0, eth1, eth2)")
        #expect(execute("show ospf database router 1.1.1", on: "r1", in: sim).text == "% '1.1.1' is not an IPv4 address")
    }
}
