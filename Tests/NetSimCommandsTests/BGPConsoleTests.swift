import Foundation
import NetSimCommands
import NetSimEngine
import NetSimRouting
import NetSimTopology
import NetSimWire
import Testing

/// The BGP commands on small topologies built from YAML and run through the engine: sessions
/// over TCP, the table and its reasons, the neighbor views, clearing sessions and a graceful
/// restart seen from the helper.
@Suite("BGP console")
struct BGPConsoleTests {
    static func converged(_ yaml: String) throws -> Simulation { try convergedSimulation(yaml, file: "bgp.yaml") }

    static func example(_ name: String) throws -> Simulation {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/\(name).yaml")
        return try converged(try String(contentsOf: path, encoding: .utf8))
    }

    /// r1 (AS 65001) reaches r3 (AS 65003) through r2 and directly; r2 prefers r1's route
    /// (shorter path), r3 has two paths and picks the direct one.
    static let triangle = """
        name: t
        devices:
          - name: r1
            type: router
            interfaces: [{ name: eth0, ip: 10.0.12.1/24 }, { name: eth1, ip: 10.0.13.1/24 },
                         { name: lo0, ip: 192.0.2.1/32 }]
            bgp: { as: 65001, graceful_restart: true, networks: [192.0.2.1/32],
                   neighbors: [{ ip: 10.0.12.2, remote_as: 65002 }, { ip: 10.0.13.3, remote_as: 65003 }] }
          - name: r2
            type: router
            interfaces: [{ name: eth0, ip: 10.0.12.2/24 }, { name: eth1, ip: 10.0.23.2/24 }]
            bgp: { as: 65002, neighbors: [{ ip: 10.0.12.1, remote_as: 65001 }, { ip: 10.0.23.3, remote_as: 65003 }] }
          - name: r3
            type: router
            interfaces: [{ name: eth0, ip: 10.0.13.3/24 }, { name: eth1, ip: 10.0.23.3/24 }]
            bgp: { as: 65003, neighbors: [{ ip: 10.0.13.1, remote_as: 65001 }, { ip: 10.0.23.2, remote_as: 65002 }] }
        links:
          - endpoints: [r1:eth0, r2:eth0]
          - endpoints: [r1:eth1, r3:eth0]
          - endpoints: [r2:eth1, r3:eth1]
        """

    @Test func theSeedExampleLearnsThePrefixThroughTwoASes() throws {
        let sim = try Self.example("bgp-multi-as")
        let table = execute("sh ip bgp --json", on: "r3", in: sim)
        let routes = try #require(members(table.json)?["routes"].flatMap(elements))
        let route = try #require(routes.first.flatMap(members))
        #expect(route["prefix"] == .string("10.1.0.0/24"))
        let path = try #require(route["paths"].flatMap(elements)?.first.flatMap(members))
        #expect(path["as_path"] == .string("65002 65001") && path["next_hop"] == .string("10.0.23.2"))
        #expect(path["best"] == .bool(true) && path["communities"] == .array([.string("65001:100")]))
        // Installed as an eBGP route and forwarded on: r3 reaches h1 only if r1 routes back,
        // which it cannot (r2 announces nothing of its own), so only the route is checked.
        #expect(execute("show ip route", on: "r3", in: sim).output.contains("B    10.1.0.0/24 [20/0] via 10.0.23.2, eth0"))
        let summary = try #require(members(execute("show bgp summary --json", on: "r2", in: sim).json))
        let peers = try #require(summary["peers"].flatMap(elements)?.compactMap(members))
        #expect(peers.map { $0["state"] } == [.string("Established"), .string("Established")])
        #expect(peers.map { $0["prefixes_accepted"] } == [.integer(1), .integer(0)])
        #expect(execute("show bgp", on: "h1", in: sim).output == "% BGP is not enabled on h1")
    }

    /// A network whose route goes away is withdrawn (the import check follows the routing
    /// table), and comes back with it.
    @Test func aNetworkFollowsItsRoute() throws {
        let sim = try Self.example("bgp-multi-as")
        #expect(execute("show bgp", on: "r3", in: sim).output.contains("10.1.0.0/24"))
        #expect(execute("interface shutdown eth1", on: "r1", in: sim).succeeded)
        _ = sim.run(until: sim.now + .seconds(1), maxEvents: commandEventBudget) { false }
        #expect(execute("show bgp", on: "r3", in: sim).output.contains("No BGP prefixes displayed"))
        #expect(execute("interface no shutdown eth1", on: "r1", in: sim).succeeded)
        _ = sim.run(until: sim.now + .seconds(1), maxEvents: commandEventBudget) { false }
        #expect(execute("show bgp", on: "r3", in: sim).output.contains("*> 10.1.0.0/24"))
    }

    @Test func thePrefixViewSaysWhyTheBestPathWon() throws {
        let sim = try Self.converged(Self.triangle)
        let detail = execute("show bgp 192.0.2.1", on: "r3", in: sim).output
        #expect(detail.contains("Paths: (2 available, best #1)"))
        #expect(detail.contains("best (AS Path)"))
        #expect(detail.contains("Not best: lost on AS Path"))
        let received = execute("show bgp neighbors 10.0.23.2 received-routes", on: "r3", in: sim).output
        #expect(received.contains("192.0.2.1/32") && received.contains("65002 65001 i"))
        let advertised = execute("show bgp neighbors 10.0.13.3 advertised-routes --json", on: "r1", in: sim)
        let rows = try #require(members(advertised.json)?["routes"].flatMap(elements)?.compactMap(members))
        #expect(rows.map { $0["prefix"] } == [.string("192.0.2.1/32")])
        #expect(execute("show bgp neighbors 10.9.9.9", on: "r1", in: sim).output == "% no such neighbor: 10.9.9.9")
    }

    @Test func clearingASessionBringsItBack() throws {
        let sim = try Self.converged(Self.triangle)
        func established() -> Int {
            let neighbor = members(execute("show bgp neighbors 10.0.12.2 --json", on: "r1", in: sim).json.arrayFirst)
            return neighbor?["sessions_established"].flatMap { if case .int(let n) = $0 { Int(n) } else { nil } } ?? -1
        }
        #expect(established() == 1)
        #expect(execute("clear bgp 10.0.12.2", on: "r1", in: sim).succeeded)
        _ = sim.run(until: sim.now + .seconds(10), maxEvents: commandEventBudget) { false }
        #expect(established() == 2)
        #expect(execute("clear bgp 10.0.12.2 soft in", on: "r1", in: sim).succeeded)
        #expect(execute("clear bgp 10.9.9.9", on: "r1", in: sim).output == "% no such neighbor: 10.9.9.9")
    }

    /// The r1-r2 link goes down: both ends drop the single-hop eBGP session at once (FRR's
    /// fast-external-failover; the hold timer would take 9 s here), r2 reaches r1's loopback
    /// through r3 instead; with the link back the session returns and r2 prefers the direct
    /// path again.
    @Test func aSessionBreaksWithItsPathAndRecovers() throws {
        let fast = Self.triangle.replacingOccurrences(of: "bgp: { as: 6500", with: "bgp: { timers: { keepalive: 3, hold: 9, connect_retry: 5 }, as: 6500")
        let sim = try Self.converged(fast)
        func r2Path() -> String? {
            members(execute("show bgp 192.0.2.1 --json", on: "r2", in: sim).json)?["paths"].flatMap(elements)?
                .compactMap(members).first { $0["best"] == .bool(true) }?["as_path"].flatMap {
                    if case .string(let path) = $0 { path } else { nil }
                }
        }
        #expect(r2Path() == "65001")
        #expect(execute("interface shutdown eth0", on: "r1", in: sim).succeeded)
        _ = sim.run(until: sim.now + .seconds(1), maxEvents: commandEventBudget) { false }
        let summary = execute("show bgp summary", on: "r2", in: sim).output
        #expect(!summary.contains("10.0.12.1  4  65001") || !summary.contains("Established"))
        #expect(r2Path() == "65003 65001")
        #expect(execute("show ip route", on: "r2", in: sim).output.contains("B    192.0.2.1/32 [20/0] via 10.0.23.3, eth1"))
        #expect(execute("interface no shutdown eth0", on: "r1", in: sim).succeeded)
        _ = sim.run(until: sim.now + .seconds(30), maxEvents: commandEventBudget) { false }
        #expect(r2Path() == "65001")
    }

    /// r1 restarts gracefully: r2 and r3 keep its route as stale while the sessions come back,
    /// then hold it again as a normal route; a plain restart withdraws it at once.
    @Test func aGracefulRestartKeepsThePeersForwarding() throws {
        let sim = try Self.converged(Self.triangle)
        #expect(execute("clear bgp process graceful", on: "r2", in: sim).output
            == "% graceful restart is not configured on r2 (bgp: { graceful_restart: true })")
        #expect(execute("clear bgp process graceful", on: "r1", in: sim).succeeded)
        _ = sim.run(until: sim.now + .milliseconds(2), maxEvents: commandEventBudget) { false }
        #expect(execute("show bgp", on: "r2", in: sim).output.contains("S> 192.0.2.1/32"))
        #expect(execute("show ip route", on: "r2", in: sim).output.contains("192.0.2.1/32"))
        _ = sim.run(until: sim.now + .seconds(30), maxEvents: commandEventBudget) { false }
        #expect(execute("show bgp", on: "r2", in: sim).output.contains("*> 192.0.2.1/32"))
        #expect(execute("clear bgp process", on: "r1", in: sim).succeeded)
        _ = sim.run(until: sim.now + .milliseconds(2), maxEvents: commandEventBudget) { false }
        #expect(!execute("show bgp", on: "r2", in: sim).output.contains("192.0.2.1/32"))
    }
}

private extension JSONValue {
    var arrayFirst: JSONValue { if case .array(let items) = self, let first = items.first { first } else { .null } }
}
