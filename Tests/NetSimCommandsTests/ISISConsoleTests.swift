import Foundation
import NetSimCommands
import NetSimEngine
import NetSimRouting
import NetSimTopology
import NetSimWire
import Testing

/// The IS-IS commands on the seed's hierarchy and on a LAN of three routers behind a switch,
/// built from YAML and run to convergence through the engine.
@Suite("IS-IS console")
struct ISISConsoleTests {
    static func converged(_ yaml: String) throws -> Simulation { try convergedSimulation(yaml, file: "isis.yaml") }

    static func hierarchy() throws -> Simulation {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/isis-hierarchy.yaml")
        return try converged(try String(contentsOf: path, encoding: .utf8))
    }

    @Test func neighborsDatabaseAndRoutesOfTheSeedHierarchy() throws {
        let sim = try Self.hierarchy()
        let neighbors = execute("show isis neighbors", on: "r2", in: sim).output.split(separator: "\n")
        #expect(neighbors.first == "System ID       Interface  State  Level  Holdtime")
        #expect(neighbors.dropFirst().map { $0.split(separator: " ").prefix(4).joined(separator: " ") }
            == ["0000.0000.0001 eth0 Up L1", "0000.0000.0003 eth1 Up L2"])
        let database = execute("show isis database", on: "r2", in: sim).output
        #expect(database.contains("IS-IS Level-1 Link State Database:"))
        #expect(database.contains("IS-IS Level-2 Link State Database:"))
        #expect(database.split(separator: "\n").filter { $0.hasPrefix("0000.0000.") }.count == 4)
        // r1 reaches r3's loopback through the default route toward the attached r2.
        let routes = execute("show ip route --json", on: "r1", in: sim)
        let rows = try #require(elements(routes.json))
        let defaultRoute = try #require(rows.compactMap(members).first { $0["destination"] == .string("0.0.0.0/0") })
        #expect(defaultRoute["source"] == .string("isis"))
        #expect(defaultRoute["distance"] == .integer(115))
        #expect(defaultRoute["path_type"] == .string("level-1"))
        let ping = execute("ping 192.0.2.3", on: "r1", in: sim).output
        #expect(ping.contains("5/5 packets received"))
        #expect(execute("show isis neighbors", on: "r9", in: sim).output.hasPrefix("%"))
    }

    /// r2 loses its only level-2 adjacency: it clears ATT and r1's default route goes; with the
    /// link back, both return.
    @Test func theDefaultRouteFollowsTheAttachment() throws {
        let sim = try Self.hierarchy()
        #expect(execute("interface shutdown eth1", on: "r2", in: sim).succeeded)
        _ = sim.run(until: sim.now + .seconds(30), maxEvents: commandEventBudget) { false }
        #expect(!execute("show ip route", on: "r1", in: sim).output.contains("0.0.0.0/0"))
        #expect(execute("show isis database", on: "r1", in: sim).output.contains("0000.0000.0002.00-00  0x00000004"))
        #expect(execute("interface no shutdown eth1", on: "r2", in: sim).succeeded)
        _ = sim.run(until: sim.now + .seconds(30), maxEvents: commandEventBudget) { false }
        #expect(execute("show ip route", on: "r1", in: sim).output.contains("i L1 0.0.0.0/0 [115/10] via 10.1.0.2, eth0"))
        #expect(execute("ping 192.0.2.3", on: "r1", in: sim).output.contains("5/5 packets received"))
    }

    @Test func everyIsisCommandHasJSON() throws {
        let sim = try Self.hierarchy()
        for command in ["show isis neighbors", "show isis database", "show isis database detail",
                        "show isis interfaces", "show isis spf", "show isis route", "show ip protocols"] {
            let result = execute(command + " --json", on: "r2", in: sim)
            #expect(result.succeeded, "\(command)")
            #expect(result.json != .null, "\(command)")
        }
        let detail = try #require(elements(execute("show isis database detail --json", on: "r1", in: sim).json))
        let r2 = try #require(detail.compactMap(members).first { $0["lsp_id"] == .string("0000.0000.0002.00-00") })
        #expect(r2["attached"] == .bool(true))
        #expect(execute("sh is nei", on: "r2", in: sim).succeeded)
    }

    @Test func aLANBehindASwitchElectsADISAndRoutesThroughThePseudonode() throws {
        let yaml = """
            name: isis-lan
            devices:
              - { name: sw, type: switch, interfaces: [{ name: p1 }, { name: p2 }, { name: p3 }] }
              - name: a
                type: router
                isis: { net: "49.0001.0000.0000.000a.00", level: l2 }
                interfaces:
                  - { name: eth0, ip: 10.0.0.1/24, isis: {} }
                  - { name: lo, ip: 192.0.2.1/32 }
              - name: b
                type: router
                isis: { net: "49.0001.0000.0000.000b.00", level: l2 }
                interfaces:
                  - { name: eth0, ip: 10.0.0.2/24, isis: { priority: 100 } }
                  - { name: lo, ip: 192.0.2.2/32 }
              - name: c
                type: router
                isis: { net: "49.0001.0000.0000.000c.00", level: l2 }
                interfaces:
                  - { name: eth0, ip: 10.0.0.3/24, isis: {} }
                  - { name: lo, ip: 192.0.2.3/32 }
            links:
              - endpoints: [sw:p1, a:eth0]
              - endpoints: [sw:p2, b:eth0]
              - endpoints: [sw:p3, c:eth0]
            """
        let sim = try Self.converged(yaml)
        let interfaces = execute("show isis interfaces", on: "a", in: sim).output
        #expect(interfaces.contains("broadcast"))
        #expect(interfaces.contains("L2: b.01"))
        let database = execute("show isis database", on: "c", in: sim).output
        #expect(database.contains("0000.0000.000b.01-00"))
        let route = execute("show ip route 192.0.2.3", on: "a", in: sim).output
        #expect(route.contains("Known via \"isis\", distance 115, metric 10, level-2, best"))
        #expect(execute("ping 192.0.2.3", on: "a", in: sim).output.contains("5/5 packets received"))
    }
}
