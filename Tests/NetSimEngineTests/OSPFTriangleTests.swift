import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimWire
import Testing

@Suite("OSPF on the seed's triangle")
struct OSPFTriangleTests {
    @Test func convergesToTheDocumentedRoutes() throws {
        let net = try OSPFTriangle()
        let log = LogRecorder(net.sim)
        net.converge()
        #expect(net.sim.convergedAt != nil)
        let toH3 = try #require(net.sim.route(net.r1, "10.0.3.0/24"))
        #expect(toH3.source == .ospf)
        #expect(toH3.metric == 11)
        #expect(net.sim.gateways(net.r1, "10.0.3.0/24") == ["10.0.13.3"])
        let across = try #require(net.sim.route(net.r1, "10.0.23.0/24"))
        #expect(across.metric == 20)
        #expect(net.sim.gateways(net.r1, "10.0.23.0/24") == ["10.0.12.2", "10.0.13.3"])
        #expect(net.sim.route(net.r2, "10.0.1.0/24")?.metric == 11)
        for entry in log.lines where entry.contains("OSPF") { print(entry) }
    }
}
