import Testing
import NetSimRouting
import NetSimWire

@Suite("ForwardingTable longest-prefix match")
struct ForwardingTableTests {
    private func route(_ prefix: String, via interface: Int) -> Route {
        Route(prefix: IPv4Prefix(prefix)!, source: .static, nextHops: [NextHop(address: nil, interface: interface)])
    }

    private func lookup(_ table: ForwardingTable, _ address: String) -> String? {
        table.lookup(IPv4Address(address)!)?.prefix.description
    }

    private func sample() -> ForwardingTable {
        var table = ForwardingTable()
        table.insert(route("0.0.0.0/0", via: 0))
        table.insert(route("10.0.0.0/8", via: 1))
        table.insert(route("10.1.0.0/16", via: 2))
        table.insert(route("10.1.2.3/32", via: 3))
        return table
    }

    @Test func longestMatchWins() {
        let table = sample()
        #expect(table.count == 4)
        #expect(lookup(table, "10.1.2.3") == "10.1.2.3/32")
        #expect(lookup(table, "10.1.2.4") == "10.1.0.0/16")
        #expect(lookup(table, "10.1.255.255") == "10.1.0.0/16")
        #expect(lookup(table, "10.2.0.0") == "10.0.0.0/8")
        #expect(lookup(table, "10.255.255.255") == "10.0.0.0/8")
        #expect(lookup(table, "11.0.0.0") == "0.0.0.0/0")
        #expect(lookup(table, "255.255.255.255") == "0.0.0.0/0")
        #expect(table.lookup(IPv4Address(10, 1, 2, 3))?.nextHops == [NextHop(address: nil, interface: 3)])
    }

    @Test func withoutDefaultRouteUnmatchedIsNil() {
        var table = sample()
        table.remove(.defaultRoute)
        #expect(table.count == 3)
        #expect(lookup(table, "11.0.0.0") == nil)
        #expect(lookup(table, "9.255.255.255") == nil)
        #expect(ForwardingTable().lookup(.zero) == nil)
    }

    @Test func removingFallsBackToShorterPrefix() {
        var table = sample()
        table.remove(IPv4Prefix("10.1.2.3/32")!)
        #expect(lookup(table, "10.1.2.3") == "10.1.0.0/16")
        table.remove(IPv4Prefix("10.1.0.0/16")!)
        #expect(lookup(table, "10.1.2.3") == "10.0.0.0/8")
        #expect(table.count == 2)
        // Removing what is not there changes nothing.
        table.remove(IPv4Prefix("10.9.0.0/16")!)
        table.remove(IPv4Prefix("10.1.0.0/16")!)
        #expect(table.count == 2)
        #expect(lookup(table, "10.9.0.1") == "10.0.0.0/8")
    }

    @Test func sameLengthOtherNetworkDoesNotMatch() {
        var table = ForwardingTable()
        table.insert(route("10.1.0.0/16", via: 0))
        table.insert(route("10.3.0.0/16", via: 1))
        #expect(lookup(table, "10.2.0.1") == nil)
        table.remove(IPv4Prefix("10.1.0.0/16")!)
        #expect(lookup(table, "10.3.9.9") == "10.3.0.0/16")
    }

    @Test func insertReplacesSamePrefix() {
        var table = sample()
        table.insert(route("10.1.0.0/16", via: 7))
        #expect(table.count == 4)
        #expect(table.lookup(IPv4Address(10, 1, 9, 9))?.nextHops.first?.interface == 7)
    }

    @Test func exactRouteAndOrderedListing() {
        let table = sample()
        #expect(table.route(for: IPv4Prefix("10.1.0.0/16")!)?.nextHops.first?.interface == 2)
        #expect(table.route(for: IPv4Prefix("10.1.0.0/24")!) == nil)
        #expect(table.routes.map(\.prefix.description) == ["0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.3/32"])
    }
}
