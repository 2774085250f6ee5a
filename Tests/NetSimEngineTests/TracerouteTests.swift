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

    /// Nobody owns 10.0.2.99. TTL 3 crosses r1 and reaches r2 with TTL 2, which forwards it and
    /// gives up on ARP 3 s later: host unreachable from r2 (10.0.12.2 faces h1), annotated !H, and
    /// the trace stops. RTT of each hop-3 probe: 1 + 5 ms there, 3000 ms of ARP, 5 + 1 ms back
    /// (each probe starts a fresh resolution). The probe timeout is raised to 5 s so that the
    /// answer arrives in time.
    @Test func stopsAtHostUnreachable() throws {
        let line = try LineNetwork()
        line.converge()
        let id = line.sim.startTraceroute(device: line.h1, target: ip("10.0.2.99"), timeout: .seconds(5))
        line.sim.finish(probe: id)
        let report = try #require(line.sim.tracerouteReport(id))
        #expect(!report.reached)
        #expect(report.hops.map { $0.probes.map(\.annotation) } == [[nil, nil, nil], [nil, nil, nil], ["!H", "!H", "!H"]])
        #expect(report.hops.map { $0.probes.map(\.from) } == [
            [ip("10.0.1.1"), ip("10.0.1.1"), ip("10.0.1.1")],
            [ip("10.0.12.2"), ip("10.0.12.2"), ip("10.0.12.2")],
            [ip("10.0.12.2"), ip("10.0.12.2"), ip("10.0.12.2")],
        ])
        #expect(report.hops.last?.probes.map(\.rttNanoseconds) == [3_012_000_000, 3_012_000_000, 3_012_000_000])
    }

    /// r1 has no route to 192.168.5.5. Linux, the data-plane reference (ADR 0002), looks the
    /// route up before it checks the TTL (`ip_route_input` fails and `ip_error` sends network
    /// unreachable; `ip_forward`, which checks the TTL, is never reached), so the TTL-1 probes
    /// already get !N from r1 and the trace ends at hop 1. netsim checks the TTL first: hop 1 shows
    /// r1's time exceeded and the !N only comes at hop 2.
    @Test func unroutableDestinationGivesNetworkUnreachableAtTheFirstHop() throws {
        let line = try LineNetwork()
        line.converge()
        let id = line.sim.startTraceroute(device: line.h1, target: ip("192.168.5.5"))
        line.sim.finish(probe: id)
        let report = try #require(line.sim.tracerouteReport(id))
        #expect(!report.reached)
        #expect(report.hops.map { $0.probes.map(\.annotation) } == [["!N", "!N", "!N"]])
        #expect(report.hops.last?.probes.map(\.annotation) == ["!N", "!N", "!N"])
        #expect(report.hops.last?.probes.map(\.from) == [ip("10.0.1.1"), ip("10.0.1.1"), ip("10.0.1.1")])
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

    /// Every frame on the core link is lost, so r1 never resolves r2: after three ARP requests
    /// a second apart it answers "host unreachable" (!H), inside traceroute's 5 s wait, and the
    /// trace stops at that hop.
    @Test func unresolvableNextHopGivesHostUnreachable() throws {
        let line = try LineNetwork(coreLoss: 100)
        line.converge()
        let t0 = line.sim.now
        let id = line.sim.startTraceroute(device: line.h1, target: ip("10.0.2.10"), maxTTL: 2, probesPerHop: 2)
        let finished = line.sim.finish(probe: id)
        let report = try #require(line.sim.tracerouteReport(id))
        #expect(report.hops.map { $0.probes.map(\.from) } == [[ip("10.0.1.1"), ip("10.0.1.1")],
                                                               [ip("10.0.1.1"), ip("10.0.1.1")]])
        #expect(report.hops.map { $0.probes.map(\.annotation) } == [[nil, nil], ["!H", "!H"]])
        // Hop 1: 4 ms (h1 resolves r1 first) + 2 ms. Each hop-2 probe reaches r1 1 ms after it
        // is sent; r1's ARP gives up 3 s later and the error takes 1 ms back: 3002 ms per probe.
        #expect(finished - t0 == .milliseconds(6 + 3002 * 2))
    }
}
