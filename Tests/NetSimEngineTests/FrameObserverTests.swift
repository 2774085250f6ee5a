import Testing
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("Frame observer (the capture tap)")
struct FrameObserverTests {
    /// One captured frame, reduced to what the tests compare: when, where, which way, what.
    private struct Seen: Equatable, CustomStringConvertible {
        var ms: Int64
        var place: String
        var direction: CapturedFrame.Direction
        var what: String

        var description: String { "\(ms) \(place) \(direction) \(what)" }
    }

    private func record(_ sim: Simulation) -> () -> [Seen] {
        var seen: [Seen] = []
        sim.frameObserver = { captured in
            let device = sim.devices[captured.device]
            let what: String
            switch captured.frame.payload {
            case .arp(let arp): what = arp.operation == .request ? "arp-request" : "arp-reply"
            case .ipv4(let packet):
                if case .icmp(let message) = packet.payload {
                    what = message.type == 8 ? "echo-request" : "echo-reply"
                } else {
                    what = "ipv4"
                }
            case .isis(let pdu): what = pdu.name
            }
            seen.append(Seen(ms: captured.time.nanoseconds / 1_000_000,
                             place: "\(device.name):\(device.interfaces[captured.interface].name)",
                             direction: captured.direction, what: what))
        }
        return { seen }
    }

    /// h1 —1ms— r1 —5ms— r2 —2ms— h2: one echo, with ARP resolved at every hop on the way out
    /// and learned from the requests on the way back. Every frame appears on its sender's
    /// interface when sent and on the receiver's interface one link delay later.
    @Test func pingAcrossTwoRouters() throws {
        let network = try LineNetwork()
        network.converge()
        let seen = record(network.sim)
        let id = network.sim.startPing(device: network.h1, target: ip("10.0.2.10"), count: 1)
        network.sim.finish(probe: id)
        let expected: [Seen] = [
            Seen(ms: 1000, place: "h1:eth0", direction: .outbound, what: "arp-request"),
            Seen(ms: 1001, place: "r1:eth0", direction: .inbound, what: "arp-request"),
            Seen(ms: 1001, place: "r1:eth0", direction: .outbound, what: "arp-reply"),
            Seen(ms: 1002, place: "h1:eth0", direction: .inbound, what: "arp-reply"),
            Seen(ms: 1002, place: "h1:eth0", direction: .outbound, what: "echo-request"),
            Seen(ms: 1003, place: "r1:eth0", direction: .inbound, what: "echo-request"),
            Seen(ms: 1003, place: "r1:eth1", direction: .outbound, what: "arp-request"),
            Seen(ms: 1008, place: "r2:eth0", direction: .inbound, what: "arp-request"),
            Seen(ms: 1008, place: "r2:eth0", direction: .outbound, what: "arp-reply"),
            Seen(ms: 1013, place: "r1:eth1", direction: .inbound, what: "arp-reply"),
            Seen(ms: 1013, place: "r1:eth1", direction: .outbound, what: "echo-request"),
            Seen(ms: 1018, place: "r2:eth0", direction: .inbound, what: "echo-request"),
            Seen(ms: 1018, place: "r2:eth1", direction: .outbound, what: "arp-request"),
            Seen(ms: 1020, place: "h2:eth0", direction: .inbound, what: "arp-request"),
            Seen(ms: 1020, place: "h2:eth0", direction: .outbound, what: "arp-reply"),
            Seen(ms: 1022, place: "r2:eth1", direction: .inbound, what: "arp-reply"),
            Seen(ms: 1022, place: "r2:eth1", direction: .outbound, what: "echo-request"),
            Seen(ms: 1024, place: "h2:eth0", direction: .inbound, what: "echo-request"),
            Seen(ms: 1024, place: "h2:eth0", direction: .outbound, what: "echo-reply"),
            Seen(ms: 1026, place: "r2:eth1", direction: .inbound, what: "echo-reply"),
            Seen(ms: 1026, place: "r2:eth0", direction: .outbound, what: "echo-reply"),
            Seen(ms: 1031, place: "r1:eth1", direction: .inbound, what: "echo-reply"),
            Seen(ms: 1031, place: "r1:eth0", direction: .outbound, what: "echo-reply"),
            Seen(ms: 1032, place: "h1:eth0", direction: .inbound, what: "echo-reply"),
        ]
        #expect(seen() == expected)
        #expect(network.sim.pingReport(id)?.outcomes.allSatisfy(isReply) == true)
    }

    /// The observer gets the frame itself, at nanosecond simulated time.
    @Test func carriesTheFrameAndExactTime() throws {
        let network = try LineNetwork(d1: .microseconds(1_500))
        network.converge()
        var first: [CapturedFrame] = []
        network.sim.frameObserver = { if first.count < 2 { first.append($0) } }
        network.sim.finish(probe: network.sim.startPing(device: network.h1, target: ip("10.0.1.1"), count: 1))
        let request = EthernetFrame(destination: .broadcast, source: network.sim.interface(network.h1, "eth0").mac,
                                    payload: .arp(ARPPacket(operation: .request,
                                                            senderMAC: network.sim.interface(network.h1, "eth0").mac,
                                                            senderIP: ip("10.0.1.10"), targetMAC: .zero,
                                                            targetIP: ip("10.0.1.1"))))
        #expect(first == [
            CapturedFrame(time: .seconds(1), device: network.h1, interface: 0, direction: .outbound, frame: request),
            CapturedFrame(time: .seconds(1) + .microseconds(1_500), device: network.r1, interface: 0, direction: .inbound,
                          frame: request),
        ])
    }

    /// Frames lost on a lossy link are seen leaving and never arriving.
    @Test func lostFramesAppearOnlyOnTheSendingSide() throws {
        let network = try LineNetwork(coreLoss: 100)
        network.converge()
        let seen = record(network.sim)
        network.sim.finish(probe: network.sim.startPing(device: network.h1, target: ip("10.0.2.10"), count: 1))
        let core = seen().filter { $0.place == "r1:eth1" || $0.place == "r2:eth0" }
        #expect(!core.isEmpty)
        #expect(core.allSatisfy { $0.place == "r1:eth1" && $0.direction == .outbound && $0.what == "arp-request" })
        #expect(UInt64(core.count) == network.sim.links[network.core].framesLost)
    }

    /// A frame arriving at an interface that went down while it crossed the link is not seen there.
    @Test func nothingArrivesAtADownInterface() throws {
        let network = try LineNetwork()
        network.converge()
        let seen = record(network.sim)
        let id = network.sim.startPing(device: network.h1, target: ip("10.0.2.10"), count: 1)
        network.sim.advance(to: .seconds(1) + .microseconds(500))
        #expect(network.sim.setAdminState(device: network.r1, interface: 0, up: false))
        network.sim.finish(probe: id)
        #expect(seen().first == Seen(ms: 1000, place: "h1:eth0", direction: .outbound, what: "arp-request"))
        #expect(seen().allSatisfy { $0.place != "r1:eth0" })
    }

    /// Watching changes nothing: the same run with and without an observer logs the same events.
    @Test func observingDoesNotChangeTheRun() throws {
        func run(observed: Bool) throws -> (log: [String], events: UInt64) {
            let network = try LineNetwork(coreLoss: 30)
            let log = LogRecorder(network.sim)
            if observed { network.sim.frameObserver = { _ in } }
            network.converge()
            network.sim.finish(probe: network.sim.startPing(device: network.h1, target: ip("10.0.2.10"), count: 10))
            return (log.lines, network.sim.eventsProcessed)
        }
        let plain = try run(observed: false)
        let watched = try run(observed: true)
        #expect(plain.log == watched.log)
        #expect(plain.events == watched.events)
    }
}
