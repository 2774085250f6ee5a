import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimTopology
import NetSimWire
import Testing

@Suite("ospf: false keeps an interface out of OSPF")
struct OSPFExclusionTests {
    private let yaml = """
    name: excluded
    devices:
      - name: r1
        type: router
        router_id: 1.1.1.1
        ospf: { redistribute: [{ source: connected, metric_type: 1 }] }
        interfaces:
          - { name: eth0, ip: 10.0.12.1/24, ospf: { cost: 5 } }
          - { name: eth1, ip: 192.168.1.1/24, ospf: false }
      - name: r2
        type: router
        interfaces:
          - { name: eth0, ip: 10.0.12.2/24, ospf: true }
      - name: h1
        type: host
        interfaces:
          - { name: eth0, ip: 192.168.1.10/24, gateway: 192.168.1.1 }
    links:
      - endpoints: [r1:eth0, r2:eth0]
      - endpoints: [r1:eth1, h1:eth0]
    """

    @Test func theExcludedSubnetArrivesAsAnExternalRoute() throws {
        let spec = try TopologyLoader.load(yaml: yaml, file: "excluded.yaml").get()
        let sim = SimulationBuilder.build(spec, seed: 1)
        let r1 = try #require(sim.device(named: "r1")?.ospfConfiguration)
        #expect(r1.interfaces.map { $0.interface } == [0])
        #expect(sim.device(named: "r2")?.ospfConfiguration?.interfaces.map { $0.cost } == [10])
        sim.start()
        _ = sim.run(until: .seconds(600), maxEvents: 1_000_000) { sim.convergedAt != nil }
        let route = try #require(sim.device(named: "r2")?.rib.fib.lookup(IPv4Address(192, 168, 1, 10)))
        #expect(route.code == "O E1")
        #expect(route.metric == 30)
    }

    @Test func aWordOtherThanTrueOrFalseIsAnError() {
        let bad = yaml.replacingOccurrences(of: "ospf: false", with: "ospf: maybe")
        #expect(throws: TopologyError.self) { try TopologyLoader.load(yaml: bad, file: "bad.yaml").get() }
    }
}
