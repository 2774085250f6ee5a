import Testing
import NetSimCommands
import NetSimEngine
import NetSimRouting

@Suite("OSPF command fuzzing")
struct OSPFCommandFuzzTests {
    /// OSPF networks caught at random moments — at start, while routers wait to elect a DR or
    /// exchange databases, after interfaces go down and come back — and random OSPF queries on
    /// random devices. Every command answers at once; failures are "% " errors; JSON is asked
    /// for, JSON comes back; the neighbor table has a row for every neighbor the process knows.
    @Test func queriesAtRandomMomentsAlwaysRender() throws {
        var random = SeededRandom(seed: 42)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let types = ["router", "network", "summary", "asbr-summary", "external", "r", "n", "s", "a", "e"]
        let ids = ["1.1.1.1", "2.2.2.2", "4.4.4.4", "10.0.0.4", "10.0.3.0", "10.0.23.0", "9.9.9.9"]
        var successes = 0
        for round in 0..<12 {
            let sim = [ospfTriangle, ospfBroadcastSegment, ospfTwoAreas][round % 3](UInt64(round))
            let devices = sim.devices.map(\.name) + ["r1", "r2", "nosuch"]
            sim.start()
            for _ in 0..<40 {
                _ = sim.run(until: sim.now + .milliseconds(Int64(random.next() % 15_000)), maxEvents: commandEventBudget)
                var line = pick([
                    "show ospf", "show ip ospf", "sh o n", "show ip ospf neighbor", "show ospf interface",
                    "show ospf interface \(pick(["eth0", "eth1", "eth2", "eth9"]))", "show ospf database",
                    "show ospf database \(pick(types))", "show ospf database \(pick(types)) \(pick(ids))",
                    "show ip protocols", "show ip route", "show ip route \(pick(ids))",
                    "interface shutdown \(pick(["eth0", "eth1"]))", "interface no shutdown \(pick(["eth0", "eth1"]))",
                ])
                let json = !line.hasPrefix("interface") && random.next() % 2 == 0
                if json { line += " --json" }
                let device = pick(devices)
                let result = execute(line, on: device, in: sim)
                #expect(!result.output.isEmpty)
                if result.succeeded {
                    successes += 1
                } else {
                    #expect(result.text.hasPrefix("% "), "\(device)> \(line): \(result.text)")
                }
                if json {
                    #expect(result.output.first == "[" || result.output.first == "{", "\(device)> \(line)")
                }
                if result.succeeded && line.hasPrefix("sh o n") || line.hasPrefix("show ip ospf neighbor"),
                   let instance = sim.device(named: device)?.ospf {
                    let known = instance.interfaces.map(\.neighbors.count).reduce(0, +)
                    let rows = json ? elements(result.json)?.count : lines(result.text).count - 1
                    #expect(rows == known, "\(device)> \(line)")
                }
            }
        }
        #expect(successes > 200)
    }
}
