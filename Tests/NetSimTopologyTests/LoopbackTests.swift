import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimTopology
import NetSimWire
import Testing

/// Loopback interfaces (`lo`, `lo<digits>`): up without a link, routed locally over their whole
/// prefix as Linux does, announced by OSPF as a cost-0 host route (RFC 2328 §12.4.1.1), and
/// preferred for the router ID as FRR's zebra prefers them.
@Suite("Loopback interfaces")
struct LoopbackTests {
    /// r1 has two loopbacks (lo 192.0.2.1/32, lo1 10.9.0.1/24) and an OSPF link of cost 10 to
    /// r2; h2 hangs off r2 with a default route.
    private let yaml = """
    name: loopbacks
    devices:
      - name: r1
        type: router
        interfaces:
          - { name: eth0, ip: 10.0.12.1/24, ospf: { cost: 10 } }
          - { name: lo, ip: 192.0.2.1/32 }
          - { name: lo1, ip: 10.9.0.1/24, ospf: { cost: 50 } }
      - name: r2
        type: router
        interfaces:
          - { name: eth0, ip: 10.0.12.2/24, ospf: { cost: 10 } }
          - { name: eth1, ip: 10.0.2.1/24 }
      - name: h2
        type: host
        interfaces:
          - { name: eth0, ip: 10.0.2.10/24, gateway: 10.0.2.1 }
    links:
      - endpoints: [r1:eth0, r2:eth0]
      - endpoints: [r2:eth1, h2:eth0]
    """

    private func converged(_ text: String) throws -> Simulation {
        let spec = try TopologyLoader.load(yaml: text, file: "loopbacks.yaml").get()
        let sim = SimulationBuilder.build(spec, seed: 1)
        sim.start()
        _ = sim.run(until: .seconds(600), maxEvents: 1_000_000) { sim.convergedAt != nil }
        #expect(sim.convergedAt != nil)
        return sim
    }

    @Test func namesThatMakeALoopback() {
        #expect(Interface.isLoopbackName("lo") && Interface.isLoopbackName("lo0") && Interface.isLoopbackName("lo12"))
        #expect(!Interface.isLoopbackName("loop") && !Interface.isLoopbackName("eth0") && !Interface.isLoopbackName("lo-1"))
        #expect(!Interface.isLoopbackName("l") && !Interface.isLoopbackName("lo1a"))
    }

    @Test func loopbacksAreUpAndAnnouncedAsCostZeroHostRoutes() throws {
        let sim = try converged(yaml)
        let r1 = try #require(sim.device(named: "r1"))
        #expect(r1.interfaces.filter(\.isLoopback).map(\.operUp) == [true, true])
        // The highest loopback address, not the highest interface address, is the router ID.
        #expect(r1.ospfConfiguration?.routerID == IPv4Address(192, 0, 2, 1))
        #expect(r1.ospf?.interfaces.filter { $0.state == .loopback }.map(\.name) == ["lo", "lo1"])
        let r2 = try #require(sim.device(named: "r2"))
        // Each loopback is a /32 at the cost of the path to r1 (10) plus 0, whatever its own cost
        // or prefix length says; the /24 of lo1 is not announced.
        for address in [IPv4Address(192, 0, 2, 1), IPv4Address(10, 9, 0, 1)] {
            let route = try #require(r2.rib.fib.lookup(address))
            #expect(route.prefix == IPv4Prefix(address, length: 32))
            #expect(route.code == "O" && route.metric == 10)
        }
        #expect(r2.rib.fib.lookup(IPv4Address(10, 9, 0, 7)) == nil)
        // r1 itself routes the loopbacks' prefixes as connected; its own host route for lo1's
        // address (a stub of its router-LSA, §16.1) is more specific, as on FRR:
        // "O 10.9.0.1/32 [110/0] is directly connected, lo1".
        #expect(r1.rib.fib.lookup(IPv4Address(10, 9, 0, 7))?.code == "C")
        let own = try #require(r1.rib.fib.lookup(IPv4Address(10, 9, 0, 1)))
        #expect(own.code == "O" && own.metric == 0 && own.prefix.length == 32)
        #expect(own.nextHops == [NextHop(address: nil, interface: 2)])
    }

    @Test func aLoopbacksWholePrefixAnswersPings() throws {
        // With a static route on r2 toward lo1's /24, any address in it answers (Linux routes a
        // loopback's prefix locally), from the address pinged.
        let text = yaml.replacingOccurrences(of: "      - { name: eth1, ip: 10.0.2.1/24 }",
                                             with: "      - { name: eth1, ip: 10.0.2.1/24 }\n    routes:\n      - { prefix: 10.9.0.0/24, via: 10.0.12.1 }")
        let sim = try converged(text)
        let h2 = try #require(sim.device(named: "h2"))
        let session = sim.startPing(device: h2.id, target: IPv4Address(10, 9, 0, 7), count: 2)
        _ = sim.run(until: sim.now + .seconds(30)) { sim.isProbeFinished(session) }
        let report = try #require(sim.pingReport(session))
        #expect(report.received == 2)
        #expect(report.path == ["h2", "r2", "r1", "r2", "h2"])
    }

    @Test func shuttingALoopbackWithdrawsIt() throws {
        let sim = try converged(yaml)
        let r1 = try #require(sim.device(named: "r1"))
        let lo = try #require(r1.interfaceIndex(named: "lo"))
        #expect(sim.setAdminState(device: r1.id, interface: lo, up: false))
        #expect(r1.interfaces[lo].operUp == false)
        _ = sim.run(until: sim.now + .seconds(120))
        #expect(sim.device(named: "r2")?.rib.fib.lookup(IPv4Address(192, 0, 2, 1)) == nil)
        #expect(r1.rib.fib.lookup(IPv4Address(192, 0, 2, 1)) == nil)
        #expect(sim.setAdminState(device: r1.id, interface: lo, up: true))
        _ = sim.run(until: sim.now + .seconds(120))
        #expect(sim.device(named: "r2")?.rib.fib.lookup(IPv4Address(192, 0, 2, 1))?.metric == 10)
    }

    @Test func aLoopbackCannotBeCabled() {
        let text = yaml.replacingOccurrences(of: "- endpoints: [r2:eth1, h2:eth0]", with: "- endpoints: [r1:lo, h2:eth0]")
        let messages = TopologyTestSupport.messages(text)
        #expect(messages.contains { $0.contains("link endpoint 'r1:lo' is a loopback, which cannot be cabled") })
    }

    @Test func aSwitchHasNoLoopback() {
        let text = TopologyTestSupport.topology(devices: """
          - name: s1
            type: switch
            interfaces: [{ name: lo }]
        """)
        #expect(TopologyTestSupport.messages(text).contains { $0.contains("'s1:lo' has a loopback's name") })
    }
}
