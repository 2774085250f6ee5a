import Testing
import NetSimCommands

@Suite("Command completion")
struct CommandCompletionTests {
    private let grammar = CommandGrammar.console
    private let values = CommandGrammar.CompletionValues(interfaces: ["eth0", "eth1", "lo"],
                                                         addresses: ["10.0.12.2", "10.0.13.3"])

    private func candidates(_ text: String) -> [String] { grammar.complete(text, values: values).candidates }

    @Test func firstWords() {
        #expect(candidates("") == ["clear", "help", "interface", "ping", "route", "show", "traceroute"])
        #expect(candidates("s") == ["show"])
        #expect(candidates("SH") == ["show"])
        #expect(candidates("x").isEmpty)
    }

    @Test func subcommandsAfterAbbreviatedWords() {
        #expect(candidates("sh ") == ["arp", "bgp", "interfaces", "ip", "isis", "mac", "ospf"])
        #expect(candidates("sh ip ") == ["bgp", "ospf", "protocols", "route"])
        #expect(candidates("sh ip r") == ["route"])
        #expect(candidates("show ip ospf ") == ["database", "interface", "neighbors"])
        #expect(candidates("sh o d ") == ["asbr-summary", "external", "network", "router", "summary"])
        #expect(candidates("int ") == ["no", "shutdown"])
        #expect(candidates("route add 10.9.0.0/16 ") == ["via"])
    }

    @Test func synonymsCompleteToTheKeyword() {
        #expect(candidates("show ospf neighbor") == ["neighbors"])
    }

    @Test func argumentsComeFromTheDevice() {
        #expect(candidates("int shut ") == ["eth0", "eth1", "lo"])
        #expect(candidates("interface no shutdown e") == ["eth0", "eth1"])
        #expect(candidates("sh int eth1") == ["eth1"])
        #expect(candidates("ping 10.0.1") == ["10.0.12.2", "10.0.13.3"])
        #expect(candidates("show ip route ") == ["10.0.12.2", "10.0.13.3"])
        #expect(candidates("route add 10.9.0.0/16 via ") == ["10.0.12.2", "10.0.13.3"])
        #expect(grammar.complete("int shut ").candidates.isEmpty)
    }

    @Test func optionsAfterACompleteCommand() {
        #expect(candidates("ping 10.0.12.2 -") == ["-c", "-s", "--json"])
        #expect(candidates("ping 10.0.12.2 -c 3 -") == ["-s", "--json"])
        #expect(candidates("ping 10.0.12.2 -c ").isEmpty)
        #expect(candidates("sh ip ro --") == ["--json"])
        #expect(candidates("sh ip ro --json ") == ["10.0.12.2", "10.0.13.3"])
        #expect(candidates("route add -").isEmpty)
    }

    @Test func nothingAfterAWordThatFitsNothing() {
        #expect(candidates("show bogus ").isEmpty)
        #expect(candidates("s i ").isEmpty)  // 'i' is ambiguous after show: interfaces, ip
        #expect(candidates("help ").isEmpty)
    }

    @Test func commonPrefix() {
        #expect(grammar.complete("interface no shutdown e", values: values).commonPrefix == "eth")
        #expect(grammar.complete("sh ", values: values).commonPrefix == "")
        #expect(grammar.complete("s", values: values).commonPrefix == "show")
        #expect(grammar.complete("zz", values: values).commonPrefix == "zz")
    }

    @Test func continuationsForHelp() {
        let afterShowIP = grammar.continuations(of: "sh ip ")
        #expect(afterShowIP.commands.map(\.action) == [
            .showIPRoute, .showIPRouteFor, .showIPProtocols, .showOSPF, .showOSPFNeighbors, .showOSPFInterfaces,
            .showOSPFInterface, .showOSPFDatabase, .showOSPFDatabaseType, .showOSPFDatabaseLSA, .showBGP,
            .showBGPSummary, .showBGPNeighbors, .showBGPNeighbor, .showBGPNeighborRoutes, .showBGPRoute,
        ])
        #expect(!afterShowIP.isComplete)
        let route = grammar.continuations(of: "sh ip route ")
        #expect(route.isComplete)
        #expect(route.commands.map(\.action) == [.showIPRouteFor])
        let partial = grammar.continuations(of: "sh ip ro")
        #expect(partial.commands.map(\.action) == [.showIPRoute, .showIPRouteFor])
        #expect(!partial.isComplete)
        #expect(grammar.continuations(of: "show bogus ").commands.isEmpty)
        #expect(grammar.continuations(of: "").commands.count == grammar.commands.count)
    }
}
