import Testing
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("ICMP errors from routers")
struct ICMPErrorTests {
    /// r1 sends 10.9.0.0/16 to r2 and r2 sends it back: a loop. h1's echo leaves with TTL 64;
    /// the router at hop k (r1 for odd k, r2 for even k) receives TTL 65 - k and gives up when it
    /// is 1, at hop 64, which is r2. r2's address toward h1 is 10.0.12.2 (its route to 10.0.1.0/24
    /// leaves through eth0).
    @Test func ttlExpiryIsReportedByTheRightRouter() throws {
        let line = try LineNetwork()
        try line.sim.staticRoute(line.r1, "10.9.0.0/16", via: "10.0.12.2")
        try line.sim.staticRoute(line.r2, "10.9.0.0/16", via: "10.0.12.1")
        line.converge()
        let start = line.sim.now
        let id = line.sim.startPing(device: line.h1, target: ip("10.9.0.1"), count: 1)
        let finished = line.sim.finish(probe: id)
        #expect(line.sim.pingReport(id)?.outcomes == [.error(from: ip("10.0.12.2"), message: "time to live exceeded")])
        // Hop 1 (r1) at 3 ms (h1's ARP 2 ms + 1 ms); hop 2 (r2) at 3 + 10 (ARP) + 5 = 18 ms;
        // every further hop adds 5 ms: hop 64 at 18 + 62 * 5 = 328 ms. Back: 5 + 1 ms -> 334 ms.
        #expect(finished - start == .milliseconds(334))
    }

    @Test func noRouteGivesNetworkUnreachableFromTheRouterWithoutARoute() throws {
        let line = try LineNetwork()
        line.converge()
        let id = line.sim.startPing(device: line.h1, target: ip("192.168.5.5"), count: 1)
        let start = line.sim.now
        let finished = line.sim.finish(probe: id)
        #expect(line.sim.pingReport(id)?.outcomes == [.error(from: ip("10.0.1.1"), message: "network unreachable")])
        // ARP 2 ms, echo 1 ms, error back 1 ms.
        #expect(finished - start == .milliseconds(4))

        // Past r1 the packet reaches r2, which has no default route either.
        try line.sim.staticRoute(line.r1, "0.0.0.0/0", via: "10.0.12.2")
        let second = line.sim.startPing(device: line.h1, target: ip("192.168.5.5"), count: 1)
        line.sim.finish(probe: second)
        #expect(line.sim.pingReport(second)?.outcomes == [.error(from: ip("10.0.12.2"), message: "network unreachable")])
    }

    @Test func noRouteOnTheSenderItselfIsNotSent() throws {
        let line = try LineNetwork()
        line.converge()
        let id = line.sim.startPing(device: line.r1, target: ip("192.168.5.5"), count: 1)
        line.sim.finish(probe: id)
        #expect(line.sim.pingReport(id)?.outcomes == [.notSent(reason: "no route to 192.168.5.5")])
    }

    /// r1 routes 10.0.9.0/24 via 10.0.12.99, which nobody owns. r1 sends an ARP request when the
    /// echo arrives (t0 + 3 ms) and again 1 s and 2 s later; at t0 + 3.003 s it gives up and sends
    /// host unreachable, which reaches h1 1 ms later.
    @Test func arpFailureToMissingNextHopGivesHostUnreachableAfterThreeSeconds() throws {
        let line = try LineNetwork()
        try line.sim.staticRoute(line.r1, "10.0.9.0/24", via: "10.0.12.99")
        line.converge()
        let t0 = line.sim.now
        let id = line.sim.startPing(device: line.h1, target: ip("10.0.9.1"), count: 1, timeout: .seconds(5))
        func requestsSeenByR2() -> UInt64 { line.sim.interface(line.r2, "eth0").counters.framesIn }

        line.sim.advance(to: t0 + .milliseconds(500))
        #expect(requestsSeenByR2() == 1)
        #expect(line.sim.arpPending(device: line.r1).map(\.address) == [ip("10.0.12.99")])
        line.sim.advance(to: t0 + .milliseconds(1007))
        #expect(requestsSeenByR2() == 1)  // the second request leaves at 1003 ms and arrives at 1008 ms
        line.sim.advance(to: t0 + .milliseconds(1008))
        #expect(requestsSeenByR2() == 2)
        line.sim.advance(to: t0 + .milliseconds(2500))
        #expect(requestsSeenByR2() == 3)
        #expect(!line.sim.isProbeFinished(id))

        let finished = line.sim.finish(probe: id)
        #expect(finished - t0 == .milliseconds(3004))
        #expect(line.sim.pingReport(id)?.outcomes == [.error(from: ip("10.0.1.1"), message: "host unreachable")])
        #expect(requestsSeenByR2() == 3)
        #expect(line.sim.interface(line.r1, "eth1").counters.framesOut == 3)
        #expect(line.sim.arpPending(device: line.r1).isEmpty)
    }

    @Test func arpFailureOnTheSendingHostIsReportedLocally() throws {
        let line = try LineNetwork()
        line.converge()
        let t0 = line.sim.now
        let id = line.sim.startPing(device: line.h1, target: ip("10.0.1.99"), count: 1, timeout: .seconds(5))
        let finished = line.sim.finish(probe: id)
        #expect(finished - t0 == .seconds(3))
        #expect(line.sim.pingReport(id)?.outcomes == [.notSent(reason: "no ARP reply from 10.0.1.99 on eth0")])
        // r1 saw the three broadcast requests.
        #expect(line.sim.interface(line.r1, "eth0").counters.framesIn == 3)
    }

    /// The r1–r2 link has an MTU of 100. A default ping is 20 + 8 + 56 = 84 bytes and passes;
    /// with 100 data bytes it is 128 bytes and has DF set, so r1 answers fragmentation needed.
    @Test func mtuSmallerThanPacketGivesFragmentationNeeded() throws {
        let line = try LineNetwork(coreMTU: 100)
        line.converge()
        let small = line.sim.startPing(device: line.h1, target: ip("10.0.2.10"), count: 1)
        line.sim.finish(probe: small)
        #expect(line.sim.pingReport(small)?.received == 1)

        let big = line.sim.startPing(device: line.h1, target: ip("10.0.2.10"), count: 1, dataLength: 100)
        line.sim.finish(probe: big)
        #expect(line.sim.pingReport(big)?.outcomes == [.error(from: ip("10.0.1.1"), message: "fragmentation needed")])
        #expect(line.sim.interface(line.r1, "eth1").counters.drops == 1)

        // From r1 itself the packet never leaves.
        let local = line.sim.startPing(device: line.r1, target: ip("10.0.2.10"), count: 1, dataLength: 100)
        line.sim.finish(probe: local)
        #expect(line.sim.pingReport(local)?.outcomes == [
            .notSent(reason: "packet of 128 bytes exceeds the MTU 100 of eth1 (fragmentation is not supported)"),
        ])
    }
}
