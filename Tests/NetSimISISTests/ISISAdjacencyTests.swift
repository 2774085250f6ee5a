import NetSimISIS
import NetSimRouting
import NetSimWire
import Testing

/// Pairs of IS-IS instances over point-to-point links: the three-way handshake, levels and
/// area checks, holding times.
@Suite("IS-IS adjacencies")
struct ISISAdjacencyTests {
    @Test func threeWayHandshakeBringsUpBothLevels() {
        let fabric = ISISTestFabric()
        fabric.addRouter("a", configuration: isisConfig(1, name: "a", circuits: [p2p(0)]), addresses: [0: "10.0.0.1/24"])
        fabric.addRouter("b", configuration: isisConfig(2, name: "b", circuits: [p2p(0)]), addresses: [0: "10.0.0.2/24"])
        fabric.connect([("a", 0), ("b", 0)])
        fabric.start()
        fabric.run(for: .milliseconds(200))
        let adjacency = fabric["a"].instance.circuits[0].pointToPointAdjacency
        #expect(adjacency?.state == .up)
        #expect(adjacency?.levels == .level1And2)
        #expect(adjacency?.systemID == ISISSystemID(2))
        #expect(adjacency?.addresses == [IPv4Address("10.0.0.2")!])
        // Every Hello carried TLV 240, and the first ones reported Down.
        let hellos = fabric.sent.compactMap { entry -> ISISThreeWayAdjacency? in
            guard case .pointToPointHello(let hello) = entry.pdu else { return nil }
            for case .threeWayAdjacency(let value) in hello.tlvs { return value }
            return nil
        }
        #expect(hellos.first?.state == .down)
        #expect(hellos.last?.state == .up)
        #expect(hellos.last?.neighbor != nil)
    }

    @Test func levelOneNeedsACommonArea() {
        let fabric = ISISTestFabric()
        fabric.addRouter("a", configuration: isisConfig(1, area: [0x49, 0, 1], name: "a", circuits: [p2p(0)]),
                         addresses: [0: "10.0.0.1/24"])
        fabric.addRouter("b", configuration: isisConfig(2, area: [0x49, 0, 2], name: "b", circuits: [p2p(0)]),
                         addresses: [0: "10.0.0.2/24"])
        fabric.addRouter("c", configuration: isisConfig(3, area: [0x49, 0, 2], level: .level1, name: "c",
                                                        circuits: [p2p(1)]), addresses: [1: "10.0.1.3/24"])
        fabric.addRouter("d", configuration: isisConfig(4, area: [0x49, 0, 1], level: .level1, name: "d",
                                                        circuits: [p2p(1)]), addresses: [1: "10.0.1.4/24"])
        fabric.connect([("a", 0), ("b", 0)])
        fabric.connect([("c", 1), ("d", 1)])
        fabric.start()
        fabric.run(for: .seconds(1))
        // Different areas: level 2 only between L1L2 routers, nothing between L1 routers.
        #expect(fabric["a"].instance.circuits[0].pointToPointAdjacency?.levels == .level2)
        #expect(fabric["a"].instance.circuits[0].pointToPointAdjacency?.state == .up)
        #expect(fabric["c"].instance.circuits[0].pointToPointAdjacency == nil)
    }

    @Test func silenceEndsTheAdjacencyAfterTheHoldingTime() {
        let fabric = ISISTestFabric()
        fabric.addRouter("a", configuration: isisConfig(1, name: "a", circuits: [p2p(0)]), addresses: [0: "10.0.0.1/24"])
        fabric.addRouter("b", configuration: isisConfig(2, name: "b", circuits: [p2p(0)]), addresses: [0: "10.0.0.2/24"])
        fabric.connect([("a", 0), ("b", 0)])
        fabric.start()
        fabric.run(for: .seconds(20))
        #expect(fabric["a"].route("10.0.0.0/24") == nil)
        // b goes silent: a keeps the adjacency for the 30 s holding time of b's last Hello (sent
        // at 10.05 s, the one at 20.05 s is lost), then drops it.
        fabric.dropping = { _, port in port.router == "a" }
        fabric.run(until: .seconds(40))
        #expect(fabric["a"].instance.circuits[0].pointToPointAdjacency?.state == .up)
        fabric.run(until: .seconds(41))
        #expect(fabric["a"].instance.circuits[0].pointToPointAdjacency == nil)
        #expect(fabric["a"].logLines.contains { $0.contains("adjacency with b on eth0 Down (holding time expired)") })
    }
}
