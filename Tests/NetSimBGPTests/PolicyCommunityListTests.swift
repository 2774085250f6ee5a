import NetSimBGP
import NetSimWire
import Testing

/// Standard community lists: an entry matches when all its communities are present; first
/// match decides; a route without communities or matched by no entry does not match.
@Suite("BGP policy: community lists")
struct PolicyCommunityListTests {
    @Test func anEntryNeedsAllItsCommunities() throws {
        let list = try BGPCommunityList(name: "BOTH", entries: [
            .init(action: .permit, communities: [policyCommunity("65000:1"), policyCommunity("65000:2")]),
        ])
        #expect(list.permits([policyCommunity("65000:2"), policyCommunity("65000:9"), policyCommunity("65000:1")]))
        #expect(!list.permits([policyCommunity("65000:1")]))
        #expect(!list.permits([]))
    }

    @Test func firstMatchingEntryDecidesAndNoMatchDenies() throws {
        let list = try BGPCommunityList(name: "L", entries: [
            .init(action: .deny, communities: [policyCommunity("65000:666")]),
            .init(action: .permit, communities: [policyCommunity("65000:100")]),
            .init(action: .permit, communities: [.noExport]),
        ])
        #expect(!list.permits([policyCommunity("65000:100"), policyCommunity("65000:666")]))
        #expect(list.decidingEntry(for: [policyCommunity("65000:100"), policyCommunity("65000:666")]) == 0)
        #expect(list.permits([policyCommunity("65000:100")]))
        #expect(list.decidingEntry(for: [.noExport]) == 2)
        #expect(!list.permits([policyCommunity("65000:5")]))
        #expect(list.decidingEntry(for: [policyCommunity("65000:5")]) == nil)
    }

    @Test func emptyListsAndEntriesAreRefused() {
        let error = #expect(throws: BGPPolicyError.self) {
            try BGPCommunityList(name: "C", entries: [
                .init(action: .permit, communities: [policyCommunity("1:1")]), .init(action: .permit, communities: []),
            ])
        }
        #expect(error?.description == "community_lists.C[1].communities: an entry needs at least one community")
        let empty = #expect(throws: BGPPolicyError.self) { try BGPCommunityList(name: "E", entries: []) }
        #expect(empty?.problems.map(\.path) == ["community_lists.E"])
    }
}
