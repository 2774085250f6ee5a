import NetSimEngine
import NetSimRouting
import NetSimWire
import Testing

/// TCP when things go wrong: no route, ICMP errors, silence, resets, MD5 keys, collisions, and
/// the reproducibility of sequence numbers.
@Suite("TCP failures and options")
struct TCPFailureTests {
    let h2Address = ip("10.0.2.10")

    @Test func noRouteIsReportedAtOnceFromTheAgenda() throws {
        let network = try LineNetwork()
        network.converge()
        let client = RecordingTCPApplication(simulation: network.sim)
        // r1 has no route to 192.0.2.1; the report comes from the agenda, not from inside connect.
        let id = network.sim.tcpConnect(device: network.r1, to: ip("192.0.2.1"), port: 179, application: client)
        #expect(client.events.isEmpty)
        let start = network.sim.now
        network.sim.advance(to: start + .seconds(1))
        #expect(client.closed.map(\.id) == [id] && client.closed.map(\.reason) == [.unreachable])
        #expect(client.closed.first?.time == start)
        #expect(network.sim.tcpConnections(device: network.r1).isEmpty)
    }

    @Test func closedPortAnswersWithReset() throws {
        let network = try LineNetwork()
        network.converge()
        let log = SegmentLog(simulation: network.sim, device: network.h1)
        let client = RecordingTCPApplication(simulation: network.sim)
        let id = network.sim.tcpConnect(device: network.h1, to: h2Address, port: 180, application: client)
        let start = network.sim.now
        network.sim.advance(to: start + .seconds(1))
        #expect(client.closed.map(\.reason) == [.reset] && client.closed.map(\.id) == [id])
        #expect(client.closed.first?.time == start + .milliseconds(32))  // ARP on each hop, then 16 ms
        let (syn, reset) = (log.sent[0], log.received[0])
        #expect(reset.flags == [.rst, .ack] && reset.sequenceNumber == 0
            && reset.acknowledgmentNumber == syn.sequenceNumber &+ 1)
    }

    /// r2 cannot resolve 10.0.2.99 (3 ARP requests, 3 s) and sends host unreachable: while
    /// connecting that ends the attempt, as on Linux.
    @Test func icmpUnreachableEndsAConnect() throws {
        let network = try LineNetwork()
        network.converge()
        let client = RecordingTCPApplication(simulation: network.sim)
        _ = network.sim.tcpConnect(device: network.h1, to: ip("10.0.2.99"), port: 179, application: client)
        let start = network.sim.now
        network.sim.advance(to: start + .seconds(10))
        #expect(client.closed.map(\.reason) == [.unreachable])
        let time = try #require(client.closed.first?.time)
        #expect(time > start + .seconds(3) && time < start + .seconds(4))
    }

    /// The core link fails under an established connection: r1 answers each retransmission with
    /// network unreachable (a soft error), and after tcp_retries2 (15) retransmissions the
    /// connection reports `unreachable`: 200 ms doubling to 120 s, 924.6 s in all.
    @Test func linkDownUntilTimeout() throws {
        let network = try LineNetwork()
        network.converge()
        let log = SegmentLog(simulation: network.sim, device: network.h1)
        let client = RecordingTCPApplication(simulation: network.sim)
        let server = RecordingTCPApplication(simulation: network.sim)
        network.sim.tcpListen(device: network.h2, port: 179, application: server)
        let id = network.sim.tcpConnect(device: network.h1, to: h2Address, port: 179, application: client)
        network.sim.advance(to: network.sim.now + .seconds(1))
        #expect(network.sim.setAdminState(device: network.r2, interface: 0, up: false))
        let sentAt = network.sim.now
        network.sim.tcpSend(patternBytes(100), on: id)
        network.sim.advance(to: sentAt + .seconds(2000))
        #expect(client.closed.map(\.reason) == [.unreachable])
        let failed = try #require(client.closed.first?.time)
        #expect(failed == sentAt + .milliseconds(924_600))
        #expect(log.sent.filter { $0.payload.count == 100 }.count == 16)
        #expect(server.closed.isEmpty)
    }

    /// Silence on a shared segment (the peer's interface went down, its ARP entry still valid):
    /// a SYN that nobody answers is retried 6 times and the connect times out after 127 s.
    @Test func unansweredSynTimesOut() throws {
        let sim = Simulation(seed: 3)
        sim.addDevice(name: "a", kind: .host, interfaces: [port("eth0", "10.0.0.1/24")])
        sim.addDevice(name: "b", kind: .host, interfaces: [port("eth0", "10.0.0.2/24")])
        sim.addDevice(name: "c", kind: .host, interfaces: [port("eth0", "10.0.0.3/24")])
        sim.addLink([(0, 0), (1, 0), (2, 0)])
        sim.start()
        let ping = sim.startPing(device: 0, target: ip("10.0.0.2"), count: 1)
        sim.finish(probe: ping)
        _ = sim.setAdminState(device: 1, interface: 0, up: false)
        let log = SegmentLog(simulation: sim, device: 0)
        let client = RecordingTCPApplication(simulation: sim)
        _ = sim.tcpConnect(device: 0, to: ip("10.0.0.2"), port: 179, application: client)
        let start = sim.now
        sim.advance(to: start + .seconds(200))
        #expect(client.closed.map(\.reason) == [.timedOut])
        #expect(client.closed.first?.time == start + .seconds(127))
        #expect(log.sent.map(\.flags) == Array(repeating: .syn, count: 7))
        #expect(Set(log.sent.map(\.sequenceNumber)).count == 1)
    }

    private func md5Run(clientKey: String?, serverKey: String?)
        -> (LineNetwork, RecordingTCPApplication, RecordingTCPApplication, SegmentLog, TCPConnectionID)? {
        guard let network = try? LineNetwork() else { return nil }
        network.converge()
        let log = SegmentLog(simulation: network.sim, device: network.h2)
        let client = RecordingTCPApplication(simulation: network.sim)
        let server = RecordingTCPApplication(simulation: network.sim, echo: true)
        network.sim.tcpListen(device: network.h2, port: 179, application: server)
        network.sim.tcpSetMD5Key(serverKey.map { Array($0.utf8) }, device: network.h2, port: 179,
                                 peer: ip("10.0.1.10"))
        let id = network.sim.tcpConnect(device: network.h1, to: h2Address, port: 179,
                                        md5Key: clientKey.map { Array($0.utf8) }, application: client)
        network.sim.tcpSend(patternBytes(3000), on: id)
        network.sim.advance(to: network.sim.now + .seconds(200))
        return (network, client, server, log, id)
    }

    @Test func md5KeysThatMatchCarryEverySegment() throws {
        let (network, client, server, log, id) = try #require(md5Run(clientKey: "secret", serverKey: "secret"))
        #expect(client.received[id] == patternBytes(3000))
        #expect(server.established.count == 1)
        #expect(!log.entries.isEmpty)
        for entry in log.entries {
            #expect(entry.segment.hasValidSignature(source: entry.packet.source, destination: entry.packet.destination,
                                                    key: Array("secret".utf8)))
            #expect(entry.packet.totalLength <= 1500)
        }
        // 20 bytes of each segment go to the option: 1440 bytes of data per segment.
        #expect(log.received.filter { !$0.payload.isEmpty }.map(\.payload.count) == [1440, 1440, 120])
        #expect(network.sim.tcpConnection(id)?.md5 == true)
    }

    static let mismatchedKeys: [(String?, String?)] = [("secret", "other"), (nil, "secret"), ("secret", nil)]

    @Test(arguments: TCPFailureTests.mismatchedKeys)
    func md5MismatchIsSilent(clientKey: String?, serverKey: String?) throws {
        let (network, client, server, log, _) = try #require(md5Run(clientKey: clientKey, serverKey: serverKey))
        #expect(server.events.isEmpty)
        #expect(client.closed.map(\.reason) == [.timedOut])
        // The server saw the SYNs and never answered: no SYN-ACK, no RST.
        #expect(log.received.count == 7 && log.sent.isEmpty)
        #expect(network.sim.tcpConnections(device: network.h2).isEmpty)
    }

    /// Both BGP speakers connect to each other's port 179 at once: two connections, each side
    /// has one active and one passive (RFC 4271 §6.8 leaves the choice to BGP).
    @Test func collisionGivesTwoConnections() throws {
        let network = try LineNetwork()
        network.converge()
        let left = RecordingTCPApplication(simulation: network.sim)
        let right = RecordingTCPApplication(simulation: network.sim)
        network.sim.tcpListen(device: network.r1, port: 179, application: left)
        network.sim.tcpListen(device: network.r2, port: 179, application: right)
        let fromLeft = network.sim.tcpConnect(device: network.r1, to: ip("10.0.12.2"), port: 179, application: left)
        let fromRight = network.sim.tcpConnect(device: network.r2, to: ip("10.0.12.1"), port: 179, application: right)
        network.sim.advance(to: network.sim.now + .seconds(1))
        let leftEvents = left.events.map(\.event), rightEvents = right.events.map(\.event)
        #expect(leftEvents.count == 2 && rightEvents.count == 2)
        #expect(leftEvents.contains(.established(fromLeft, passive: false)))
        #expect(rightEvents.contains(.established(fromRight, passive: false)))
        #expect(left.events.filter { $0.event != .established(fromLeft, passive: false) }.count == 1)
        #expect(network.sim.tcpConnections(device: network.r1).map(\.state) == [.established, .established])
        #expect(network.sim.tcpConnections(device: network.r2).map(\.passive) == [false, true])
    }

    @Test func sequenceNumbersFollowTheSeed() throws {
        func run(seed: UInt64) throws -> [UInt32] {
            let network = try LineNetwork(seed: seed)
            network.converge()
            let server = RecordingTCPApplication(simulation: network.sim)
            network.sim.tcpListen(device: network.h2, port: 179, application: server)
            var ids: [TCPConnectionID] = []
            for _ in 0..<3 {
                let client = RecordingTCPApplication(simulation: network.sim)
                ids.append(network.sim.tcpConnect(device: network.h1, to: h2Address, port: 179, application: client))
            }
            network.sim.advance(to: network.sim.now + .seconds(1))
            let infos = network.sim.tcpConnections(device: network.h1) + network.sim.tcpConnections(device: network.h2)
            return infos.flatMap { [$0.iss, UInt32($0.endpoints.localPort)] }
        }
        let first = try run(seed: 42)
        #expect(first.count == 12)
        #expect(try run(seed: 42) == first)
        #expect(try run(seed: 43) != first)
    }
}
