import NetSimWire

/// Every operation the console can perform; the grammar maps command lines onto these.
public enum CommandAction: String, Sendable, Equatable, CaseIterable {
    case showIPRoute
    case showIPRouteFor
    case showInterfaces
    case showInterface
    case showARP
    case showMACTable
    case showIPProtocols
    case showOSPF
    case showOSPFNeighbors
    case showOSPFInterfaces
    case showOSPFInterface
    case showOSPFDatabase
    case showOSPFDatabaseType
    case showOSPFDatabaseLSA
    case showISISNeighbors
    case showISISDatabase
    case showISISDatabaseDetail
    case showISISInterfaces
    case showISISSPF
    case showISISRoute
    case showBGP
    case showBGPSummary
    case showBGPNeighbors
    case showBGPNeighbor
    case showBGPNeighborRoutes
    case showBGPRoute
    case clearBGP
    case clearBGPSoft
    case clearBGPAll
    case clearBGPProcess
    case clearBGPProcessGraceful
    case ping
    case traceroute
    case routeAdd
    case routeAddWithDistance
    case routeDelete
    case routeDeleteVia
    case interfaceShutdown
    case interfaceNoShutdown
    case help
}

extension CommandGrammar {
    /// The console's commands. Adding a command: a case in `CommandAction`, a line here, and its
    /// execution in `CommandProcessor`. Words must stay unambiguous where the user needs them
    /// short: after `show ip`, `route`, `ospf` and `protocols` differ in their first letter, and
    /// after `show isis` its five words do.
    public static let console: CommandGrammar = {
        func keywords(_ text: String) -> [Token] { text.split(separator: " ").map { .keyword(String($0)) } }
        func command(_ action: CommandAction, _ tokens: [Token], options: [Option] = [], json: Bool = false,
                     _ help: String) -> Command {
            Command(action: action, tokens: tokens, options: options, acceptsJSON: json, help: help)
        }
        let count = Option(flag: "-c", valueName: "N", range: 1...10_000, help: "number of echo requests (default 5)")
        let size = Option(flag: "-s", valueName: "BYTES", range: 0...65_000, help: "echo data bytes (default 56)")
        let maxTTL = Option(flag: "-m", valueName: "TTL", range: 1...255, help: "maximum TTL (default 30)")
        let ospf: [Token] = [.keyword("show"), .optionalKeyword("ip"), .keyword("ospf")]
        let isis: [Token] = [.keyword("show"), .keyword("isis")]
        let bgp: [Token] = [.keyword("show"), .optionalKeyword("ip"), .keyword("bgp")]
        let clearBGP: [Token] = [.keyword("clear"), .optionalKeyword("ip"), .keyword("bgp")]
        let softKind = Token.choice(name: "direction", ["in", "out"])
        let lsaTypes = LSAType.allCases.map(\.description)
        let lsaType = Token.choice(name: "lsa-type", lsaTypes)
        return CommandGrammar(commands: [
            command(.showIPRoute, keywords("show ip route"), json: true, "routing table"),
            command(.showIPRouteFor, keywords("show ip route") + [.parameter(.addressOrPrefix)], json: true,
                    "the route used for an address, or the entry for a prefix"),
            command(.showInterfaces, keywords("show interfaces"), json: true, "interface addresses and state"),
            command(.showInterface, keywords("show interfaces") + [.parameter(.interface)], json: true,
                    "one interface in detail, with counters"),
            command(.showARP, keywords("show arp"), json: true, "ARP cache"),
            command(.showMACTable, keywords("show mac address-table"), json: true, "learned MAC addresses (switches)"),
            command(.showIPProtocols, keywords("show ip protocols"), json: true,
                    "routing protocols running, their sources and distances"),
            command(.showOSPF, ospf, json: true, "OSPF process summary: router ID, SPF timers, areas"),
            command(.showOSPFNeighbors, ospf + keywords("neighbors"), json: true,
                    "OSPF neighbors and adjacency states ('neighbor' works too)"),
            command(.showOSPFInterfaces, ospf + keywords("interface"), json: true, "OSPF interfaces"),
            command(.showOSPFInterface, ospf + keywords("interface") + [.parameter(.interface)], json: true,
                    "one OSPF interface"),
            command(.showOSPFDatabase, ospf + keywords("database"), json: true, "OSPF link-state database summary"),
            command(.showOSPFDatabaseType, ospf + keywords("database") + [lsaType], json: true,
                    "the LSAs of one type in detail: \(lsaTypes.joined(separator: ", "))"),
            command(.showOSPFDatabaseLSA, ospf + keywords("database") + [lsaType, .parameter(.linkStateID)], json: true,
                    "the LSAs of one type with one Link State ID in detail"),
            command(.showISISNeighbors, isis + keywords("neighbors"), json: true,
                    "IS-IS adjacencies: system ID, interface, state, level, holding time ('neighbor' works too)"),
            command(.showISISDatabase, isis + keywords("database"), json: true, "IS-IS link-state databases, per level"),
            command(.showISISDatabaseDetail, isis + keywords("database detail"), json: true,
                    "every LSP with its TLVs"),
            command(.showISISInterfaces, isis + keywords("interfaces"), json: true,
                    "IS-IS circuits: type, levels, metric, adjacencies, DIS"),
            command(.showISISSPF, isis + keywords("spf"), json: true, "each level's shortest-path tree"),
            command(.showISISRoute, isis + keywords("route"), json: true, "the routes each level computed"),
            command(.showBGP, bgp, json: true, "the BGP table: every path of every prefix, best first"),
            command(.showBGPSummary, bgp + keywords("summary"), json: true,
                    "BGP neighbors: state, messages, prefixes received and sent"),
            command(.showBGPNeighbors, bgp + keywords("neighbors"), json: true,
                    "BGP neighbors in detail: timers, capabilities, message counters ('neighbor' works too)"),
            command(.showBGPNeighbor, bgp + keywords("neighbors") + [.parameter(.address)], json: true,
                    "one BGP neighbor in detail"),
            command(.showBGPNeighborRoutes, bgp + keywords("neighbors") + [
                .parameter(.address), .choice(name: "routes", ["advertised-routes", "received-routes"]),
            ], json: true, "what one neighbor is sent (after export policy) or sent us (before import policy)"),
            command(.showBGPRoute, bgp + [.parameter(.addressOrPrefix)], json: true,
                    "every path of one prefix (longest match for an address) and why the best one won"),
            command(.clearBGP, clearBGP + [.parameter(.address)],
                    "reset a BGP session (Cease NOTIFICATION, administrative reset)"),
            command(.clearBGPAll, clearBGP + keywords("*"), "reset every BGP session"),
            command(.clearBGPProcess, clearBGP + keywords("process"),
                    "restart the BGP process: every session ends and the speaker starts from scratch"),
            command(.clearBGPProcessGraceful, clearBGP + keywords("process graceful"),
                    "restart the BGP process gracefully (RFC 4724, with graceful_restart): peers keep forwarding"),
            command(.clearBGPSoft, clearBGP + [.parameter(.address), .keyword("soft"), softKind],
                    "soft reconfiguration: 'in' asks the neighbor for its routes again (route refresh), 'out' "
                        + "sends ours again"),
            command(.ping, keywords("ping") + [.parameter(.address)], options: [count, size], json: true,
                    "ICMP echo test"),
            command(.traceroute, keywords("traceroute") + [.parameter(.address)], options: [maxTTL], json: true,
                    "hop-by-hop path discovery"),
            command(.routeAdd, keywords("route add") + [.parameter(.prefix), .keyword("via"), .parameter(.address)],
                    "add a static route"),
            command(.routeAddWithDistance, keywords("route add") + [.parameter(.prefix), .keyword("via"),
                                                                   .parameter(.address), .keyword("distance"),
                                                                   .parameter(.number)],
                    "add a static route with an administrative distance (1-255)"),
            command(.routeDelete, keywords("route delete") + [.parameter(.prefix)], "remove the static routes for a prefix"),
            command(.routeDeleteVia, keywords("route delete") + [.parameter(.prefix), .keyword("via"), .parameter(.address)],
                    "remove one static route"),
            command(.interfaceShutdown, keywords("interface shutdown") + [.parameter(.interface)],
                    "administratively disable an interface"),
            command(.interfaceNoShutdown, keywords("interface no shutdown") + [.parameter(.interface)],
                    "administratively enable an interface"),
            command(.help, keywords("help"), "this list"),
        ], synonyms: ["neighbor": "neighbors"])
    }()
}
