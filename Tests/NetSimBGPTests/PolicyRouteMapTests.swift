import NetSimBGP
import NetSimWire
import Testing

/// Route-maps: each match clause, each set action, first-match order, deny entries, the
/// implicit deny, and next_hop self on import and export.
@Suite("BGP policy: route-maps")
struct PolicyRouteMapTests {
    private let exportContext = BGPPolicyContext(direction: .export, peerAddress: IPv4Address("10.0.12.2")!,
                                                 localAddress: IPv4Address("10.0.12.1")!)
    private let importContext = BGPPolicyContext(direction: .import, peerAddress: IPv4Address("10.0.12.2")!,
                                                 localAddress: IPv4Address("10.0.12.1")!)

    private func lists() throws -> BGPPolicyDefinitions {
        BGPPolicyDefinitions(
            prefixLists: [try BGPPrefixList(name: "CUSTOMERS", entries: [
                .init(action: .permit, prefix: policyPrefix("10.0.0.0/8"), ge: 16, le: 24),
            ])],
            communityLists: [try BGPCommunityList(name: "BLACKHOLE", entries: [
                .init(action: .permit, communities: [policyCommunity("65000:666")]),
            ])],
            asPathLists: [try BGPASPathList(name: "FROM_65002", entries: [.init(action: .permit, regex: "^65002_")])])
    }

    /// A set with the lists above and one map made of `entries`.
    private func policies(_ entries: [BGPRouteMap.Entry]) throws -> BGPPolicySet {
        var definitions = try lists()
        definitions.routeMaps = [try BGPRouteMap(name: "MAP", entries: entries)]
        return try BGPPolicySet(shared: definitions)
    }

    private let attributes = BGPPathAttributes(origin: .igp, asPath: BGPASPath(sequence: [65002, 65001]),
                                               nextHop: IPv4Address("10.0.12.2")!,
                                               communities: [BGPCommunity(65000, 666), BGPCommunity(65002, 1)])

    private func run(_ set: BGPPolicySet, _ prefixText: String = "10.1.0.0/24", attributes: BGPPathAttributes? = nil,
                     weight: UInt32 = 0, context: BGPPolicyContext? = nil) -> BGPPolicyResult {
        set.evaluate(routeMap: "MAP", prefix: policyPrefix(prefixText), attributes: attributes ?? self.attributes,
                     weight: weight, context: context ?? importContext)
    }

    // MARK: Match clauses

    @Test func prefixListClause() throws {
        let set = try policies([.init(action: .permit, match: .init(prefixList: "CUSTOMERS"))])
        #expect(run(set, "10.1.0.0/24").isPermitted)
        #expect(run(set, "10.1.0.0/25") == .deny(entry: nil))
        #expect(run(set, "192.0.2.0/24") == .deny(entry: nil))
    }

    @Test func communityListClause() throws {
        let set = try policies([.init(action: .permit, match: .init(communityList: "BLACKHOLE"))])
        #expect(run(set).isPermitted)
        var without = attributes
        without.communities = [BGPCommunity(65002, 1)]
        #expect(!run(set, attributes: without).isPermitted)
    }

    @Test func asPathListClause() throws {
        let set = try policies([.init(action: .permit, match: .init(asPathList: "FROM_65002"))])
        #expect(run(set).isPermitted)
        var other = attributes
        other.asPath = BGPASPath(sequence: [65003, 65002])
        #expect(!run(set, attributes: other).isPermitted)
    }

    @Test func allClausesMustMatch() throws {
        let set = try policies([.init(action: .permit, match: .init(prefixList: "CUSTOMERS", communityList: "BLACKHOLE",
                                                                    asPathList: "FROM_65002"))])
        #expect(run(set).isPermitted)
        #expect(!run(set, "192.0.2.0/24").isPermitted)
        var other = attributes
        other.asPath = BGPASPath(sequence: [65003])
        #expect(!run(set, attributes: other).isPermitted)
    }

    // MARK: Order and denial

    @Test func firstMatchingEntryDecides() throws {
        let set = try policies([
            .init(action: .deny, match: .init(communityList: "BLACKHOLE")),
            .init(action: .permit, match: .init(prefixList: "CUSTOMERS"), set: .init(localPreference: 300)),
            .init(action: .permit, set: .init(localPreference: 50)),
        ])
        #expect(run(set) == .deny(entry: 0))
        var clean = attributes
        clean.communities = []
        #expect(run(set, attributes: clean).entry == 1)
        #expect(run(set, attributes: clean).route?.attributes.localPreference == 300)
        #expect(run(set, "192.0.2.0/24", attributes: clean).entry == 2)
        #expect(run(set, "192.0.2.0/24", attributes: clean).route?.attributes.localPreference == 50)
    }

    @Test func implicitDenyWhenNoEntryMatches() throws {
        let set = try policies([.init(action: .permit, match: .init(prefixList: "CUSTOMERS"))])
        let result = run(set, "192.0.2.0/24")
        #expect(result == .deny(entry: nil))
        #expect(result.description == "denied: no entry matched")
        #expect(result.route == nil)
    }

    @Test func aDenyEntryIgnoresItsSetActions() throws {
        let set = try policies([.init(action: .deny, set: .init(localPreference: 500))])
        #expect(run(set) == .deny(entry: 0))
        #expect(run(set).description == "denied by entry 0")
    }

    @Test func anUndefinedMapDeniesEverything() throws {
        let set = try policies([.init(action: .permit)])
        let result = set.evaluate(routeMap: "NOPE", prefix: policyPrefix("10.1.0.0/24"), attributes: attributes, weight: 0,
                                  context: importContext)
        #expect(result == .deny(entry: nil))
    }

    // MARK: Set actions

    @Test func anEntryWithoutActionsPassesTheRouteUnchanged() throws {
        let set = try policies([.init(action: .permit)])
        #expect(run(set, weight: 7) == .permit(BGPPolicyRoute(attributes: attributes, weight: 7), entry: 0))
        #expect(run(set).description == "permitted by entry 0")
    }

    @Test func scalarActions() throws {
        let set = try policies([.init(action: .permit, set: .init(localPreference: 200, med: 50, weight: 100,
                                                                   origin: .incomplete))])
        let route = try #require(run(set).route)
        #expect(route.attributes.localPreference == 200)
        #expect(route.attributes.multiExitDiscriminator == 50)
        #expect(route.weight == 100)
        #expect(route.attributes.origin == .incomplete)
        // Nothing else moved.
        var expected = attributes
        expected.localPreference = 200
        expected.multiExitDiscriminator = 50
        expected.origin = .incomplete
        #expect(route.attributes == expected)
        #expect(!route.nextHopSetByPolicy)
    }

    @Test func communityAddKeepsThemSortedAndUnique() throws {
        let set = try policies([.init(action: .permit, set: .init(communityAdd: [
            policyCommunity("65001:100"), .noExport, policyCommunity("65000:666"), policyCommunity("1:1"),
        ]))])
        let route = try #require(run(set).route)
        #expect(route.attributes.communities.map(\.description)
            == ["1:1", "65000:666", "65001:100", "65002:1", "no-export"])
    }

    @Test func communityRemoveListed() throws {
        let set = try policies([.init(action: .permit, set: .init(communityRemove: .communities([
            policyCommunity("65002:1"), policyCommunity("9:9"),
        ])))])
        #expect(try #require(run(set).route).attributes.communities == [policyCommunity("65000:666")])
        // Removing the last one leaves no attribute at all.
        let all = try policies([.init(action: .permit, set: .init(communityRemove: .communities([
            policyCommunity("65002:1"), policyCommunity("65000:666"),
        ])))])
        #expect(try #require(run(all).route).attributes.communities.isEmpty)
    }

    @Test func communityRemoveAllThenAdd() throws {
        let none = try policies([.init(action: .permit, set: .init(communityRemove: .all))])
        #expect(try #require(run(none).route).attributes.communities.isEmpty)
        let replace = try policies([.init(action: .permit, set: .init(communityAdd: [policyCommunity("65001:7")],
                                                                       communityRemove: .all))])
        #expect(try #require(run(replace).route).attributes.communities == [policyCommunity("65001:7")])
    }

    @Test func largeCommunityAdd() throws {
        let set = try policies([.init(action: .permit, set: .init(largeCommunityAdd: [
            BGPLargeCommunity("65001:1:1")!, BGPLargeCommunity("65000:5:5")!,
        ]))])
        var withOne = attributes
        withOne.largeCommunities = [BGPLargeCommunity("65001:1:1")!]
        let route = try #require(run(set, attributes: withOne).route)
        #expect(route.attributes.largeCommunities.map(\.description) == ["65000:5:5", "65001:1:1"])
    }

    @Test func prependPutsTheNumbersInFrontInOrder() throws {
        let set = try policies([.init(action: .permit, set: .init(asPathPrepend: [65001, 65001, 64999]))])
        let route = try #require(run(set).route)
        #expect(route.attributes.asPath.description == "65001 65001 64999 65002 65001")
        #expect(route.attributes.asPath.length == 5)
        // An empty path gains a sequence.
        var local = attributes
        local.asPath = BGPASPath()
        #expect(try #require(run(set, attributes: local).route).attributes.asPath == BGPASPath(sequence: [65001, 65001, 64999]))
    }

    @Test func nextHopAddress() throws {
        let set = try policies([.init(action: .permit, set: .init(nextHop: .address(IPv4Address("192.0.2.1")!)))])
        let route = try #require(run(set).route)
        #expect(route.attributes.nextHop == IPv4Address("192.0.2.1"))
        #expect(route.nextHopSetByPolicy)
    }

    @Test func nextHopSelfDependsOnDirection() throws {
        let set = try policies([.init(action: .permit, set: .init(nextHop: .peerSelf))])
        #expect(try #require(run(set, context: exportContext).route).attributes.nextHop == IPv4Address("10.0.12.1"))
        #expect(try #require(run(set, context: importContext).route).attributes.nextHop == IPv4Address("10.0.12.2"))
        #expect(set.routeMaps["MAP"]?.setsNextHopSelf == true)
    }

    // MARK: Construction

    @Test func setActionsAreChecked() {
        let error = #expect(throws: BGPPolicyError.self) {
            try BGPRouteMap(name: "M", entries: [
                .init(action: .permit, set: .init(communityAdd: [], largeCommunityAdd: [], asPathPrepend: [65001, 0])),
                .init(action: .permit, set: .init(communityAdd: [policyCommunity("1:1")],
                                                  communityRemove: .communities([policyCommunity("1:1")]))),
                .init(action: .deny, set: .init(communityRemove: .communities([]), asPathPrepend: [],
                                                nextHop: .address(IPv4Address("224.0.0.5")!))),
                .init(action: .permit, set: .init(nextHop: .address(.zero))),
            ])
        }
        #expect(error?.description == """
            route_maps.M[0].set.as_path_prepend: AS 0 cannot be prepended (RFC 7607)
            route_maps.M[0].set.community_add: the list of communities to add is empty
            route_maps.M[0].set.large_community_add: the list of large communities to add is empty
            route_maps.M[1].set.community_remove: 1:1 is both removed and added
            route_maps.M[2].set.as_path_prepend: the list of AS numbers to prepend is empty
            route_maps.M[2].set.community_remove: the list of communities to remove is empty (write 'all' to remove every one)
            route_maps.M[2].set.next_hop: 224.0.0.5 cannot be a next hop: it is a multicast address
            route_maps.M[3].set.next_hop: 0.0.0.0 cannot be a next hop: it is the unspecified address
            """)
        let empty = #expect(throws: BGPPolicyError.self) { try BGPRouteMap(name: "E", entries: []) }
        #expect(empty?.description == "route_maps.E: a route-map needs at least one entry")
    }
}
