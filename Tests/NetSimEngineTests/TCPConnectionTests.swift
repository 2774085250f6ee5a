@testable import NetSimEngine
import NetSimRouting
import NetSimWire
import Testing

/// TCP over the line network h1 — r1 — r2 — h2 (RTT h1↔h2: 16 ms): handshake, data, close.
@Suite("TCP connections")
struct TCPConnectionTests {
    let h1Address = ip("10.0.1.10"), h2Address = ip("10.0.2.10")

    /// Starts the network, a listener on h2 port 179 and a connect from h1.
    func open(_ network: LineNetwork, serverEcho: Bool = false)
        -> (client: RecordingTCPApplication, server: RecordingTCPApplication, id: TCPConnectionID) {
        network.converge()
        let client = RecordingTCPApplication(simulation: network.sim)
        let server = RecordingTCPApplication(simulation: network.sim, echo: serverEcho)
        network.sim.tcpListen(device: network.h2, port: 179, application: server)
        let id = network.sim.tcpConnect(device: network.h1, to: h2Address, port: 179, application: client)
        return (client, server, id)
    }

    /// `open`, then one second for the handshake; returns the accepted connection's id too.
    func established(_ network: LineNetwork) throws
        -> (client: RecordingTCPApplication, server: RecordingTCPApplication, id: TCPConnectionID,
            accepted: TCPConnectionID) {
        let (client, server, id) = open(network)
        network.sim.advance(to: network.sim.now + .seconds(1))
        return (client, server, id, try #require(server.established.first))
    }

    @Test func threeWayHandshake() throws {
        let network = try LineNetwork()
        let log = SegmentLog(simulation: network.sim, device: network.h1)
        let (client, server, id) = open(network)
        let start = network.sim.now
        network.sim.advance(to: start + .seconds(1))
        #expect(client.events.map(\.event) == [.established(id, passive: false)])
        // 16 ms of round trip, doubled by ARP on each hop for the first packets.
        #expect(client.events.first?.time == start + .milliseconds(32))
        let accepted = try #require(server.established.first)
        #expect(server.events.map(\.event) == [.established(accepted, passive: true)])
        #expect(server.events.first?.time == start + .milliseconds(40))

        let (syn, synAck, ack) = (log.sent[0], log.received[0], log.sent[1])
        #expect(log.sent.count == 2 && log.received.count == 1)
        #expect(syn.flags == .syn && syn.maximumSegmentSize == 1460 && syn.destinationPort == 179)
        #expect(TCPStackRange.ephemeral.contains(syn.sourcePort))
        #expect(synAck.flags == [.syn, .ack] && synAck.acknowledgmentNumber == syn.sequenceNumber &+ 1)
        #expect(synAck.maximumSegmentSize == 1460)
        #expect(ack.flags == .ack && ack.sequenceNumber == syn.sequenceNumber &+ 1
            && ack.acknowledgmentNumber == synAck.sequenceNumber &+ 1 && ack.payload.isEmpty)
        // What was captured is what the codec puts on the wire and reads back.
        for entry in log.entries {
            let bytes = entry.packet.encoded()
            #expect(try IPv4Packet(decoding: bytes) == entry.packet)
            #expect(entry.packet.dontFragment && entry.packet.ttl >= 62)
        }

        let info = try #require(network.sim.tcpConnection(id))
        let peer = try #require(network.sim.tcpConnection(accepted))
        #expect(info.state == .established && peer.state == .established)
        #expect(info.endpoints == TCPEndpoints(localAddress: h1Address, localPort: syn.sourcePort,
                                               remoteAddress: h2Address, remotePort: 179))
        #expect(info.iss == syn.sequenceNumber && info.irs == synAck.sequenceNumber)
        #expect(info.sndNxt == peer.rcvNxt && peer.sndNxt == info.rcvNxt)
        #expect(info.mss == 1460 && info.sendWindow == 65535)
        #expect(network.sim.tcpListeningPorts(device: network.h2) == [179])
    }

    @Test func dataBothWaysInSeveralSegments() throws {
        let network = try LineNetwork()
        let log = SegmentLog(simulation: network.sim, device: network.h1)
        let (client, server, id) = open(network, serverEcho: true)
        let payload = patternBytes(5000)
        network.sim.tcpSend(payload, on: id)  // queued until established
        network.sim.advance(to: network.sim.now + .seconds(2))
        let accepted = try #require(server.established.first)
        #expect(server.received[accepted] == payload)
        #expect(client.received[id] == payload)
        let data = log.sent.filter { !$0.payload.isEmpty }
        #expect(data.map(\.payload.count) == [1460, 1460, 1460, 620])
        #expect(data.last?.flags == [.psh, .ack] && data.first?.flags == .ack)
        let info = try #require(network.sim.tcpConnection(id))
        #expect(info.bytesSent == 5000 && info.bytesReceived == 5000 && info.retransmissions == 0)
        #expect(info.queuedBytes == 0 && info.sndUna == info.sndNxt)
        // Samples of 32 ms (the SYN, behind ARP) and 16 ms; the RTO stays at Linux's 200 ms floor.
        #expect(info.smoothedRTT.map { $0 > .milliseconds(16) && $0 < .milliseconds(32) } == true)
        #expect(info.retransmissionTimeout == .milliseconds(200))
    }

    @Test func lossIsRepairedByRetransmission() throws {
        let network = try LineNetwork(seed: 7, coreLoss: 25)
        let (client, server, id) = open(network, serverEcho: true)
        let payload = patternBytes(30_000, salt: 3)
        network.sim.tcpSend(payload, on: id)
        network.sim.advance(to: network.sim.now + .seconds(300))
        let accepted = try #require(server.established.first)
        #expect(server.received[accepted] == payload)
        #expect(client.received[id] == payload)
        let info = try #require(network.sim.tcpConnection(id))
        let peer = try #require(network.sim.tcpConnection(accepted))
        #expect(info.retransmissions + peer.retransmissions > 0)
        #expect(info.state == .established && info.queuedBytes == 0 && peer.queuedBytes == 0)
        #expect(network.sim.links[network.core].framesLost > 0)
    }

    @Test func closeHandshakeEndsInTimeWait() throws {
        let network = try LineNetwork()
        let (client, server, id, accepted) = try established(network)
        network.sim.tcpSend(patternBytes(100), on: id)
        network.sim.tcpClose(id)
        #expect(network.sim.tcpConnection(id)?.state == .finWait1)
        let closedAt = network.sim.now
        network.sim.advance(to: closedAt + .seconds(1))
        // The server read everything, then end of file; it closed its side in turn.
        #expect(server.received[accepted] == patternBytes(100))
        #expect(server.closed.map(\.reason) == [.remoteClosed])
        #expect(client.closed.isEmpty)
        #expect(network.sim.tcpConnection(id)?.state == .timeWait)
        #expect(network.sim.tcpConnection(accepted) == nil)
        // TIME-WAIT is quiet: it must not hold convergence for its 60 s.
        #expect(!network.sim.tcpBusy())
        network.sim.advance(to: closedAt + .seconds(61))
        #expect(network.sim.tcpConnection(id) == nil)
        #expect(network.sim.tcpConnections(device: network.h1).isEmpty)
    }

    @Test func simultaneousCloseGoesThroughClosing() throws {
        let network = try LineNetwork()
        let (_, server, id, accepted) = try established(network)
        network.sim.tcpClose(id)
        network.sim.tcpClose(accepted)
        let closedAt = network.sim.now
        // Both FINs cross (8 ms each way): each side is in CLOSING until the other's ACK.
        network.sim.advance(to: closedAt + .milliseconds(10))
        #expect(network.sim.tcpConnection(id)?.state == .closing)
        #expect(network.sim.tcpConnection(accepted)?.state == .closing)
        network.sim.advance(to: closedAt + .milliseconds(20))
        #expect(network.sim.tcpConnection(id)?.state == .timeWait)
        #expect(network.sim.tcpConnection(accepted)?.state == .timeWait)
        #expect(server.closed.isEmpty)
        network.sim.advance(to: closedAt + .seconds(61))
        #expect(network.sim.tcpConnections(device: network.h1).isEmpty)
        #expect(network.sim.tcpConnections(device: network.h2).isEmpty)
    }

    @Test func abortResetsThePeer() throws {
        let network = try LineNetwork()
        let (client, server, id, accepted) = try established(network)
        network.sim.tcpAbort(id)
        network.sim.advance(to: network.sim.now + .seconds(1))
        #expect(server.closed.map(\.id) == [accepted] && server.closed.map(\.reason) == [.reset])
        #expect(client.closed.isEmpty)
        #expect(network.sim.tcpConnections(device: network.h1).isEmpty)
        #expect(network.sim.tcpConnections(device: network.h2).isEmpty)
    }

    @Test func refusedAcceptIsReset() throws {
        let network = try LineNetwork()
        let (client, server, id) = open(network)
        server.refusePassive = true
        network.sim.advance(to: network.sim.now + .seconds(1))
        #expect(client.closed.map(\.reason) == [.reset] && client.closed.map(\.id) == [id])
    }

    /// Convergence waits while a segment is unacknowledged.
    @Test func unacknowledgedDataHoldsConvergence() throws {
        let network = try LineNetwork()
        let (_, _, id) = open(network)
        network.sim.advance(to: network.sim.now + .seconds(1))
        let converged = try #require(network.sim.convergedAt)
        #expect(converged == network.sim.stabilityWindow)
        var messages: [String] = []
        network.sim.logHandler = { messages.append($0.message) }
        // Take r2's core interface down: a change, and the data cannot be acknowledged.
        _ = network.sim.setAdminState(device: network.r2, interface: 0, up: false)
        network.sim.tcpSend(patternBytes(10), on: id)
        let change = network.sim.now
        network.sim.advance(to: change + .seconds(30))
        #expect(network.sim.lastStateChange == change)
        #expect(network.sim.tcpConnection(id)?.queuedBytes == 10)
        #expect(!messages.contains { $0.contains("reconverged") })
        // Once the connection has given up, the network settles.
        network.sim.advance(to: change + .seconds(1000))
        #expect(network.sim.tcpConnection(id) == nil)
        #expect(messages.contains { $0.contains("reconverged") })
    }

    /// Bytes sent as not holding convergence (a BGP KEEPALIVE) leave the network settled while
    /// they are unacknowledged; the same bytes sent normally do not.
    @Test func routineDataDoesNotHoldConvergence() throws {
        for holds in [false, true] {
            let network = try LineNetwork()
            let (_, _, id) = open(network)
            network.sim.advance(to: network.sim.now + .seconds(1))
            _ = network.sim.setAdminState(device: network.r2, interface: 0, up: false)
            network.sim.tcpSend(patternBytes(19), on: id, holdsConvergence: holds)
            #expect(network.sim.tcpBusy() == holds)
        }
    }
}

enum TCPStackRange {
    static let ephemeral: ClosedRange<UInt16> = 32768...60999
}

@Suite("TCP and convergence")
struct TCPConvergenceTests {
    /// Connects at t=0 to a listener that answers (`key` nil) or silently drops the SYN over an
    /// MD5 mismatch; returns when the network was declared converged.
    func convergence(listenerKey key: String?) throws -> SimTime? {
        let network = try LineNetwork()
        network.sim.start()
        let client = RecordingTCPApplication(simulation: network.sim)
        let server = RecordingTCPApplication(simulation: network.sim)
        network.sim.tcpListen(device: network.h2, port: 179, application: server)
        network.sim.tcpSetMD5Key(key.map { Array($0.utf8) }, device: network.h2, port: 179, peer: ip("10.0.1.10"))
        _ = network.sim.tcpConnect(device: network.h1, to: ip("10.0.2.10"), port: 179, application: client)
        network.sim.advance(to: .seconds(10))
        #expect(network.sim.tcpConnections(device: network.h1).map(\.state) == [key == nil ? .established : .synSent])
        return network.sim.convergedAt
    }

    /// The handshake is over long before the 1 s window closes.
    @Test func aQuickHandshakeDoesNotDelayConvergence() throws {
        #expect(try convergence(listenerKey: nil) == .seconds(1))
    }

    /// A connect nobody answers is quiet from the start: whether a network waits for a
    /// connection is the application's call (a BGP speaker holds convergence while a session it
    /// expects forms), since applications reconnect for ever to a peer that never answers.
    @Test func anUnansweredConnectDoesNotHoldConvergence() throws {
        #expect(try convergence(listenerKey: "x") == .seconds(1))
    }
}
