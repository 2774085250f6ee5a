import Testing
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("Traceroute")
struct TracerouteTests {
    /// LineNetwork delays: h1–r1 1 ms, r1–r2 5 ms, r2–h2 2 ms. Probes go one at a time.
    /// TTL 1: r1 answers; the first probe waits for h1's ARP (2 ms): 4, 2, 2 ms.
    /// TTL 2: r2 answers from 10.0.12.2; the first probe waits for r1's ARP of r2 (10 ms): 22, 12, 12.
    /// TTL 3: h2 answers port unreachable; the first waits for r2's ARP of h2 (4 ms): 20, 16, 16.
    @Test func reachesTheTargetWithOneHopPerRouter() throws {
        let line = try LineNetwork()
        line.converge()
        let id = line.sim.startTraceroute(device: line.h1, target: ip("10.0.2.10"))
        line.sim.finish(probe: id)
        let report = try #require(line.sim.tracerouteReport(id))
        #expect(report.reached)
        #expect(report.source == ip("10.0.1.10"))
        #expect(report.maxTTL == 30)
        #expect(report.hops.map(\.ttl) == [1, 2, 3])
        #expect(report.hops.map { $0.probes.map(\.from) } == [
            [ip("10.0.1.1"), ip("10.0.1.1"), ip("10.0.1.1")],
            [ip("10.0.12.2"), ip("10.0.12.2"), ip("10.0.12.2")],
            [ip("10.0.2.10"), ip("10.0.2.10"), ip("10.0.2.10")],
        ])
        let ms: Int64 = 1_000_000
        #expect(report.hops.map { $0.probes.map(\.rttNanoseconds) } == [
            [4 * ms, 2 * ms, 2 * ms], [22 * ms, 12 * ms, 12 * ms], [20 * ms, 16 * ms, 16 * ms],
        ])
        #expect(report.hops.allSatisfy { $0.probes.allSatisfy { $0.annotation == nil && $0.failure == nil } })
    }

    /// r1 has no route to 192.168.5.5. TTL 1 expires at r1 first (TTL is checked before the
    /// route lookup); TTL 2 gets network unreachable, annotated !N, and the trace stops there.
    @Test func stopsAtNetworkUnreachable() throws {
        let line = try LineNetwork()
        line.converge()
        let id = line.sim.startTraceroute(device: line.h1, target: ip("192.168.5.5"))
        line.sim.finish(probe: id)
        let report = try #require(line.sim.tracerouteReport(id))
        #expect(!report.reached)
        #expect(report.hops.map { $0.probes.map(\.annotation) } == [[nil, nil, nil], ["!N", "!N", "!N"]])
        #expect(report.hops.map { $0.probes.map(\.from) } == Array(repeating: Array(repeating: ip("10.0.1.1"), count: 3), count: 2))
    }

    /// With maxTTL 2 the trace ends after r2's hop, one short of h2.
    @Test func respectsMaxTTL() throws {
        let line = try LineNetwork()
        line.converge()
        let id = line.sim.startTraceroute(device: line.h1, target: ip("10.0.2.10"), maxTTL: 2)
        line.sim.finish(probe: id)
        let report = try #require(line.sim.tracerouteReport(id))
        #expect(!report.reached)
        #expect(report.hops.map(\.ttl) == [1, 2])
        #expect(report.hops.last?.probes.map(\.from) == [ip("10.0.12.2"), ip("10.0.12.2"), ip("10.0.12.2")])
    }

    /// A silent hop: the echo of a probe lost on the core link shows as a timeout (nil address),
    /// 3 s each by default.
    @Test func unansweredProbesTimeOut() throws {
        let line = try LineNetwork(coreLoss: 100)
        line.converge()
        let t0 = line.sim.now
        let id = line.sim.startTraceroute(device: line.h1, target: ip("10.0.2.10"), maxTTL: 2, probesPerHop: 2)
        let finished = line.sim.finish(probe: id)
        let report = try #require(line.sim.tracerouteReport(id))
        #expect(report.hops.map { $0.probes.map(\.from) } == [[ip("10.0.1.1"), ip("10.0.1.1")], [nil, nil]])
        // Hop 1: 4 + 2 ms; hop 2: two 3 s timeouts.
        #expect(finished - t0 == .milliseconds(6) + .seconds(6))
    }
}
