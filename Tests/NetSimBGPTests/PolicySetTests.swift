import NetSimBGP
import NetSimWire
import Testing

/// Policy sets: merging the top-level block with a device's, names defined twice, references
/// to lists that do not exist, names FRR could not take.
@Suite("BGP policy: policy sets")
struct PolicySetTests {
    private func prefixList(_ name: String) throws -> BGPPrefixList {
        try BGPPrefixList(name: name, entries: [.init(action: .permit, prefix: policyPrefix("10.0.0.0/8"), le: 32)])
    }

    @Test func mergesTheTopLevelBlockWithTheDevice() throws {
        let shared = BGPPolicyDefinitions(prefixLists: [try prefixList("A")], routeMaps: [
            try BGPRouteMap(name: "USES_B", entries: [.init(action: .permit, match: .init(prefixList: "B"))]),
        ])
        let device = BGPPolicyDefinitions(prefixLists: [try prefixList("B")])
        let set = try BGPPolicySet(shared: shared, device: device)
        #expect(set.prefixLists.keys.sorted() == ["A", "B"])
        #expect(set.routeMaps.keys.sorted() == ["USES_B"])
        // Without the device's list the shared map's reference is undefined.
        let error = #expect(throws: BGPPolicyError.self) { try BGPPolicySet(shared: shared) }
        #expect(error?.description == "route_maps.USES_B[0].match.prefix_list: prefix list 'B' is not defined")
    }

    @Test func aNameDefinedTwiceIsAnError() throws {
        let shared = BGPPolicyDefinitions(prefixLists: [try prefixList("A")])
        let device = BGPPolicyDefinitions(prefixLists: [try prefixList("A"), try prefixList("C"), try prefixList("C")])
        let error = #expect(throws: BGPPolicyError.self) { try BGPPolicySet(shared: shared, device: device) }
        #expect(error?.description == """
            prefix_lists.A: defined both in the top-level policies and in the device's
            prefix_lists.C: defined twice
            """)
    }

    @Test func kindsAreSeparateNameSpaces() throws {
        let definitions = BGPPolicyDefinitions(
            prefixLists: [try prefixList("X")],
            communityLists: [try BGPCommunityList(name: "X", entries: [.init(action: .permit, communities: [policyCommunity("1:1")])])],
            routeMaps: [try BGPRouteMap(name: "X", entries: [.init(action: .permit, match: .init(prefixList: "X", communityList: "X"))])])
        let set = try BGPPolicySet(shared: definitions)
        #expect(set.routeMaps["X"] != nil)
    }

    @Test func everyUndefinedReferenceIsReported() throws {
        let map = try BGPRouteMap(name: "M", entries: [
            .init(action: .permit, match: .init(prefixList: "P1", communityList: "C1", asPathList: "A1")),
            .init(action: .deny, match: .init(prefixList: "P2")),
        ])
        let error = #expect(throws: BGPPolicyError.self) {
            try BGPPolicySet(device: BGPPolicyDefinitions(routeMaps: [map]))
        }
        #expect(error?.problems.map(\.path) == [
            "route_maps.M[0].match.as_path_list", "route_maps.M[0].match.community_list",
            "route_maps.M[0].match.prefix_list", "route_maps.M[1].match.prefix_list",
        ])
        #expect(error?.problems.first?.message == "AS-path list 'A1' is not defined")
        #expect(error?.problems.first?.entry == 0)
        #expect(error?.problems.first?.field == "match.as_path_list")
    }

    @Test func namesMustBeSingleWords() throws {
        let error = #expect(throws: BGPPolicyError.self) {
            try BGPPolicySet(shared: BGPPolicyDefinitions(prefixLists: [try prefixList("TWO WORDS"), try prefixList("")]))
        }
        #expect(error?.problems.count == 2)
        #expect(error?.problems.allSatisfy { $0.message == "a name must be non-empty and without spaces" } == true)
    }

    @Test func theEmptySetHasNothing() {
        #expect(BGPPolicySet.empty.routeMaps.isEmpty && BGPPolicySet.empty.prefixLists.isEmpty)
        #expect(throws: Never.self) { try BGPPolicySet() }
    }
}
