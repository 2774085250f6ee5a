import Testing
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("Link loss")
struct LinkLossTests {
    /// hA (10.0.0.1) and hB (10.0.0.2) on one lossy 1 ms link (link 0). With `extraLink`, an
    /// unrelated pair of hosts is cabled afterwards (link 1).
    private func pair(seed: UInt64, loss: Double, extraLink: Bool = false) -> Simulation {
        let sim = Simulation(seed: seed, stabilityWindow: .seconds(1))
        sim.addDevice(name: "hA", kind: .host, interfaces: [port("eth0", "10.0.0.1/24")])
        sim.addDevice(name: "hB", kind: .host, interfaces: [port("eth0", "10.0.0.2/24")])
        sim.addLink([(0, 0), (1, 0)], lossPercent: loss)
        if extraLink {
            sim.addDevice(name: "hX", kind: .host, interfaces: [port("eth0", "10.9.0.1/24")])
            sim.addDevice(name: "hY", kind: .host, interfaces: [port("eth0", "10.9.0.2/24")])
            sim.addLink([(2, 0), (3, 0)], lossPercent: 50)
        }
        sim.start()
        return sim
    }

    /// Every ARP request is lost. Probe 1 (t=0) times out at 2 s, probe 2 (t=1 s) at 3 s; the
    /// three requests (0, 1, 2 s) are the only frames ever sent.
    @Test func fullLossLosesEverything() {
        let sim = pair(seed: 1, loss: 100)
        let id = sim.startPing(device: 0, target: ip("10.0.0.2"), count: 2)
        #expect(sim.finish(probe: id) == .seconds(3))
        #expect(sim.pingReport(id)?.outcomes == [.timeout, .timeout])
        #expect(sim.links[0].framesLost == 3)
        #expect(sim.links[0].framesCarried == 0)
        #expect(sim.interface(1, "eth0").counters.framesIn == 0)
    }

    private struct Trace: Equatable {
        var outcomes: [ProbeOutcome]
        var lost: UInt64
        var carried: UInt64
    }

    private func lossyPing(seed: UInt64, extraLink: Bool = false) throws -> Trace {
        let sim = pair(seed: seed, loss: 50, extraLink: extraLink)
        if extraLink {
            // Traffic on the other link draws from that link's own stream only.
            let other = sim.startPing(device: 2, target: ip("10.9.0.2"), count: 7)
            sim.finish(probe: other)
        }
        let id = sim.startPing(device: 0, target: ip("10.0.0.2"), count: 20)
        sim.finish(probe: id)
        sim.advance(to: sim.now + .seconds(10))  // let frames in flight land
        let link = sim.links[0]
        // Each transmission on a point-to-point link is either carried or lost, and everything
        // carried arrived.
        let out = sim.interface(0, "eth0").counters.framesOut + sim.interface(1, "eth0").counters.framesOut
        let into = sim.interface(0, "eth0").counters.framesIn + sim.interface(1, "eth0").counters.framesIn
        #expect(link.framesLost + link.framesCarried == out)
        #expect(link.framesCarried == into)
        return Trace(outcomes: try #require(sim.pingReport(id)).outcomes, lost: link.framesLost,
                     carried: link.framesCarried)
    }

    @Test func halfLossRepeatsExactlyForTheSameSeed() throws {
        let first = try lossyPing(seed: 7)
        let second = try lossyPing(seed: 7)
        #expect(first == second)
        #expect(first.lost > 0 && first.carried > 0)
        #expect(first.outcomes.contains(where: isReply))
        #expect(first.outcomes.contains(.timeout))
    }

    @Test func differentSeedLosesDifferentFrames() throws {
        #expect(try lossyPing(seed: 7) != lossyPing(seed: 8))
    }

    @Test func otherLinksDoNotDisturbALinksDraws() throws {
        #expect(try lossyPing(seed: 7) == lossyPing(seed: 7, extraLink: true))
    }
}
