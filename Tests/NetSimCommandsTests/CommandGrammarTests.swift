import Testing
import NetSimCommands

@Suite("Command grammar")
struct CommandGrammarTests {
    private let grammar = CommandGrammar.console

    private func parse(_ line: String) throws -> CommandGrammar.Match {
        try grammar.match(line).get()
    }

    private func error(_ line: String) -> String? {
        if case .failure(let error) = grammar.match(line) { return error.message }
        return nil
    }

    @Test func abbreviationsMatchTheFullCommand() throws {
        #expect(grammar.match("sh ip ro") == grammar.match("show ip route"))
        let match = try parse("sh ip ro")
        #expect(match.action == .showIPRoute)
        #expect(match.arguments.isEmpty && match.options.isEmpty && !match.json)
        #expect(try parse("SHOW IP ROUTE").action == .showIPRoute)
        #expect(try parse("show\tip   route").action == .showIPRoute)
    }

    @Test func interfaceCommands() throws {
        let shut = try parse("int shut eth0")
        #expect(shut.action == .interfaceShutdown)
        #expect(shut.arguments == ["eth0"])
        let noShut = try parse("interface no shutdown eth0")
        #expect(noShut.action == .interfaceNoShutdown)
        #expect(noShut.arguments == ["eth0"])
        let terse = try parse("i n s Gi0/1")
        #expect(terse.action == .interfaceNoShutdown && terse.arguments == ["Gi0/1"])
    }

    @Test func otherCommands() throws {
        #expect(try parse("sh int").action == .showInterfaces)
        #expect(try parse("sh int eth1").arguments == ["eth1"])
        #expect(try parse("sh int eth1").action == .showInterface)
        #expect(try parse("sh a").action == .showARP)
        #expect(try parse("sh mac addr").action == .showMACTable)
        #expect(try parse("sh ip ro 10.0.1.0/24").action == .showIPRouteFor)
        #expect(try parse("sh ip ro 10.0.1.7").arguments == ["10.0.1.7"])
        #expect(try parse("route del 10.0.0.0/8").action == .routeDelete)
        #expect(try parse("route del 10.0.0.0/8 via 10.0.12.2").action == .routeDeleteVia)
        let distance = try parse("ro a 10.0.0.0/8 v 10.0.12.2 d 200")
        #expect(distance.action == .routeAddWithDistance)
        #expect(distance.arguments == ["10.0.0.0/8", "10.0.12.2", "200"])
        #expect(try parse("h").action == .help)
        #expect(try parse("tr 10.0.3.10").action == .traceroute)
    }

    @Test func ospfCommandsWithAndWithoutIP() throws {
        for (line, action) in [("sh ip ospf nei", CommandAction.showOSPFNeighbors), ("sh o n", .showOSPFNeighbors),
                               ("show ospf neighbor", .showOSPFNeighbors), ("show ip ospf neighbors", .showOSPFNeighbors),
                               ("sh ip o", .showOSPF), ("sh o", .showOSPF), ("show ip ospf", .showOSPF),
                               ("sh ip p", .showIPProtocols), ("sh ip r", .showIPRoute),
                               ("sh o i", .showOSPFInterfaces), ("show ip ospf interface", .showOSPFInterfaces),
                               ("sh o d", .showOSPFDatabase), ("sh ip os da", .showOSPFDatabase)] {
            let match = try parse(line)
            #expect(match.action == action, "\(line)")
            #expect(match.arguments.isEmpty, "\(line)")
        }
        let interface = try parse("sh ip o i eth0")
        #expect(interface.action == .showOSPFInterface && interface.arguments == ["eth0"])
        // The LSA type is a keyword (any unique prefix), handed over in full.
        for (word, type) in [("r", "router"), ("n", "network"), ("s", "summary"), ("a", "asbr-summary"),
                             ("ext", "external"), ("ROUTER", "router")] {
            let match = try parse("sh o d \(word) --json")
            #expect(match.action == .showOSPFDatabaseType && match.arguments == [type] && match.json)
        }
        #expect(try parse("show ip ospf database router 1.1.1.1").arguments == ["router", "1.1.1.1"])
        #expect(try parse("sh o d a 3.3.3.3").action == .showOSPFDatabaseLSA)
    }

    @Test func ospfGrammarErrors() {
        #expect(error("sh o d x") == "unknown word 'x' after 'sh o d'; expected one of: asbr-summary, external, network, router, summary")
        #expect(error("show ip ospf x") == "unknown word 'x' after 'show ip ospf'; expected one of: database, interface, neighbors")
        #expect(error("show ospf database router 1.1.1.1 extra")
                == "unexpected word 'extra' after 'show ospf database router 1.1.1.1'")
        #expect(error("show ospf database router eth0")
                == "unknown word 'eth0' after 'show ospf database router'; expected one of: <link-state-id>")
        // 'neighbor' is a synonym only where 'neighbors' fits.
        #expect(error("show neighbor") == "unknown word 'neighbor' after 'show'; expected one of: arp, bgp, interfaces, ip, isis, mac, ospf")
        #expect(error("show ip protocols --json extra") == "unexpected word 'extra' after 'show ip protocols'")
    }

    @Test func ambiguousWordNamesTheCandidates() {
        // After "show", "i" starts both "interfaces" and "ip".
        #expect(error("sh i") == "ambiguous command word 'i': could be interfaces, ip, isis")
        #expect(error("show i route") == "ambiguous command word 'i': could be interfaces, ip, isis")
    }

    @Test func unknownWordListsTheExpectedWords() {
        #expect(error("frobnicate") == "unknown word 'frobnicate'; expected one of: clear, help, interface, ping, route, show, traceroute")
        #expect(error("show foo") == "unknown word 'foo' after 'show'; expected one of: arp, bgp, interfaces, ip, isis, mac, ospf")
        #expect(error("show ip route eth0") == "unknown word 'eth0' after 'show ip route'; expected one of: <address|prefix>")
        #expect(error("route add 10.0.0.0/8 via 1.2.3.4 distance x")
                == "unknown word 'x' after 'route add 10.0.0.0/8 via 1.2.3.4 distance'; expected one of: <number>")
        #expect(error("show ip route 10.0.0.0/8 extra") == "unexpected word 'extra' after 'show ip route 10.0.0.0/8'")
    }

    @Test func incompleteCommands() {
        #expect(error("show ip") == "incomplete command 'show ip'; expected one of: bgp, ospf, protocols, route")
        #expect(error("ping") == "incomplete command 'ping'; expected one of: <address>")
        #expect(error("interface") == "incomplete command 'interface'; expected one of: no, shutdown")
        #expect(error("int no") == "incomplete command 'int no'; expected one of: shutdown")
        #expect(error("route add 10.0.0.0/8 via 1.2.3.4 distance")
                == "incomplete command 'route add 10.0.0.0/8 via 1.2.3.4 distance'; expected one of: <number>")
        #expect(error("") == "empty command; type 'help' for the list of commands")
        #expect(error("   ") == "empty command; type 'help' for the list of commands")
        #expect(error("--json") == "empty command; type 'help' for the list of commands")
    }

    @Test func optionValidation() throws {
        #expect(error("ping 1.2.3.4 -c 0") == "option -c needs N between 1 and 10000")
        #expect(error("ping 1.2.3.4 -c 10001") == "option -c needs N between 1 and 10000")
        #expect(error("ping 1.2.3.4 -c") == "option -c needs N between 1 and 10000")
        #expect(error("ping 1.2.3.4 -c three") == "option -c needs N between 1 and 10000")
        #expect(error("traceroute 1.2.3.4 -m 256") == "option -m needs TTL between 1 and 255")
        #expect(error("ping 1.2.3.4 -x 1") == "unknown option '-x' for 'ping 1.2.3.4'; options: -c, -s")
        #expect(error("show arp -c 1") == "unknown option '-c' for 'show arp'; it takes no options")
        #expect(error("traceroute 1.2.3.4 -c 1") == "unknown option '-c' for 'traceroute 1.2.3.4'; options: -m")

        #expect(try parse("ping 1.2.3.4 -c 3").options == ["-c": 3])
        #expect(try parse("ping 1.2.3.4 -c 1").options == ["-c": 1])
        #expect(try parse("ping 1.2.3.4 -c 10000").options == ["-c": 10000])
        // Options and --json may come anywhere on the line.
        let anywhere = try parse("ping -s 100 1.2.3.4 --json -c 2")
        #expect(anywhere.action == .ping)
        #expect(anywhere.arguments == ["1.2.3.4"])
        #expect(anywhere.options == ["-s": 100, "-c": 2])
        #expect(anywhere.json)
    }

    @Test func jsonOnlyWhereTheCommandAcceptsIt() throws {
        #expect(error("route add 10.0.0.0/8 via 1.2.3.4 --json") == "--json is not available for 'route add <prefix> via <address>'")
        #expect(error("int shut eth0 --json") == "--json is not available for 'interface shutdown <interface>'")
        #expect(error("help --json") == "--json is not available for 'help'")
        #expect(try parse("show ip route --json").json)
        #expect(try parse("--json sh arp").json)
        #expect(try parse("ping 10.0.0.1 --json").json)
        #expect(try parse("traceroute 10.0.0.1 --json").json)
    }

    @Test func syntaxLines() {
        let syntax = grammar.commands.map(\.syntax)
        #expect(syntax.contains("ping <address> [-c N] [-s BYTES] [--json]"))
        #expect(syntax.contains("route add <prefix> via <address> distance <number>"))
        #expect(syntax.contains("interface no shutdown <interface>"))
        #expect(syntax.contains("show [ip] ospf neighbors [--json]"))
        #expect(syntax.contains("show [ip] ospf database <lsa-type> <link-state-id> [--json]"))
        #expect(syntax.contains("show isis database detail [--json]"))
        #expect(grammar.commands.count == 40)
        #expect(Set(grammar.commands.map(\.action)) == Set(CommandAction.allCases))
    }
}
