import Testing
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("Shared segments")
struct SharedSegmentTests {
    /// One segment joining r1 (id 0, 10.0.0.1), hA (1, 10.0.0.10) and hB (2, 10.0.0.20), 1 ms.
    private func segment() -> Simulation {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        sim.addDevice(name: "r1", kind: .router, interfaces: [port("eth0", "10.0.0.1/24")])
        sim.addDevice(name: "hA", kind: .host, interfaces: [port("eth0", "10.0.0.10/24")])
        sim.addDevice(name: "hB", kind: .host, interfaces: [port("eth0", "10.0.0.20/24")])
        sim.addLink([(0, 0), (1, 0), (2, 0)])
        sim.start()
        sim.advance(to: .seconds(1))
        return sim
    }

    /// hA pings the subnet broadcast. r1 and hB both receive it and both answer after resolving
    /// hA (ARP 2 ms + reply 1 ms + the request's 1 ms = 4 ms). r1 comes first: it is the first
    /// endpoint of the segment, so its copy of every frame is scheduled (and handled) first.
    @Test func broadcastReachesEveryEndpoint() throws {
        let sim = segment()
        #expect(sim.links[0].isPointToPoint == false)
        let id = sim.startPing(device: 1, target: ip("10.0.0.255"), count: 1)
        sim.finish(probe: id)
        #expect(sim.pingReport(id)?.outcomes == [.reply(from: ip("10.0.0.1"), ttl: 64, rttNanoseconds: 4_000_000)])
        // Both responders resolved hA, and hA answered both.
        #expect(sim.arpEntries(device: 1).map(\.address) == [ip("10.0.0.1"), ip("10.0.0.20")])
        #expect(sim.arpEntries(device: 0).map(\.address) == [ip("10.0.0.10")])
        #expect(sim.arpEntries(device: 2).map(\.address) == [ip("10.0.0.10")])

        sim.advance(to: sim.now + .milliseconds(10))
        // Frames sent: hA broadcast echo + 2 ARP replies; r1 and hB each an ARP request and an
        // echo reply: 7 in all, each delivered to the 2 other endpoints.
        #expect(sim.links[0].framesCarried == 14)
        let frames = (0...2).map { sim.devices[$0].interfaces[0].counters }
        #expect(frames.map(\.framesOut) == [2, 3, 2])
        // Like a hub, everyone sees every frame but its own.
        #expect(frames.map(\.framesIn) == [5, 4, 5])
    }

    /// A unicast exchange between hA and hB is seen by r1 too (a segment is a hub), but r1 only
    /// learns ARP entries addressed to it.
    @Test func unicastIsSeenButNotLearnedByBystanders() throws {
        let sim = segment()
        let id = sim.startPing(device: 1, target: ip("10.0.0.20"), count: 1)
        sim.finish(probe: id)
        #expect(sim.pingReport(id)?.received == 1)
        #expect(sim.interface(0, "eth0").counters.framesIn == 4)
        #expect(sim.arpEntries(device: 0).isEmpty)
    }

    @Test func shutdownDoesNotTakeOtherEndpointsDown() throws {
        let sim = segment()
        let log = LogRecorder(sim)
        #expect(sim.setAdminState(device: 1, interface: 0, up: false))
        #expect(sim.interface(1, "eth0").operUp == false)
        #expect(sim.interface(0, "eth0").operUp)
        #expect(sim.interface(2, "eth0").operUp)
        #expect(log.lines == ["[t=1000ms] hA: interface eth0 admin-down", "[t=1000ms] hA: interface eth0 down"])
        #expect(sim.devices[1].rib.fib.count == 0)
        #expect(sim.devices[0].rib.fib.count == 1)

        let id = sim.startPing(device: 2, target: ip("10.0.0.1"), count: 1)
        sim.finish(probe: id)
        #expect(sim.pingReport(id)?.received == 1)
        // hA's port is down: it drops what arrives instead of counting it in.
        #expect(sim.interface(1, "eth0").counters.framesIn == 0)
    }
}
