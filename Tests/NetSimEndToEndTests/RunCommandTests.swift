import Foundation
import Testing

@Suite("netsim run, end to end")
struct RunCommandTests {
    @Test("every example runs to completion")
    func examplesRun() throws {
        for example in ["static-triangle.yaml", "static-failover.yaml", "switched-lan.yaml", "ospf-triangle.yaml",
                        "ospf-failover.yaml", "ospf-broadcast.yaml", "ospf-multiarea.yaml", "isis-hierarchy.yaml",
                        "isis-leaking.yaml", "bgp-multi-as.yaml", "bgp-multi-as-seed.yaml"] {
            let output = try NetsimBinary.run(["run", NetsimBinary.example(example)])
            #expect(output.status == 0, "\(example): \(output.stderr)")
            #expect(output.stdout.contains("Simulation complete:"), "\(example)")
        }
    }

    @Test("two runs of the same topology print identical bytes apart from wall-clock figures")
    func determinism() throws {
        for example in ["static-triangle.yaml", "static-failover.yaml", "switched-lan.yaml", "ospf-triangle.yaml",
                        "ospf-broadcast.yaml", "ospf-multiarea.yaml", "isis-hierarchy.yaml", "isis-leaking.yaml",
                        "bgp-multi-as.yaml", "bgp-multi-as-seed.yaml"] {
            let first = try NetsimBinary.run(["run", NetsimBinary.example(example)])
            let second = try NetsimBinary.run(["run", NetsimBinary.example(example)])
            #expect(first.deterministicStdout == second.deterministicStdout, "\(example)")
        }
    }

    @Test("the static triangle matches its golden output exactly")
    func staticTriangleGolden() throws {
        let output = try NetsimBinary.run(["run", NetsimBinary.example("static-triangle.yaml")])
        let golden = try String(contentsOf: NetsimBinary.packageRoot
            .appendingPathComponent("Tests/NetSimEndToEndTests/Golden/static-triangle.txt"), encoding: .utf8)
        #expect(output.deterministicStdout == golden)
    }

    @Test("the failover example detours through r2 while r1-r3 is down and comes back")
    func failover() throws {
        let output = try NetsimBinary.run(["run", NetsimBinary.example("static-failover.yaml")])
        let golden = try String(contentsOf: NetsimBinary.packageRoot
            .appendingPathComponent("Tests/NetSimEndToEndTests/Golden/static-failover.txt"), encoding: .utf8)
        #expect(output.deterministicStdout == golden)
    }

    @Test("the seed's OSPF triangle runs verbatim to its documented routes", arguments: ["ospf-triangle", "ospf-failover"])
    func ospfGolden(example: String) throws {
        _ = try runMatchingGolden(example)
    }

    /// Runs `examples/<example>.yaml` and expects its output to equal `Golden/<example>.txt`
    /// (wall-clock figures aside).
    private func runMatchingGolden(_ example: String) throws -> NetsimBinary.Output {
        let output = try NetsimBinary.run(["run", NetsimBinary.example(example + ".yaml")])
        let golden = try String(contentsOf: NetsimBinary.packageRoot
            .appendingPathComponent("Tests/NetSimEndToEndTests/Golden/\(example).txt"), encoding: .utf8)
        #expect(output.deterministicStdout == golden)
        return output
    }

    /// The seed's IS-IS hierarchy verbatim: r1-r2 L1 and r2-r3 L2 adjacencies, both databases,
    /// and r1 reaching 192.0.2.3 through the ATT-bit default route; its copy with leaking on r2
    /// shows the seed's leaked "i L2 192.0.2.3/32 [115/20]" line.
    @Test("the seed's IS-IS hierarchy and its leaking copy match their golden output",
          arguments: ["isis-hierarchy", "isis-leaking"])
    func isisGolden(example: String) throws {
        let output = try runMatchingGolden(example)
        if example == "isis-leaking" {
            #expect(output.stdout.contains("i L2 192.0.2.3/32 [115/20] via 10.1.0.2, eth0\n"
                                           + "     (route leaked from L2 to L1 by ABR r2)"))
        } else {
            #expect(output.stdout.contains("i L1 0.0.0.0/0 [115/10] via 10.1.0.2, eth0"))
        }
    }

    /// The seed's BGP example verbatim: r1 lists 10.1.0.0/24 without a route to it, so (as FRR's
    /// import check) nobody learns it and the log says why. The copy where r1 owns that subnet
    /// has r3 learn it through r2 with AS path 65002 65001 and r1's community.
    @Test("the seed's BGP example and its routed copy match their golden output",
          arguments: ["bgp-multi-as", "bgp-multi-as-seed"])
    func bgpGolden(example: String) throws {
        let output = try runMatchingGolden(example)
        if example == "bgp-multi-as" {
            #expect(output.stdout.contains("*> 10.1.0.0/24  10.0.23.2                  0       65002 65001 i"))
            #expect(output.stdout.contains("Community: 65001:100"))
        } else {
            #expect(output.stdout.contains("r1: BGP: network 10.1.0.0/24 not announced"))
            #expect(output.stdout.contains("No BGP prefixes displayed"))
        }
    }

    @Test("--format json prints one document with every script result")
    func jsonFormat() throws {
        let output = try NetsimBinary.run(["run", NetsimBinary.example("static-triangle.yaml"), "--format", "json"])
        #expect(output.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(document["topology"] as? String == "static-triangle")
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.map { $0["command"] as? String } == ["show ip route", "traceroute 10.0.3.10",
                                                               "ping 10.0.3.10", "show arp"])
        let ping = try #require(results[2]["output"] as? [String: Any])
        #expect(ping["sent"] as? Int == 5)
        #expect(ping["received"] as? Int == 5)
        #expect(ping["loss_percent"] as? Int == 0)
        #expect(ping["path"] as? [String] == ["h1", "r1", "r3", "h3", "r3", "r1", "h1"])
        // 3 links of 1 ms each way: 6 ms; the first echo also waits for three ARP exchanges.
        #expect(ping["rtts_ms"] as? [Double] == [12, 6, 6, 6, 6])
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["converged_ms"] as? Double == 1000)
    }

    @Test("a run that cannot finish stops at --until with exit status 1")
    func untilBound() throws {
        let output = try NetsimBinary.run(["run", NetsimBinary.example("static-triangle.yaml"), "--until", "500ms"])
        #expect(output.status == 1)
        #expect(output.stdout.contains("Error: network did not converge by t=500ms"))
    }
}
