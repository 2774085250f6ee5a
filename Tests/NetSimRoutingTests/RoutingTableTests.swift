import Testing
import NetSimRouting
import NetSimWire

@Suite("RoutingTable selection")
struct RoutingTableTests {
    private let destination = IPv4Prefix("192.168.0.0/16")!

    private func gateway(_ text: String, _ interface: Int) -> NextHop {
        NextHop(address: IPv4Address(text)!, interface: interface)
    }

    private func connected(_ prefix: String, _ interface: Int) -> Route {
        Route(prefix: IPv4Prefix(prefix)!, source: .connected, nextHops: [NextHop(address: nil, interface: interface)])
    }

    private func recursiveStatic(_ prefix: String, via gateways: [String], distance: UInt8 = 1) -> Route {
        Route(prefix: IPv4Prefix(prefix)!, source: .static, distance: distance,
              nextHops: gateways.map { NextHop(address: IPv4Address($0)!, interface: NextHop.unresolvedInterface) })
    }

    @Test func lowerAdministrativeDistanceWins() {
        var rib = RoutingTable()
        rib.setCandidate(Route(prefix: destination, source: .static, distance: 20, nextHops: [gateway("10.0.1.2", 1)]))
        rib.setCandidate(Route(prefix: destination, source: .static, distance: 5, nextHops: [gateway("10.0.0.2", 0)]))
        rib.reselect { _ in true }
        let selected = rib.fib.route(for: destination)
        #expect(selected?.distance == 5)
        #expect(selected?.nextHops == [gateway("10.0.0.2", 0)])
        // Both candidates are kept, most preferred first.
        #expect(rib.candidates(for: destination).map(\.distance) == [5, 20])
        // Connected (distance 0) beats a static for the same prefix.
        rib.setCandidate(Route(prefix: destination, source: .connected, nextHops: [NextHop(address: nil, interface: 2)]))
        rib.reselect { _ in true }
        #expect(rib.fib.route(for: destination)?.source == .connected)
    }

    @Test func floatingStaticTakesOverWhileThePrimaryIsDown() {
        var rib = RoutingTable()
        rib.setCandidate(Route(prefix: destination, source: .static, distance: 1, nextHops: [gateway("10.0.0.2", 0)]))
        rib.setCandidate(Route(prefix: destination, source: .static, distance: 200, nextHops: [gateway("10.0.1.2", 1)]))
        var up: Set<Int> = [0, 1]
        #expect(rib.reselect { up.contains($0) })
        #expect(rib.fib.route(for: destination)?.distance == 1)
        let version = rib.version

        up.remove(0)
        #expect(rib.reselect { up.contains($0) })
        #expect(rib.fib.route(for: destination)?.distance == 200)
        #expect(rib.fib.route(for: destination)?.nextHops == [gateway("10.0.1.2", 1)])
        #expect(rib.version == version + 1)

        // Nothing changed: reselect reports false and the version stays.
        #expect(!rib.reselect { up.contains($0) })
        #expect(rib.version == version + 1)

        up.insert(0)
        #expect(rib.reselect { up.contains($0) })
        #expect(rib.fib.route(for: destination)?.distance == 1)
    }

    @Test func candidateOnDownInterfaceIsNotSelected() {
        var rib = RoutingTable()
        rib.setCandidate(connected("10.0.12.0/24", 0))
        rib.setCandidate(Route(prefix: destination, source: .static, nextHops: [gateway("10.0.12.2", 0)]))
        rib.reselect { $0 != 0 }
        #expect(rib.fib.count == 0)
        #expect(rib.allCandidates.count == 2)
    }

    @Test func ecmpKeepsOnlyTheHopsThatAreUp() {
        var rib = RoutingTable()
        rib.setCandidate(Route(prefix: destination, source: .static,
                               nextHops: [gateway("10.0.13.3", 1), gateway("10.0.12.2", 0)]))
        rib.reselect { $0 == 1 }
        #expect(rib.fib.route(for: destination)?.nextHops == [gateway("10.0.13.3", 1)])
    }

    @Test func recursiveStaticResolvesThroughConnectedRoute() {
        var rib = RoutingTable()
        rib.setCandidate(connected("10.0.12.0/24", 0))
        rib.setCandidate(connected("10.0.13.0/24", 1))
        rib.setCandidate(recursiveStatic("10.0.3.0/24", via: ["10.0.13.3"]))
        rib.reselect { _ in true }
        // The connected route has no gateway, so the static's own gateway becomes the next hop
        // and the connected route supplies the interface.
        #expect(rib.fib.route(for: IPv4Prefix("10.0.3.0/24")!)?.nextHops == [gateway("10.0.13.3", 1)])

        // Take the interface down: the connected route goes, and the static cannot resolve.
        rib.reselect { $0 == 0 }
        #expect(rib.fib.route(for: IPv4Prefix("10.0.3.0/24")!) == nil)
        #expect(rib.fib.routes.map(\.prefix.description) == ["10.0.12.0/24"])
    }

    @Test func recursiveStaticDoesNotResolveThroughAnotherRecursiveStatic() {
        var rib = RoutingTable()
        rib.setCandidate(connected("10.0.12.0/24", 0))
        rib.setCandidate(recursiveStatic("10.9.9.0/24", via: ["10.0.12.2"]))
        rib.setCandidate(recursiveStatic("10.0.3.0/24", via: ["10.9.9.9"]))
        rib.reselect { _ in true }
        #expect(rib.fib.routes.map(\.prefix.description) == ["10.0.12.0/24", "10.9.9.0/24"])
    }

    @Test func ecmpNextHopsAreSorted() {
        // Given in reverse order, stored sorted by address.
        let route = Route(prefix: destination, source: .static,
                          nextHops: [gateway("10.0.13.3", 1), gateway("10.0.12.2", 0)])
        #expect(route.nextHops == [gateway("10.0.12.2", 0), gateway("10.0.13.3", 1)])

        // Resolution output is sorted too.
        var rib = RoutingTable()
        rib.setCandidate(connected("10.0.12.0/24", 0))
        rib.setCandidate(connected("10.0.13.0/24", 1))
        rib.setCandidate(recursiveStatic("10.0.23.0/24", via: ["10.0.13.3", "10.0.12.2"]))
        rib.reselect { _ in true }
        #expect(rib.fib.route(for: IPv4Prefix("10.0.23.0/24")!)?.nextHops
                == [gateway("10.0.12.2", 0), gateway("10.0.13.3", 1)])

        // Directly connected (nil address) hops sort first; equal addresses by interface.
        let hops = [gateway("10.0.0.1", 3), NextHop(address: nil, interface: 5), gateway("10.0.0.1", 1)].sorted()
        #expect(hops == [NextHop(address: nil, interface: 5), gateway("10.0.0.1", 1), gateway("10.0.0.1", 3)])
    }

    @Test func preferenceOrder() {
        let lowMetric = Route(prefix: destination, source: .static, distance: 1, metric: 5, nextHops: [gateway("10.0.0.2", 0)])
        let highMetric = Route(prefix: destination, source: .static, distance: 1, metric: 9, nextHops: [gateway("10.0.0.2", 0)])
        let lowDistanceHighMetric = Route(prefix: destination, source: .static, distance: 0, metric: 100,
                                          nextHops: [gateway("10.0.0.2", 0)])
        let connectedSameDistance = Route(prefix: destination, source: .connected, distance: 1, metric: 5,
                                          nextHops: [NextHop(address: nil, interface: 0)])
        #expect(lowMetric.isPreferred(over: highMetric))
        #expect(!highMetric.isPreferred(over: lowMetric))
        #expect(lowDistanceHighMetric.isPreferred(over: lowMetric))
        #expect(connectedSameDistance.isPreferred(over: lowMetric))
        #expect(RouteSource.connected.defaultDistance == 0 && RouteSource.static.defaultDistance == 1)
    }

    @Test func replaceAndRemoveCandidates() {
        var rib = RoutingTable()
        rib.setCandidate(connected("10.0.12.0/24", 0))
        rib.setCandidate(connected("10.0.13.0/24", 1))
        rib.setCandidate(Route(prefix: destination, source: .static, distance: 1, nextHops: [gateway("10.0.12.2", 0)]))
        rib.setCandidate(Route(prefix: destination, source: .static, distance: 9, nextHops: [gateway("10.0.13.3", 1)]))
        rib.replaceCandidates(source: .connected, with: [connected("10.0.14.0/24", 2)])
        #expect(rib.allCandidates.filter { $0.source == .connected }.map(\.prefix.description) == ["10.0.14.0/24"])
        rib.removeCandidate(destination, source: .static, distance: 1)
        #expect(rib.candidates(for: destination).map(\.distance) == [9])
        rib.removeCandidate(destination, source: .static)
        #expect(rib.candidates(for: destination).isEmpty)
        // Same prefix, source and distance replaces.
        rib.setCandidate(Route(prefix: destination, source: .static, nextHops: [gateway("10.0.14.9", 2)]))
        rib.setCandidate(Route(prefix: destination, source: .static, nextHops: [gateway("10.0.14.8", 2)]))
        #expect(rib.candidates(for: destination).count == 1)
        #expect(rib.candidates(for: destination).first?.nextHops == [gateway("10.0.14.8", 2)])
    }
}
