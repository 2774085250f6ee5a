@testable import NetSimBGP
import NetSimRouting
import NetSimWire
import Testing

/// Pairs of speakers: the FSM up to Established, collisions, hold expiry, refused OPENs,
/// refusal of unknown peers, the eBGP connected check, shutdown and clears.
@Suite("BGP sessions")
struct BGPSessionTests {
    /// r1 (AS 65001, 1.1.1.1) and r2 (AS 65002, 2.2.2.2) on 10.0.12.0/24.
    static func pair(r1: (inout BGPConfiguration) -> Void = { _ in }, r2: (inout BGPConfiguration) -> Void = { _ in },
                     r2AS: UInt32 = 65002) -> BGPTestFabric {
        let fabric = BGPTestFabric()
        var c1 = BGPConfiguration(autonomousSystem: 65001, routerID: address("1.1.1.1"),
                                  neighbors: [neighbor("10.0.12.2", as: r2AS)])
        var c2 = BGPConfiguration(autonomousSystem: r2AS, routerID: address("2.2.2.2"),
                                  neighbors: [neighbor("10.0.12.1", as: 65001)])
        r1(&c1)
        r2(&c2)
        let one = fabric.addRouter("r1", addresses: ["10.0.12.1"], configuration: c1)
        let two = fabric.addRouter("r2", addresses: ["10.0.12.2"], configuration: c2)
        one.connected[prefix("10.0.12.0/24")] = 0
        two.connected[prefix("10.0.12.0/24")] = 0
        return fabric
    }

    @Test func sessionComesUpWithNegotiatedTimersAndCapabilities() {
        let fabric = Self.pair(r2: { $0.timers = BGPTimerSettings(keepalive: 10, hold: 30, connectRetry: 5) })
        fabric.start()
        fabric.run(for: .seconds(1))
        let view = fabric["r1"].peer("10.0.12.2")
        #expect(view.state == .established)
        #expect(fabric["r2"].peer("10.0.12.1").state == .established)
        #expect(view.remoteRouterID == address("2.2.2.2"))
        #expect(view.negotiatedHoldTime == 30)
        #expect(view.negotiatedKeepaliveTime == 10)
        #expect(view.capabilitiesReceived.contains(.fourOctetAS(65002)))
        #expect(view.capabilitiesReceived.contains(.routeRefresh))
        #expect(view.capabilitiesSent.contains(.multiprotocol(.ipv4Unicast)))
        // Both sides connected at once: an OPEN arrived on each connection before the collision was resolved.
        #expect(view.messagesReceived[.open] == 2)
        #expect(view.endOfRIBReceived && view.endOfRIBSent)
        #expect(!fabric["r1"].instance.isSettling)
        // Keepalives keep it up well past the hold time.
        fabric.run(for: .seconds(300))
        #expect(fabric["r1"].peer("10.0.12.2").state == .established)
        #expect(fabric["r1"].peer("10.0.12.2").sessionsEstablished == 1)
    }

    @Test func collisionKeepsTheConnectionOpenedByTheHigherIdentifier() {
        let fabric = Self.pair()
        fabric.start()
        fabric.run(for: .seconds(1))
        // Both opened a connection at once: two OPENs each, one Cease/7 from the side that resolved it.
        #expect(fabric.messages(from: "r1", ofType: .open).count == 2)
        #expect(fabric.messages(from: "r2", ofType: .open).count == 2)
        let ceases = fabric.sent.filter {
            if case .notification(let notification) = $0.message { return notification.code == 6 && notification.subcode == 7 }
            return false
        }
        #expect(!ceases.isEmpty)
        for name in ["r1", "r2"] {
            let peer = fabric[name].instance.peers.values.first!
            #expect(peer.connections.count == 1)
            #expect(peer.state == .established)
        }
        // 2.2.2.2 is higher: r1 keeps the connection r2 opened (passive on r1), r2 keeps its own.
        #expect(fabric["r1"].instance.peers[address("10.0.12.2")]!.establishedConnection!.passive)
        #expect(!fabric["r2"].instance.peers[address("10.0.12.1")]!.establishedConnection!.passive)
    }

    @Test func holdTimerExpirySendsNotificationAndRestarts() {
        let timers = BGPTimerSettings(keepalive: 10, hold: 30, connectRetry: 5)
        let fabric = Self.pair(r1: { $0.timers = timers }, r2: { $0.timers = timers })
        fabric.start()
        fabric.run(for: .seconds(1))
        #expect(fabric["r1"].peer("10.0.12.2").state == .established)
        fabric.dropping = { _, to in to == "r1" }
        fabric.run(for: .seconds(29))
        #expect(fabric["r1"].peer("10.0.12.2").state == .established)
        fabric.run(for: .seconds(2))
        let notifications = fabric.messages(from: "r1", ofType: .notification)
        #expect(notifications.contains(.notification(BGPNotification(code: BGPNotification.holdTimerExpired))))
        #expect(fabric["r1"].peer("10.0.12.2").state != .established)
        #expect(fabric["r1"].logLines.contains { $0.hasSuffix("closed in Established: hold timer expired") })
        fabric.dropping = { _, _ in false }
        fabric.run(for: .seconds(60))
        #expect(fabric["r1"].peer("10.0.12.2").state == .established)
    }

    @Test func wrongRemoteASIsRefusedWithBadPeerAS() {
        let fabric = Self.pair(r1: { $0.neighbors[0].remoteAS = 65099 })
        fabric.start()
        fabric.run(for: .seconds(5))
        let notifications = fabric.messages(from: "r1", ofType: .notification)
        #expect(notifications.contains(.notification(BGPNotification(code: 2, subcode: 2))))
        #expect(fabric["r1"].peer("10.0.12.2").state != .established)
        #expect(fabric["r2"].peer("10.0.12.1").state != .established)
        #expect(fabric["r1"].peer("10.0.12.2").lastError?.contains("bad peer AS 65002") == true)
        // A configuration mismatch does not hold convergence back.
        #expect(!fabric["r1"].instance.isSettling)
        #expect(!fabric["r2"].instance.isSettling, "\(fabric["r2"].peer("10.0.12.1"))")
    }

    @Test func unacceptableHoldTimeAndBadIdentifier() {
        let fabric = Self.pair()
        let peer = BGPPeer(configuration: neighbor("10.0.12.2", as: 65002), localAS: 65001)
        let instance = fabric["r1"].instance!
        let good = BGPOpen(autonomousSystem: 65002, holdTime: 180, identifier: address("2.2.2.2"), capabilities: [])
        #expect(instance.openError(good, from: peer) == nil)
        var hold = good
        hold.holdTime = 2
        #expect(instance.openError(hold, from: peer)?.notification == BGPNotification(code: 2, subcode: 6))
        var zero = good
        zero.holdTime = 0
        #expect(instance.openError(zero, from: peer) == nil)
        var identifier = good
        identifier.identifier = .zero
        #expect(instance.openError(identifier, from: peer)?.notification == BGPNotification(code: 2, subcode: 3))
        var version = good
        version.version = 3
        #expect(instance.openError(version, from: peer)?.notification == BGPNotification(code: 2, subcode: 1, data: [0, 4]))
        let trans = BGPOpen(myAutonomousSystem: BGPOpen.asTrans, holdTime: 180, identifier: address("2.2.2.2"),
                            optionalParameters: [])
        #expect(instance.openError(trans, from: peer)?.notification == BGPNotification(code: 2, subcode: 2))
    }

    @Test func holdTimeZeroMeansNoKeepalives() {
        let fabric = Self.pair(r2: { $0.timers = BGPTimerSettings(keepalive: 0, hold: 0, connectRetry: 5) })
        fabric.start()
        fabric.run(for: .seconds(1))
        #expect(fabric["r1"].peer("10.0.12.2").negotiatedHoldTime == 0)
        let before = fabric.sent.count
        fabric.run(for: .seconds(600))
        #expect(fabric.sent.count == before)
        #expect(fabric["r1"].peer("10.0.12.2").state == .established)
    }

    @Test func unknownPeersAreRefused() {
        let fabric = Self.pair(r2: { $0.neighbors = [] })
        fabric.start()
        fabric.run(for: .seconds(3))
        #expect(fabric["r1"].peer("10.0.12.2").state != .established)
        #expect(fabric["r2"].logLines.contains { $0.contains("refused connection from 10.0.12.1: not a configured neighbor") })
        #expect(fabric.messages(from: "r2", ofType: .open).isEmpty)
        #expect(!fabric["r1"].instance.isSettling)
    }

    @Test func ebgpSingleHopWaitsForAConnectedRoute() {
        let fabric = Self.pair()
        fabric["r1"].connected = [:]
        fabric["r1"].igp[prefix("10.0.12.0/24")] = (10, [NextHop(address: address("10.0.99.1"), interface: 1)])
        fabric.start()
        fabric.run(for: .seconds(3))
        // r1 never opens a connection; r2 may, and r1 accepts it (FRR checks only its own attempts).
        #expect(fabric.sent.first { $0.from == "r1" } == nil || fabric["r1"].peer("10.0.12.2").state == .established)
        let r1Opens = fabric.messages(from: "r1", ofType: .open).count
        #expect(r1Opens <= 1)
        let multihop = Self.pair(r1: { $0.neighbors[0].ebgpMultihop = 2 }, r2: { $0.neighbors = [] })
        multihop["r1"].connected = [:]
        multihop.start()
        multihop.run(for: .seconds(1))
        #expect(multihop["r1"].instance.peers.values.first!.lastError?.contains("reset") == true)
        #expect(!multihop["r1"].instance.isSettling)
    }

    @Test func shutdownSendsCeaseAndStaysIdle() {
        let fabric = Self.pair()
        fabric.start()
        fabric.run(for: .seconds(1))
        fabric["r1"].instance.setShutdown(address("10.0.12.2"), true)
        fabric.run(for: .seconds(200))
        #expect(fabric.messages(from: "r1", ofType: .notification).contains(.notification(BGPNotification(code: 6, subcode: 2))))
        #expect(fabric["r1"].peer("10.0.12.2").state == .idle)
        #expect(fabric["r2"].peer("10.0.12.1").state != .established)
        #expect(!fabric["r1"].instance.isSettling)
        fabric["r1"].instance.setShutdown(address("10.0.12.2"), false)
        fabric.run(for: .seconds(10))
        #expect(fabric["r1"].peer("10.0.12.2").state == .established)
    }

    @Test func hardClearResetsTheSession() {
        let fabric = Self.pair()
        fabric.start()
        fabric.run(for: .seconds(1))
        #expect(fabric["r1"].instance.clear(address("10.0.12.2"), .hard))
        #expect(fabric.messages(from: "r1", ofType: .notification).contains(.notification(BGPNotification(code: 6, subcode: 4))))
        fabric.run(for: .seconds(10))
        #expect(fabric["r1"].peer("10.0.12.2").state == .established)
        #expect(fabric["r1"].peer("10.0.12.2").sessionsEstablished == 2)
    }

    @Test func unexpectedMessageIsAFiniteStateMachineError() {
        let fabric = Self.pair()
        fabric.start()
        fabric.run(for: .seconds(1))
        let id = fabric.connection(of: "r1", to: "r2")!
        fabric["r1"].instance.receive(.open(BGPOpen(autonomousSystem: 65002, holdTime: 90, identifier: address("2.2.2.2"),
                                                     capabilities: [])), on: id)
        #expect(fabric.messages(from: "r1", ofType: .notification).contains(.notification(BGPNotification(code: 5, subcode: 3))))
    }
}
