import Testing
import NetSimCommands
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("Command processor")
struct CommandProcessorTests {
    @Test func errorsArePrefixedAndCarriedAsJSON() {
        let sim = converged(staticTriangle())
        let unknownDevice = execute("show ip route", on: "r9", in: sim)
        #expect(!unknownDevice.succeeded)
        #expect(unknownDevice.text == "% no device 'r9' (devices: r1, r2, r3, h1, h3)")
        #expect(unknownDevice.output == unknownDevice.text)
        let asJSON = execute("show ip route --json", on: "r9", in: sim)
        #expect(asJSON.output == #"{"error":"no device 'r9' (devices: r1, r2, r3, h1, h3)"}"#)

        let grammar = execute("sh i", on: "r1", in: sim)
        #expect(grammar.text == "% ambiguous command word 'i': could be interfaces, ip, isis")
        #expect(grammar.json == .object(["error": .string("ambiguous command word 'i': could be interfaces, ip, isis")]))
        #expect(execute("ping 1.2.3.4 -c 0 --json", on: "h1", in: sim).output
                == #"{"error":"option -c needs N between 1 and 10000"}"#)
    }

    @Test func commandsCheckWhatTheDeviceIs() {
        let sim = converged(staticTriangle())
        #expect(execute("show mac address-table", on: "r1", in: sim).text
                == "% r1 is a router; only switches have a MAC address table")
        #expect(execute("show mac address-table", on: "h1", in: sim).text
                == "% h1 is a host; only switches have a MAC address table")
        #expect(execute("ping 300.1.1.1", on: "h1", in: sim).text == "% '300.1.1.1' is not an IPv4 address")
        #expect(execute("int shut eth7", on: "r1", in: sim).text
                == "% r1 has no interface 'eth7' (interfaces: eth0, eth1, eth2)")
    }

    @Test func switchHasNoIPStackButHasAMACTable() {
        let sim = switchedHosts()
        #expect(execute("ping 10.0.0.2", on: "s1", in: sim).text
                == "% s1 is a switch; it has no IP stack (try 'show mac address-table')")
        #expect(execute("route add 10.9.0.0/16 via 10.0.0.2", on: "s1", in: sim).text
                == "% s1 is a switch and has no routing table")
        #expect(execute("ping 10.0.0.2 -c 1", on: "hA", in: sim).succeeded)
        // hA (device 1) and hB (device 2) learned on p1 and p2. The ping ended 3 ms after hA
        // was last seen and 1 ms after hB: both ages round down to 0 s.
        let table = execute("show mac address-table", on: "s1", in: sim)
        #expect(table.text == """
            VLAN  MAC Address        Port  Age
            1     02:00:00:00:02:00  p1    0
            1     02:00:00:00:03:00  p2    0
            """)
        #expect(table.json.compact == #"[{"age_s":0,"mac":"02:00:00:00:02:00","port":"p1","vlan":1},"#
                + #"{"age_s":0,"mac":"02:00:00:00:03:00","port":"p2","vlan":1}]"#)
    }

    @Test func staticRouteCommands() {
        let sim = converged(staticTriangle())
        #expect(execute("route add 10.0.9.1/24 via 10.0.12.2", on: "r1", in: sim).text
                == "% '10.0.9.1/24' has host bits set; did you mean 10.0.9.0/24?")
        #expect(execute("route add 10.0.9.0/24 via 10.0.12.1", on: "r1", in: sim).text
                == "% gateway 10.0.12.1 is an address of r1 itself")
        #expect(execute("route add 10.9.0.0/16 via 10.0.12.2 distance 0", on: "r1", in: sim).text
                == "% distance must be between 1 and 255, not 0")
        #expect(execute("route add 10.9.0.0/16 via 10.0.12.2 distance 256", on: "r1", in: sim).text
                == "% distance must be between 1 and 255, not 256")

        let added = execute("route add 10.9.0.0/16 via 10.0.12.2", on: "r1", in: sim)
        #expect(added.succeeded)
        #expect(added.text == "static route 10.9.0.0/16 via 10.0.12.2 added (distance 1)")
        #expect(added.json == .object(["message": .string("static route 10.9.0.0/16 via 10.0.12.2 added (distance 1)")]))
        #expect(execute("route add 10.9.0.0/16 via 10.0.13.3 distance 250", on: "r1", in: sim).text
                == "static route 10.9.0.0/16 via 10.0.13.3 added (distance 250)")
        // The floating static waits behind the primary.
        #expect(execute("show ip route 10.9.0.0/16", on: "r1", in: sim).text == """
            Routing entry for 10.9.0.0/16
              Known via "static", distance 1, metric 0, best
              * 10.0.12.2, via eth0
            """)
        #expect(execute("route delete 10.9.0.0/16 via 10.0.12.2", on: "r1", in: sim).text
                == "1 static route for 10.9.0.0/16 removed")
        #expect(execute("show ip route 10.9.0.0/16", on: "r1", in: sim).text == """
            Routing entry for 10.9.0.0/16
              Known via "static", distance 250, metric 0, best
              * 10.0.13.3, via eth1
            """)
        #expect(execute("route add 10.9.0.0/16 via 10.0.12.2", on: "r1", in: sim).succeeded)
        #expect(execute("route del 10.9.0.0/16", on: "r1", in: sim).text == "2 static routes for 10.9.0.0/16 removed")
        #expect(execute("route del 10.9.0.0/16", on: "r1", in: sim).text == "% no static route 10.9.0.0/16")
        #expect(execute("show ip route 10.9.0.0/16", on: "r1", in: sim).text == "% Network not in table")
    }

    @Test func routeLookup() {
        let sim = converged(staticTriangle())
        #expect(execute("show ip route 10.0.23.77", on: "r1", in: sim).text == """
            Routing entry for 10.0.23.0/24
              Known via "static", distance 1, metric 0, best
              * 10.0.12.2, via eth0
              * 10.0.13.3, via eth1
            """)
        #expect(execute("show ip route 10.0.1.0/24 --json", on: "r1", in: sim).output
                == #"[{"destination":"10.0.1.0/24","distance":0,"metric":0,"next_hops":[{"address":null,"interface":"eth2"}],"path_type":null,"source":"connected"}]"#)
        let missing = execute("show ip route 192.168.0.0/16 --json", on: "r1", in: sim)
        #expect(missing.succeeded)
        #expect(missing.output == "[]")
        #expect(execute("show ip route 10.0.3.5/24", on: "r1", in: sim).text
                == "% '10.0.3.5/24' is not an IPv4 prefix with its host bits clear")
    }

    @Test func interfaceShutdownCommands() {
        let sim = converged(staticTriangle())
        #expect(execute("interface shutdown eth0", on: "r1", in: sim).text == "Interface eth0 admin-down")
        #expect(execute("int shut eth0", on: "r1", in: sim).text == "Interface eth0 admin-down (unchanged)")
        #expect(execute("show interfaces eth0", on: "r1", in: sim).text.hasPrefix(
            "eth0 is administratively down, line protocol is down\n"))
        #expect(execute("show interfaces eth0", on: "r2", in: sim).text.hasPrefix("eth0 is down, line protocol is down\n"))
        // r1 lost 10.0.12.0/24; the ECMP route keeps only the hop through r3.
        #expect(execute("show ip route 10.0.23.0/24 --json", on: "r1", in: sim).output
                == #"[{"destination":"10.0.23.0/24","distance":1,"metric":0,"next_hops":[{"address":"10.0.13.3","interface":"eth1"}],"path_type":null,"source":"static"}]"#)
        #expect(execute("interface no shutdown eth0", on: "r1", in: sim).text == "Interface eth0 admin-up")
        #expect(execute("show interfaces eth0", on: "r2", in: sim).text.hasPrefix("eth0 is up, line protocol is up\n"))
    }

    @Test func showInterfaceDetail() {
        let sim = converged(staticTriangle())
        let detail = execute("show interfaces eth0", on: "r1", in: sim)
        // r1 is device 0: MAC 02:00:00:00:01:00 for port 0. No traffic yet.
        #expect(detail.text == """
            eth0 is up, line protocol is up
              Hardware is Ethernet, address is 02:00:00:00:01:00
              Internet address is 10.0.12.1/24
              MTU 1500 bytes, delay 1ms, loss 0%
              Connected to r2:eth0
              0 frames input, 0 bytes
              0 frames output, 0 bytes, 0 drops
            """)
        #expect(detail.json.compact == #"{"admin":"up","counters":{"bytes_in":0,"bytes_out":0,"drops":0,"frames_in":0,"frames_out":0},"#
                + #""ip":"10.0.12.1/24","mac":"02:00:00:00:01:00","mtu":1500,"name":"eth0","peers":["r2:eth0"],"status":"up"}"#)
        let table = execute("show interfaces", on: "h1", in: sim)
        #expect(table.text == """
            Interface  IP Address    MAC Address        Admin  Status
            eth0       10.0.1.10/24  02:00:00:00:04:00  up     up
            """)
    }

    @Test func showARPListsResolvedAndIncomplete() {
        let sim = converged(staticTriangle())
        #expect(execute("ping 10.0.1.1 -c 1", on: "h1", in: sim).succeeded)
        // r1 is device 0; its eth2 is port 2.
        #expect(execute("show arp --json", on: "h1", in: sim).output
                == #"[{"address":"10.0.1.1","age_s":0,"interface":"eth0","mac":"02:00:00:00:01:02","state":"resolved"}]"#)
        // Start a ping to an absent neighbour and look while ARP is still trying.
        guard case .running = CommandProcessor().start("ping 10.0.1.99 -c 1", device: "h1", in: sim) else {
            Issue.record("ping should run in simulated time")
            return
        }
        _ = sim.run(until: sim.now + .milliseconds(500), maxEvents: commandEventBudget)
        let arp = execute("show arp", on: "h1", in: sim)
        #expect(arp.text == """
            IP Address  MAC Address        State       Age  Interface
            10.0.1.1    02:00:00:00:01:02  Resolved    0    eth0
            10.0.1.99   -                  Incomplete  -    eth0
            """)
        #expect(elements(arp.json)?.last == .object([
            "address": .string("10.0.1.99"), "mac": .null, "state": .string("incomplete"), "age_s": .null,
            "interface": .string("eth0"),
        ]))
    }

    @Test func helpListsEveryCommand() {
        let sim = converged(staticTriangle())
        let help = execute("help", on: "r1", in: sim)
        let lines = help.text.split(separator: "\n")
        #expect(lines.first == "Commands (any unique prefix of a word works, e.g. 'sh ip ro'):")
        #expect(lines.count == 1 + CommandGrammar.console.commands.count)
        #expect(elements(help.json)?.count == CommandGrammar.console.commands.count)
    }

    /// The grammar separates words on spaces and tabs, so `show<TAB>arp<TAB>--json` is JSON. But
    /// when the line fails before a match (grammar error, unknown device), `CommandProcessor.start`
    /// decides whether to answer in JSON with `line.split(separator: " ")`, which misses a
    /// tab-separated `--json`, and the error comes back as text.
    @Test func jsonErrorsForTabSeparatedLines() {
        let sim = converged(staticTriangle())
        #expect(execute("show\tarp\t--json", on: "h1", in: sim).output == "[]")
        #expect(execute("show bogus --json", on: "h1", in: sim).output
                == #"{"error":"unknown word 'bogus' after 'show'; expected one of: arp, bgp, interfaces, ip, isis, mac, ospf"}"#)
        #expect(execute("show\tbogus\t--json", on: "h1", in: sim).output
                == #"{"error":"unknown word 'bogus' after 'show'; expected one of: arp, bgp, interfaces, ip, isis, mac, ospf"}"#)
        #expect(execute("show\tarp\t--json", on: "r9", in: sim).output
                == #"{"error":"no device 'r9' (devices: r1, r2, r3, h1, h3)"}"#)
    }

    /// s1 (id 0) with ports p1-p3 in VLAN 1; hosts hA 10.0.0.1, hB 10.0.0.2, hC 10.0.0.3 (ids 1-3).
    private func switchedHosts() -> Simulation {
        let sim = Simulation(seed: 1, stabilityWindow: .seconds(1))
        sim.addDevice(name: "s1", kind: .switch, interfaces: [port("p1"), port("p2"), port("p3")])
        for index in 1...3 {
            sim.addDevice(name: ["hA", "hB", "hC"][index - 1], kind: .host, interfaces: [port("eth0", "10.0.0.\(index)/24")])
            sim.addLink([(0, index - 1), (index, 0)])
        }
        return converged(sim)
    }
}
