import Testing
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("ARP resolution and IPv4 forwarding")
struct ForwardingTests {
    /// Delays: h1–r1 1 ms, r1–r2 5 ms, r2–h2 2 ms, so one way is 8 ms and a round trip 16 ms.
    /// The first echo also waits for ARP at every hop, one exchange (2 × delay) per link:
    /// 2 + 10 + 4 = 16 ms, so 32 ms in all. The replies need no ARP: each replier learned the
    /// asker from the request addressed to it.
    @Test func pingAcrossTwoRoutersResolvesARPThenForwards() throws {
        let line = try LineNetwork()
        line.converge()
        let start = line.sim.now
        let id = line.sim.startPing(device: line.h1, target: ip("10.0.2.10"), count: 3)
        let finished = line.sim.finish(probe: id)
        let report = try #require(line.sim.pingReport(id))

        let ms: Int64 = 1_000_000
        // h2 answers with TTL 64; r2 and r1 each decrement once on the way back.
        #expect(report.outcomes == [
            .reply(from: ip("10.0.2.10"), ttl: 62, rttNanoseconds: 32 * ms),
            .reply(from: ip("10.0.2.10"), ttl: 62, rttNanoseconds: 16 * ms),
            .reply(from: ip("10.0.2.10"), ttl: 62, rttNanoseconds: 16 * ms),
        ])
        #expect(report.source == ip("10.0.1.10"))
        #expect(report.received == 3 && report.lossPercent == 0)
        // Probes go out 1 s apart; the third leaves at +2 s and takes 16 ms.
        #expect(finished == start + .seconds(2) + .milliseconds(16))

        // Every hop now has the neighbour it talked to in its ARP cache.
        #expect(line.sim.arpEntries(device: line.h1).map(\.address) == [ip("10.0.1.1")])
        #expect(line.sim.arpEntries(device: line.r1).map(\.address) == [ip("10.0.1.10"), ip("10.0.12.2")])
        #expect(line.sim.arpEntries(device: line.r2).map(\.address) == [ip("10.0.2.10"), ip("10.0.12.1")])
        #expect(line.sim.arpEntries(device: line.h2).map(\.mac) == [line.sim.interface(line.r2, "eth1").mac])
    }

    @Test func recordsTheRoundTripPath() throws {
        let line = try LineNetwork()
        line.converge()
        let id = line.sim.startPing(device: line.h1, target: ip("10.0.2.10"), count: 1)
        line.sim.finish(probe: id)
        #expect(line.sim.pingReport(id)?.path == ["h1", "r1", "r2", "h2", "r2", "r1", "h1"])
    }

    @Test func pingWorksBeforeConvergenceToo() throws {
        let line = try LineNetwork()
        line.sim.start()
        let id = line.sim.startPing(device: line.h1, target: ip("10.0.2.10"), count: 1)
        #expect(line.sim.finish(probe: id) == .milliseconds(32))
        #expect(line.sim.convergedAt == nil)
    }

    /// A host with two interfaces between two subnets does not route: the echo request dies
    /// there, so h2 never sees a frame. With a router in its place the same ping works.
    @Test func hostDoesNotForward() throws {
        let hostInTheMiddle = try LineNetwork(r2Kind: .host)
        hostInTheMiddle.converge()
        let lost = hostInTheMiddle.sim.startPing(device: hostInTheMiddle.r1, target: ip("10.0.2.10"), count: 2)
        hostInTheMiddle.sim.finish(probe: lost)
        #expect(hostInTheMiddle.sim.pingReport(lost)?.outcomes == [.timeout, .timeout])
        #expect(hostInTheMiddle.sim.interface(hostInTheMiddle.h2, "eth0").counters.framesIn == 0)

        // The host still answers for its own addresses, including the far one.
        let own = hostInTheMiddle.sim.startPing(device: hostInTheMiddle.r1, target: ip("10.0.2.1"), count: 1)
        hostInTheMiddle.sim.finish(probe: own)
        let outcome = try #require(hostInTheMiddle.sim.pingReport(own)?.outcomes.first)
        // r1 already resolved 10.0.12.2 for the lost pings: 5 ms there and back, no TTL decrement.
        #expect(outcome == .reply(from: ip("10.0.2.1"), ttl: 64, rttNanoseconds: 10_000_000))

        let routed = try LineNetwork()
        routed.converge()
        let ok = routed.sim.startPing(device: routed.r1, target: ip("10.0.2.10"), count: 2)
        routed.sim.finish(probe: ok)
        #expect(routed.sim.pingReport(ok)?.received == 2)
    }

    @Test func pingToOwnAddressLoopsBackWithoutTouchingALink() throws {
        let line = try LineNetwork()
        line.converge()
        let id = line.sim.startPing(device: line.r1, target: ip("10.0.12.1"), count: 1)
        line.sim.finish(probe: id)
        #expect(line.sim.pingReport(id)?.outcomes == [.reply(from: ip("10.0.12.1"), ttl: 64, rttNanoseconds: 0)])
        #expect(line.sim.links.allSatisfy { $0.framesCarried == 0 })
    }
}
