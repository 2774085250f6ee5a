import Testing
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("Learning switch and VLANs")
struct BridgingTests {
    /// s1 (id 0) with hosts hA, hB, hC (ids 1-3) on ports p1-p3, all links 1 ms.
    private func star(vlans: [Switchport] = [.access(vlan: 1), .access(vlan: 1), .access(vlan: 1)]) -> Simulation {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        sim.addDevice(name: "s1", kind: .switch, interfaces: [
            port("p1", switchport: vlans[0]), port("p2", switchport: vlans[1]), port("p3", switchport: vlans[2]),
        ])
        sim.addDevice(name: "hA", kind: .host, interfaces: [port("eth0", "10.0.0.1/24")])
        sim.addDevice(name: "hB", kind: .host, interfaces: [port("eth0", "10.0.0.2/24")])
        sim.addDevice(name: "hC", kind: .host, interfaces: [port("eth0", "10.0.0.3/24")])
        for host in 1...3 { sim.addLink([(0, host - 1), (host, 0)]) }
        sim.start()
        sim.advance(to: .seconds(1))
        return sim
    }

    @Test func floodsUnknownThenLearns() throws {
        let sim = star()
        let id = sim.startPing(device: 1, target: ip("10.0.0.2"), count: 1)
        let t0 = sim.now
        let finished = sim.finish(probe: id)
        // Two 1 ms links each way: ARP 4 ms + echo 4 ms.
        #expect(finished - t0 == .milliseconds(8))
        #expect(sim.pingReport(id)?.outcomes == [.reply(from: ip("10.0.0.2"), ttl: 64, rttNanoseconds: 8_000_000)])
        // hC saw only the flooded ARP broadcast; everything after was forwarded to a learned port.
        #expect(sim.interface(3, "eth0").counters.framesIn == 1)
        // MACs are derived from (device id + 1, port): hA 02:00:00:00:02:00 on p1, hB ...03:00 on p2.
        let table = sim.macEntries(device: 0)
        #expect(table.map(\.vlan) == [1, 1])
        #expect(table.map(\.mac.description) == ["02:00:00:00:02:00", "02:00:00:00:03:00"])
        #expect(table.map(\.port) == [0, 1])
        // Last seen: hA's echo request reached s1 at t0 + 5 ms, hB's echo reply at t0 + 7 ms; the
        // ping ended at t0 + 8 ms.
        #expect(table.map(\.age) == [.milliseconds(3), .milliseconds(1)])
        // The switch port counters: p1 received ARP request + echo request, sent ARP reply + echo reply.
        #expect(sim.interface(0, "p1").counters.framesIn == 2)
        #expect(sim.interface(0, "p1").counters.framesOut == 2)
        #expect(sim.interface(0, "p3").counters.framesOut == 1)

        sim.advance(to: sim.now + .seconds(3))
        #expect(sim.macEntries(device: 0).map(\.age) == [.milliseconds(3003), .milliseconds(3001)])
    }

    @Test func accessPortsIsolateVLANs() throws {
        // p1 and p3 in VLAN 10, p2 in VLAN 20.
        let sim = star(vlans: [.access(vlan: 10), .access(vlan: 20), .access(vlan: 10)])
        let blocked = sim.startPing(device: 1, target: ip("10.0.0.2"), count: 1, timeout: .seconds(5))
        sim.finish(probe: blocked)
        #expect(sim.pingReport(blocked)?.outcomes == [.notSent(reason: "no ARP reply from 10.0.0.2 on eth0")])
        #expect(sim.interface(2, "eth0").counters.framesIn == 0)
        // The three ARP broadcasts reached hC, in hA's VLAN.
        #expect(sim.interface(3, "eth0").counters.framesIn == 3)

        let allowed = sim.startPing(device: 1, target: ip("10.0.0.3"), count: 1)
        sim.finish(probe: allowed)
        #expect(sim.pingReport(allowed)?.received == 1)
        #expect(sim.macEntries(device: 0).map(\.vlan) == [10, 10])
    }

    /// Two switches joined by a trunk carrying VLANs 10 and 20; on each, p1 is in VLAN 10 and p2
    /// in VLAN 20. Hosts: hA (s1 p1), hB (s1 p2), hC (s2 p1), hD (s2 p2), all in 10.0.0.0/24.
    @Test func trunksCarryTaggedFrames() throws {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        let trunk = Switchport.trunk(vlans: [10, 20])
        for name in ["s1", "s2"] {
            sim.addDevice(name: name, kind: .switch, interfaces: [
                port("p1", switchport: .access(vlan: 10)), port("p2", switchport: .access(vlan: 20)),
                port("t1", switchport: trunk),
            ])
        }
        for (index, name) in ["hA", "hB", "hC", "hD"].enumerated() {
            sim.addDevice(name: name, kind: .host, interfaces: [port("eth0", "10.0.0.\(index + 1)/24")])
        }
        sim.addLink([(0, 2), (1, 2)])       // trunk
        sim.addLink([(0, 0), (2, 0)])       // hA - s1 p1
        sim.addLink([(0, 1), (3, 0)])       // hB - s1 p2
        sim.addLink([(1, 0), (4, 0)])       // hC - s2 p1
        sim.addLink([(1, 1), (5, 0)])       // hD - s2 p2
        sim.start()
        sim.advance(to: .seconds(1))

        let sameVLAN = sim.startPing(device: 2, target: ip("10.0.0.3"), count: 1)
        sim.finish(probe: sameVLAN)
        // Three links each way, ARP first: 6 + 6 ms.
        #expect(sim.pingReport(sameVLAN)?.outcomes == [.reply(from: ip("10.0.0.3"), ttl: 64, rttNanoseconds: 12_000_000)])
        // s2 learned hA (02:00:00:00:03:00) in VLAN 10 on its trunk port: the tag carried the VLAN.
        let learned = sim.macEntries(device: 1).filter { $0.mac == sim.interface(2, "eth0").mac }
        #expect(learned.map(\.vlan) == [10])
        #expect(learned.map(\.port) == [2])
        // hB and hD (VLAN 20) saw nothing of it.
        #expect(sim.interface(3, "eth0").counters.framesIn == 0)
        #expect(sim.interface(5, "eth0").counters.framesIn == 0)

        let otherVLAN = sim.startPing(device: 2, target: ip("10.0.0.4"), count: 1, timeout: .seconds(5))
        sim.finish(probe: otherVLAN)
        #expect(sim.pingReport(otherVLAN)?.outcomes == [.notSent(reason: "no ARP reply from 10.0.0.4 on eth0")])
        #expect(sim.interface(5, "eth0").counters.framesIn == 0)

        let vlan20 = sim.startPing(device: 3, target: ip("10.0.0.4"), count: 1)
        sim.finish(probe: vlan20)
        #expect(sim.pingReport(vlan20)?.received == 1)
    }

    @Test func untaggedFrameOnTrunkPortIsDropped() throws {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        sim.addDevice(name: "s1", kind: .switch, interfaces: [
            port("t1", switchport: .trunk(vlans: [1])), port("p2", switchport: .access(vlan: 1)),
        ])
        sim.addDevice(name: "hA", kind: .host, interfaces: [port("eth0", "10.0.0.1/24")])
        sim.addDevice(name: "hB", kind: .host, interfaces: [port("eth0", "10.0.0.2/24")])
        sim.addLink([(0, 0), (1, 0)])
        sim.addLink([(0, 1), (2, 0)])
        sim.start()
        let id = sim.startPing(device: 1, target: ip("10.0.0.2"), count: 1, timeout: .seconds(5))
        sim.finish(probe: id)
        #expect(sim.pingReport(id)?.outcomes == [.notSent(reason: "no ARP reply from 10.0.0.2 on eth0")])
        #expect(sim.interface(0, "t1").counters.drops == 3)
        #expect(sim.interface(2, "eth0").counters.framesIn == 0)
    }
}
