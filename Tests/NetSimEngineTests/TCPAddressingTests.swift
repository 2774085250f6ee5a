import NetSimEngine
import NetSimRouting
import NetSimWire
import Testing

/// Which addresses and TTLs connections use: sessions between loopbacks (iBGP) that live on
/// routing, and TTL 1 sessions that reach only a directly connected peer (eBGP).
@Suite("TCP addressing and TTL")
struct TCPAddressingTests {
    /// r1 — r2 — r3 in a line, each with a /32 loopback, static routes to every loopback.
    /// Device ids: r1 0, r2 1, r3 2.
    func chain() throws -> Simulation {
        let sim = Simulation(seed: 9)
        sim.addDevice(name: "r1", kind: .router, routerID: ip("1.1.1.1"),
                      interfaces: [port("lo0", "1.1.1.1/32"), port("eth0", "10.0.12.1/24")])
        sim.addDevice(name: "r2", kind: .router, routerID: ip("2.2.2.2"),
                      interfaces: [port("lo0", "2.2.2.2/32"), port("eth0", "10.0.12.2/24"), port("eth1", "10.0.23.2/24")])
        sim.addDevice(name: "r3", kind: .router, routerID: ip("3.3.3.3"),
                      interfaces: [port("lo0", "3.3.3.3/32"), port("eth0", "10.0.23.3/24")])
        sim.addLink([(0, 1), (1, 1)])
        sim.addLink([(1, 2), (2, 1)])
        try sim.staticRoute(0, "2.2.2.2/32", via: "10.0.12.2")
        try sim.staticRoute(0, "3.3.3.3/32", via: "10.0.12.2")
        try sim.staticRoute(1, "1.1.1.1/32", via: "10.0.12.1")
        try sim.staticRoute(1, "3.3.3.3/32", via: "10.0.23.3")
        try sim.staticRoute(2, "1.1.1.1/32", via: "10.0.23.2")
        try sim.staticRoute(2, "2.2.2.2/32", via: "10.0.23.2")
        sim.start()
        sim.advance(to: .seconds(1))
        return sim
    }

    @Test func loopbackToLoopbackAcrossARouter() throws {
        let sim = try chain()
        let client = RecordingTCPApplication(simulation: sim)
        let server = RecordingTCPApplication(simulation: sim, echo: true)
        sim.tcpListen(device: 2, port: 179, application: server)
        let id = sim.tcpConnect(device: 0, to: ip("3.3.3.3"), port: 179, from: ip("1.1.1.1"), application: client)
        sim.tcpSend(patternBytes(50), on: id)
        sim.advance(to: sim.now + .seconds(1))
        #expect(client.received[id] == patternBytes(50))
        let accepted = try #require(server.established.first)
        #expect(server.endpoints[accepted]?.remoteAddress == ip("1.1.1.1"))
        #expect(server.endpoints[accepted]?.localAddress == ip("3.3.3.3"))
        #expect(client.endpoints[id]?.localAddress == ip("1.1.1.1"))
    }

    /// Without `from`, the source is the outgoing interface's address, as on Linux.
    @Test func defaultSourceIsTheOutgoingInterface() throws {
        let sim = try chain()
        let client = RecordingTCPApplication(simulation: sim)
        let server = RecordingTCPApplication(simulation: sim)
        sim.tcpListen(device: 2, port: 179, application: server)
        let id = sim.tcpConnect(device: 0, to: ip("3.3.3.3"), port: 179, application: client)
        sim.advance(to: sim.now + .seconds(1))
        #expect(sim.tcpConnection(id)?.endpoints.localAddress == ip("10.0.12.1"))
    }

    /// A source address the device does not have cannot be bound: unreachable, from the agenda.
    @Test func foreignSourceAddressFails() throws {
        let sim = try chain()
        let client = RecordingTCPApplication(simulation: sim)
        let id = sim.tcpConnect(device: 0, to: ip("3.3.3.3"), port: 179, from: ip("9.9.9.9"), application: client)
        sim.advance(to: sim.now + .seconds(1))
        #expect(client.closed.map(\.id) == [id] && client.closed.map(\.reason) == [.unreachable])
    }

    /// TTL 1 (eBGP's default): r2 drops the SYN toward r3's loopback with time exceeded, and
    /// that ends the connect; to the directly connected r2 it works.
    @Test func ttlOneReachesOnlyTheNeighbour() throws {
        let sim = try chain()
        let client = RecordingTCPApplication(simulation: sim)
        let listener = RecordingTCPApplication(simulation: sim)
        sim.tcpListen(device: 1, port: 179, application: listener)
        sim.tcpListen(device: 2, port: 179, application: listener)
        let far = sim.tcpConnect(device: 0, to: ip("3.3.3.3"), port: 179, ttl: 1, application: client)
        let near = sim.tcpConnect(device: 0, to: ip("10.0.12.2"), port: 179, ttl: 1, application: client)
        sim.advance(to: sim.now + .seconds(1))
        #expect(client.closed.map(\.id) == [far] && client.closed.map(\.reason) == [.unreachable])
        #expect(client.established == [near])
        #expect(sim.tcpConnection(near)?.ttl == 1)
    }

    /// The route to the peer disappears under an established session; it comes back before
    /// TCP gives up, and the queued data gets through.
    @Test func sessionSurvivesAShortRouteLoss() throws {
        let sim = try chain()
        let client = RecordingTCPApplication(simulation: sim)
        let server = RecordingTCPApplication(simulation: sim)
        sim.tcpListen(device: 2, port: 179, application: server)
        let id = sim.tcpConnect(device: 0, to: ip("3.3.3.3"), port: 179, from: ip("1.1.1.1"), application: client)
        sim.advance(to: sim.now + .seconds(1))
        #expect(try sim.removeStaticRoute(device: 0, prefix: net("3.3.3.3/32"), gateway: nil) == 1)
        sim.tcpSend(patternBytes(20), on: id)
        sim.advance(to: sim.now + .seconds(5))
        #expect(sim.tcpConnection(id).map { $0.queuedBytes == 20 && $0.retransmissions > 0 } == true)
        try sim.staticRoute(0, "3.3.3.3/32", via: "10.0.12.2")
        sim.advance(to: sim.now + .seconds(30))
        let accepted = try #require(server.established.first)
        #expect(server.received[accepted] == patternBytes(20))
        #expect(client.closed.isEmpty && sim.tcpConnection(id)?.queuedBytes == 0)
    }
}

extension TCPAddressingTests {
    /// Connecting to one's own address is not modelled: reported unreachable from the agenda.
    @Test func connectToItselfIsRefused() throws {
        let sim = try chain()
        let app = RecordingTCPApplication(simulation: sim)
        sim.tcpListen(device: 0, port: 179, application: app)
        let id = sim.tcpConnect(device: 0, to: ip("1.1.1.1"), port: 179, application: app)
        #expect(app.events.isEmpty)
        sim.advance(to: sim.now + .seconds(1))
        #expect(app.closed.map(\.id) == [id] && app.closed.map(\.reason) == [.unreachable])
        #expect(app.established.isEmpty)
    }
}
