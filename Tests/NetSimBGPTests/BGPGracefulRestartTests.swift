@testable import NetSimBGP
import NetSimRouting
import NetSimWire
import Testing

/// RFC 4724: r1 helps r2 (restarter, AS 65002) through a restart.
@Suite("BGP graceful restart")
struct BGPGracefulRestartTests {
    static func pair(graceful: Bool = true) -> BGPTestFabric {
        let fabric = BGPSessionTests.pair(r2: {
            $0.gracefulRestart = graceful
            $0.networks = [prefix("10.2.0.0/24"), prefix("10.3.0.0/24")]
        })
        fabric["r2"].connected[prefix("10.2.0.0/24")] = 1
        fabric["r2"].connected[prefix("10.3.0.0/24")] = 2
        return fabric
    }

    @Test func helperKeepsRoutesThroughARestartThenSweepsAtEndOfRIB() {
        let fabric = Self.pair()
        fabric.start()
        fabric.run(for: .seconds(1))
        #expect(fabric["r1"].routes.count == 2)
        // r2 restarts without 10.3.0.0/24, and cannot reconnect at once.
        fabric["r2"].connected[prefix("10.3.0.0/24")] = nil
        fabric.partition("r1", "r2", true)
        fabric["r2"].instance.restart(graceful: true)
        fabric.run(for: .milliseconds(10))
        #expect(fabric["r1"].peer("10.0.12.2").state != .established)
        #expect(fabric["r1"].paths("10.3.0.0/24").first?.stale == true)
        #expect(fabric["r1"].routes.count == 2)
        #expect(fabric["r1"].peer("10.0.12.2").stalePrefixes == 2)
        fabric.partition("r1", "r2", false)
        fabric.run(for: .seconds(5))
        #expect(fabric["r1"].peer("10.0.12.2").state == .established)
        #expect(fabric["r1"].paths("10.2.0.0/24").first?.stale == false)
        #expect(fabric["r1"].paths("10.3.0.0/24").isEmpty)
        #expect(fabric["r1"].routes.map(\.prefix) == [prefix("10.2.0.0/24")])
        // The restarted speaker's OPENs carried the R bit; its selection deferral ended with r1's End-of-RIB.
        let restartingOpens = fabric.messages(from: "r2", ofType: .open).filter {
            guard case .open(let open) = $0 else { return false }
            return open.capabilities.contains { if case .gracefulRestart(let gr) = $0 { gr.restarting } else { false } }
        }
        #expect(!restartingOpens.isEmpty)
        #expect(!fabric["r2"].instance.deferringSelection)
        #expect(fabric["r1"].logLines.contains { $0.contains("1 stale routes removed (End-of-RIB)") })
    }

    @Test func helperFlushesWhenTheRestartTimeRunsOut() {
        let fabric = Self.pair()
        fabric.start()
        fabric.run(for: .seconds(1))
        fabric["r2"].up = false
        fabric.resetConnections(of: "r2")
        fabric.run(for: .seconds(119))
        #expect(fabric["r1"].routes.count == 2)
        fabric.run(for: .seconds(2))
        #expect(fabric["r1"].routes.isEmpty)
        #expect(fabric["r1"].instance.locRIBView.isEmpty)
    }

    @Test func withoutRestarterSupportRoutesGoAtOnce() {
        let fabric = Self.pair(graceful: false)
        fabric.start()
        fabric.run(for: .seconds(1))
        #expect(fabric["r1"].routes.count == 2)
        fabric["r2"].up = false
        fabric.resetConnections(of: "r2")
        fabric.run(for: .milliseconds(10))
        #expect(fabric["r1"].routes.isEmpty)
    }

    @Test func nonGracefulRestartSendsCeaseAndPeersFlush() {
        let fabric = Self.pair()
        fabric.start()
        fabric.run(for: .seconds(1))
        fabric.partition("r1", "r2", true)
        fabric["r2"].instance.restart(graceful: false)
        fabric.run(for: .milliseconds(10))
        #expect(fabric.messages(from: "r2", ofType: .notification).contains(.notification(BGPNotification(code: 6, subcode: 4))))
        #expect(fabric["r1"].routes.isEmpty)
        fabric.partition("r1", "r2", false)
        fabric.run(for: .seconds(5))
        #expect(fabric["r1"].routes.count == 2)
    }
}

/// Arbitrary inputs in arbitrary order never trap the speaker.
@Suite("BGP robustness")
struct BGPRobustnessTests {
    final class NullHost: BGPHost {
        var now = SimTime.zero
        var timers: [(BGPTimer, UInt64)] = []
        var next: UInt64 = 1000
        var connected = true
        var routes: [Route] = []
        func bgpSchedule(_ timer: BGPTimer, token: UInt64, at time: SimTime) { timers.append((timer, token)) }
        func bgpConnect(to peer: IPv4Address, port: UInt16, from localAddress: IPv4Address?, ttl: UInt8,
                        password: String?) -> BGPConnectionID {
            next += 1
            return BGPConnectionID(next)
        }
        func bgpSend(_ bytes: [UInt8], on connection: BGPConnectionID, routine: Bool) {}
        func bgpClose(_ connection: BGPConnectionID) {}
        func bgpAbort(_ connection: BGPConnectionID) {}
        func bgpResolve(_ address: IPv4Address) -> BGPNextHopResolution? {
            connected ? BGPNextHopResolution(igpMetric: 0, nextHops: [NextHop(address: nil, interface: 0)], connected: true) : nil
        }
        func bgpRoute(exactly prefix: IPv4Prefix) -> Route? {
            connected ? Route(prefix: prefix, source: .connected, nextHops: [NextHop(address: nil, interface: 0)]) : nil
        }
        func bgpSelectedRoutes(of source: RouteSource) -> [Route] { [] }
        func bgpInterfaceAddress(named name: String) -> IPv4Address? { nil }
        func bgpInstallRoutes(_ routes: [Route], replacing previous: [Route]) {
            self.routes.applyBGPInstallation(routes, replacing: previous)
        }
        func bgpStateChanged() {}
        func bgpLog(_ message: String) {}
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomEventSequencesNeverTrap(seed: UInt64) {
        var random = PolicyTestRandom(seed: seed)
        let host = NullHost()
        let peers = ["10.0.0.2", "10.0.0.3", "10.0.0.4"].map(address)
        let instance = BGPInstance(configuration: BGPConfiguration(
            autonomousSystem: 65001, routerID: address("1.1.1.1"), networks: [prefix("10.1.0.0/24")], maximumPaths: 2,
            gracefulRestart: true,
            neighbors: [neighbor("10.0.0.2", as: 65002), neighbor("10.0.0.3", as: 65001) { $0.routeReflectorClient = true },
                        neighbor("10.0.0.4", as: 65001) { $0.advertisementInterval = 3 }]), deviceName: "r", host: host)
        instance.start()
        let prefixes = (0..<6).map { IPv4Prefix(IPv4Address(0x0A0A_0000 | UInt32($0) << 8), length: 24) }
        func randomMessage() -> BGPMessage {
            switch Int.random(in: 0..<6, using: &random) {
            case 0:
                let asn: UInt32 = [65001, 65002, 65009][Int.random(in: 0..<3, using: &random)]
                return .open(BGPOpen(autonomousSystem: asn, holdTime: [0, 2, 9, 180][Int.random(in: 0..<4, using: &random)],
                                     identifier: [address("2.2.2.2"), address("0.9.9.9"), address("1.1.1.1")][Int.random(in: 0..<3, using: &random)],
                                     capabilities: Bool.random(using: &random)
                                        ? [.gracefulRestart(BGPGracefulRestartCapability(restarting: false, restartTime: 5,
                                            families: [.init(family: .ipv4Unicast, forwardingPreserved: true)]))] : []))
            case 1: return .keepalive
            case 2:
                let attributes = BGPPathAttributes(
                    asPath: BGPASPath(sequence: Bool.random(using: &random) ? [65002, 7] : [65001]),
                    nextHop: Bool.random(using: &random) ? address("10.0.0.2") : nil,
                    multiExitDiscriminator: Bool.random(using: &random) ? 5 : nil,
                    communities: Bool.random(using: &random) ? [.noExport] : [],
                    originatorID: Bool.random(using: &random) ? address("1.1.1.1") : nil)
                let nlri = prefixes.filter { _ in Bool.random(using: &random) }
                let withdrawn = prefixes.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
                return .update(Bool.random(using: &random) ? .endOfRIB
                               : BGPUpdate(withdrawnRoutes: withdrawn, attributes: attributes, nlri: nlri))
            case 3: return .notification(BGPNotification(code: UInt8.random(in: 1...6, using: &random)))
            case 4: return .routeRefresh(BGPRouteRefresh())
            default: return .keepalive
            }
        }
        var ids: [BGPConnectionID] = []
        for _ in 0..<3000 {
            host.now = host.now + .milliseconds(Int64.random(in: 0..<500, using: &random))
            let id = ids.isEmpty || Int.random(in: 0..<5, using: &random) == 0
                ? BGPConnectionID(UInt64.random(in: 1...1005, using: &random)) : ids[Int.random(in: 0..<ids.count, using: &random)]
            switch Int.random(in: 0..<12, using: &random) {
            case 0:
                let remote = Bool.random(using: &random) ? peers[Int.random(in: 0..<3, using: &random)] : address("10.9.9.9")
                let newID = BGPConnectionID(UInt64.random(in: 1...1005, using: &random))
                ids.append(newID)
                instance.connectionEstablished(newID, local: address("10.0.0.1"), localPort: 179, remote: remote,
                                               remotePort: 5000, passive: Bool.random(using: &random))
            case 1, 2, 3: instance.receive(randomMessage(), on: id)
            case 4:
                // Bytes of a message with some changed, or noise.
                var bytes = randomMessage().encoded()
                for _ in 0..<Int.random(in: 0..<4, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
                instance.received(Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random))), on: id)
            case 5:
                instance.connectionClosed(id, reason: [.remoteClosed, .reset, .timedOut, .unreachable][Int.random(in: 0..<4, using: &random)])
            case 6, 7:
                if !host.timers.isEmpty {
                    let (timer, token) = host.timers.remove(at: Int.random(in: 0..<host.timers.count, using: &random))
                    instance.timerFired(timer, token: token)
                }
            case 8:
                host.connected.toggle()
                instance.routingTableChanged()
            case 9: instance.setShutdown(peers[Int.random(in: 0..<3, using: &random)], Bool.random(using: &random))
            case 10: instance.clear(peers[Int.random(in: 0..<3, using: &random)], [.hard, .soft, .softIn, .softOut][Int.random(in: 0..<4, using: &random)])
            default:
                if Int.random(in: 0..<10, using: &random) == 0 { instance.restart(graceful: Bool.random(using: &random)) }
            }
            _ = instance.peerViews
            _ = instance.locRIBView
            _ = instance.isSettling
        }
        // The installed routes always match what the views say is best and not local.
        let expected = instance.locRIBView.filter { view in view.paths.contains { $0.best && $0.source.peerAddress != nil } }.map(\.prefix)
        if !instance.deferringSelection { #expect(host.routes.map(\.prefix) == expected) }
    }
}

extension PolicyTestRandom: RandomNumberGenerator {}
