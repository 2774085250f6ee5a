@testable import NetSimTopology
import NetSimWire
import Testing

/// The `bgp` and `policies` blocks: every key read, and each rule's located error.
@Suite("BGP in topology files")
struct BGPTopologyTests {
    typealias Support = TopologyTestSupport

    /// r1 (AS 65001) and r2 (AS 65002) on 10.0.0.0/24, r1 with a loopback; `r1BGP` is r1's block.
    static func routers(_ r1BGP: String, policies: String = "", r1Policies: String = "") -> String {
        var yaml = Support.topology(devices: """
              - name: r1
                type: router
                bgp: \(r1BGP)
            \(r1Policies.isEmpty ? "" : "    policies: " + r1Policies)
                interfaces:
                  - name: eth0
                    ip: 10.0.0.1/24
                  - name: lo0
                    ip: 192.0.2.1/32
              - name: r2
                type: router
                bgp: { as: 65002, neighbors: [{ ip: 10.0.0.1, remote_as: 65001 }] }
                interfaces:
                  - name: eth0
                    ip: 10.0.0.2/24
            """, links: Support.twoRoutersLink)
        if !policies.isEmpty { yaml += "policies: \(policies)\n" }
        return yaml
    }

    static let minimal = "{ as: 65001, neighbors: [{ ip: 10.0.0.2, remote_as: 65002 }] }"

    @Test func everyRouterAndNeighborKeyIsRead() throws {
        let block = """
            { as: 4200000001, router_id: 1.1.1.1, networks: [10.1.0.0/24, 192.0.2.1/32],
                      redistribute: [connected, ospf], cluster_id: 7, maximum_paths: 4, maximum_paths_ibgp: 2,
                      bestpath: { compare_routerid: true, always_compare_med: true, med_missing_as_worst: true,
                                  as_path_multipath_relax: true },
                      graceful_restart: true, timers: { keepalive: 3, hold: 9, connect_retry: 5 },
                      neighbors: [{ ip: 10.0.0.2, remote_as: 65002, description: "to r2", update_source: lo0,
                                    next_hop_self: true, route_reflector_client: true, send_community: false,
                                    password: s3cret, ebgp_multihop: 2, timers: { keepalive: 1, hold: 3 },
                                    advertisement_interval: 5, weight: 100, import: IN, export: OUT,
                                    shutdown: true }] }
            """
        let policies = """
            { route_maps: { IN: [{ action: permit }], OUT: [{ action: permit, set: { next_hop: self } }] } }
            """
        let (spec, errors) = Support.spec(Self.routers(block, policies: policies))
        let bgp = try #require(spec?.devices[0].bgp, "\(errors)")
        #expect(bgp.autonomousSystem == 4_200_000_001 && bgp.routerID == IPv4Address("1.1.1.1"))
        #expect(bgp.networks.map(\.description) == ["10.1.0.0/24", "192.0.2.1/32"])
        #expect(bgp.redistribute == [.connected, .ospf] && bgp.clusterID == IPv4Address("0.0.0.7"))
        #expect(bgp.maximumPaths == 4 && bgp.maximumPathsIBGP == 2 && bgp.gracefulRestart == true)
        #expect(bgp.bestPath.compareRouterID && bgp.bestPath.alwaysCompareMED && bgp.bestPath.missingMEDAsWorst
            && bgp.bestPath.multipathRelax)
        #expect(bgp.timers?.keepalive == 3 && bgp.timers?.hold == 9 && bgp.timers?.connectRetry == 5)
        let neighbor = try #require(bgp.neighbors.first)
        #expect(neighbor.address == IPv4Address("10.0.0.2") && neighbor.remoteAS == 65002)
        #expect(neighbor.description == "to r2" && neighbor.updateSource == "lo0" && neighbor.password == "s3cret")
        #expect(neighbor.nextHopSelf == true && neighbor.routeReflectorClient == true && neighbor.sendCommunity == false)
        #expect(neighbor.ebgpMultihop == 2 && neighbor.timers?.hold == 3 && neighbor.advertisementInterval == 5)
        #expect(neighbor.weight == 100 && neighbor.importPolicy == "IN" && neighbor.exportPolicy == "OUT")
        #expect(neighbor.shutdown == true)
    }

    @Test func policiesAreReadInOrder() throws {
        let policies = """

              prefix_lists:
                NETS:
                  - { action: permit, prefix: 10.0.0.0/8, ge: 16, le: 24 }
                  - { action: deny, prefix: 0.0.0.0/0, le: 32 }
              community_lists:
                TAGGED: [{ action: permit, communities: ["65001:100", no-export] }]
              as_path_lists:
                FROM2: [{ action: permit, regex: "^65002_" }]
              route_maps:
                IN:
                  - action: deny
                    match: { community_list: TAGGED }
                  - action: permit
                    match: { prefix_list: NETS, as_path_list: FROM2 }
                    set: { local_pref: 200, med: 5, weight: 7, origin: incomplete, community_add: ["65001:1"],
                           community_remove: all, large_community_add: ["65001:1:2"], as_path_prepend: [65001, 65001],
                           next_hop: 10.0.0.9 }
            """
        let (spec, errors) = Support.spec(Self.routers(Self.minimal, policies: policies))
        let block = try #require(spec?.policies, "\(errors)")
        #expect(block.prefixLists.map(\.name) == ["NETS"])
        let first = try #require(block.prefixLists.first?.entries.first)
        #expect(first.action == .permit && first.prefix.description == "10.0.0.0/8" && first.ge == 16 && first.le == 24)
        #expect(block.communityLists.first?.entries.first?.communities == [BGPCommunity(65001, 100), .noExport])
        #expect(block.asPathLists.first?.entries.first?.regex == "^65002_")
        let map = try #require(block.routeMaps.first)
        #expect(map.name == "IN" && map.entries.map(\.action) == [.deny, .permit])
        let permit = map.entries[1]
        #expect(permit.matchPrefixList == "NETS" && permit.matchASPathList == "FROM2")
        #expect(permit.setLocalPreference == 200 && permit.setMED == 5 && permit.setWeight == 7)
        #expect(permit.setOrigin == .incomplete && permit.communityAdd == [BGPCommunity(65001, 1)])
        #expect(permit.communityRemove == .all && permit.largeCommunityAdd.map(\.description) == ["65001:1:2"])
        #expect(permit.asPathPrepend == [65001, 65001] && permit.setNextHop == .address(IPv4Address("10.0.0.9")!))
    }

    @Test(arguments: [
        ("{ neighbors: [] }", "missing required key 'as' in device bgp"),
        ("{ as: 0 }", "AS number 0 is out of range; expected 1...4294967295"),
        ("{ as: 1, timers: { hold: 2 } }", "hold time 2 is not allowed; it is 0 or at least 3 seconds (RFC 4271)"),
        ("{ as: 1, timers: { keepalive: 30, hold: 30 } }", "keepalive 30 must be shorter than the hold time 30"),
        ("{ as: 1, neighbors: [{ ip: 10.0.0.2 }] }", "missing required key 'remote_as' in bgp neighbor"),
        ("{ as: 1, neighbors: [{ ip: 10.0.0.1, remote_as: 2 }] }",
         "BGP neighbor 10.0.0.1 of 'r1' is one of its own addresses"),
        ("{ as: 1, neighbors: [{ ip: 10.0.0.2, remote_as: 2 }, { ip: 10.0.0.2, remote_as: 3 }] }",
         "BGP neighbor 10.0.0.2 is listed twice on 'r1'"),
        ("{ as: 1, neighbors: [{ ip: 10.0.0.2, remote_as: 2, update_source: lo1 }] }",
         "update_source 'lo1' is not an interface of 'r1'"),
        ("{ as: 1, neighbors: [{ ip: 10.0.0.2, remote_as: 2, import: NOPE }] }", "route map 'NOPE' is not defined"),
        ("{ as: 1, neighbors: [{ ip: 10.0.0.2, remote_as: 2, password: \"two words\" }] }",
         "a BGP password is 1 to 80 printable ASCII characters without spaces"),
        ("{ as: 1, networks: [10.1.0.1/24] }", "prefix '10.1.0.1/24' has host bits set; a route prefix must be a network address"),
        ("{ as: 1, redistribute: [rip] }", "unknown redistribution source 'rip'; expected one of: connected, static, ospf, isis"),
        ("{ as: 1, neighbours: [] }", "unknown key 'neighbours' in device bgp; expected one of: as, router_id, networks, "
            + "redistribute, cluster_id, maximum_paths, maximum_paths_ibgp, bestpath, graceful_restart, timers, neighbors"),
    ])
    func routerBlockErrors(block: String, message: String) throws {
        #expect(try Support.onlyDiagnostic(Self.routers(block)).message == message)
    }

    @Test(arguments: [
        ("{ prefix_lists: { P: [{ action: permit, prefix: 10.0.0.0/16, ge: 8 }] } }",
         "ge 8 is shorter than the prefix length of 10.0.0.0/16"),
        ("{ prefix_lists: { P: [{ action: permit, prefix: 10.0.0.0/16, ge: 20, le: 18 }] } }", "le 18 is shorter than ge 20"),
        ("{ prefix_lists: { P: [{ action: allow, prefix: 10.0.0.0/16 }] } }",
         "unknown action 'allow'; expected one of: permit, deny"),
        ("{ prefix_lists: { P: [] } }", "'P' in 'prefix_lists' has no entries"),
        ("{ community_lists: { C: [{ action: permit, communities: [\"65536:1\"] }] } }",
         "invalid community '65536:1' in 'communities'"),
        ("{ route_maps: { M: [{ action: permit, match: { prefix_list: NONE } }] } }",
         "route map 'M' entry 1, match.prefix_list: prefix list 'NONE' is not defined"),
        ("{ route_maps: { M: [{ action: deny, set: { med: 1 } }] } }",
         "a deny entry rejects the route; its 'set' actions would never apply"),
        ("{ route_maps: { M: [{ action: permit, set: { origin: igpp } }] } }",
         "unknown origin 'igpp'; expected one of: igp, egp, incomplete"),
        ("{ route_maps: { 'a b': [{ action: permit }] } }",
         "invalid policy name 'a b' in 'route_maps'; use letters, digits, '-' and '_'"),
    ])
    func policyErrors(policies: String, message: String) throws {
        #expect(try Support.onlyDiagnostic(Self.routers(Self.minimal, policies: policies)).message == message)
    }

    @Test func nextHopSelfIsForExportOnly() throws {
        let block = "{ as: 1, neighbors: [{ ip: 10.0.0.2, remote_as: 2, import: M }] }"
        let diagnostic = try Support.onlyDiagnostic(Self.routers(
            block, policies: "{ route_maps: { M: [{ action: permit, set: { next_hop: self } }] } }"))
        #expect(diagnostic.message.hasPrefix("route map 'M' sets 'next_hop: self', which only an export policy can do"))
    }

    @Test func devicePoliciesAddToTheTopLevelButDoNotRedefine() throws {
        let block = "{ as: 1, neighbors: [{ ip: 10.0.0.2, remote_as: 2, import: MINE, export: SHARED }] }"
        let shared = "{ prefix_lists: { NETS: [{ action: permit, prefix: 10.0.0.0/8, le: 32 }] }, "
            + "route_maps: { SHARED: [{ action: permit, match: { prefix_list: NETS } }] } }"
        let own = "{ route_maps: { MINE: [{ action: permit, match: { prefix_list: NETS } }] } }"
        #expect(Support.diagnostics(Self.routers(block, policies: shared, r1Policies: own)).isEmpty)
        let clash = "{ route_maps: { SHARED: [{ action: deny }], MINE: [{ action: permit }] } }"
        #expect(try Support.onlyDiagnostic(Self.routers(block, policies: shared, r1Policies: clash)).message
            == "route map 'SHARED': defined both in the top-level policies and in the device's")
    }

    @Test func hostsDoNotSpeakBGP() throws {
        let yaml = Support.topology(devices: """
              - name: h1
                type: host
                bgp: { as: 1 }
                interfaces:
                  - name: eth0
                    ip: 10.0.0.9/24
            """)
        #expect(try Support.onlyDiagnostic(yaml).message == "'bgp' is only allowed on routers; 'h1' is a host")
    }
}
