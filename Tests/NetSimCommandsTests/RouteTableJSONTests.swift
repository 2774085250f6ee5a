import Testing
import NetSimCommands
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("show ip route")
struct RouteTableJSONTests {
    /// r1 of the static triangle: three connected /24s and two statics, one of them ECMP through
    /// r2 (eth0) and r3 (eth1). Routes come in prefix order; next hops in address order.
    @Test func jsonHasExactlyTheDocumentedShape() throws {
        let sim = converged(staticTriangle())
        let result = execute("show ip route --json", on: "r1", in: sim)
        #expect(result.succeeded && result.wantsJSON)
        #expect(result.output == "["
            + #"{"destination":"10.0.1.0/24","distance":0,"metric":0,"next_hops":[{"address":null,"interface":"eth2"}],"path_type":null,"source":"connected"},"#
            + #"{"destination":"10.0.3.0/24","distance":1,"metric":0,"next_hops":[{"address":"10.0.13.3","interface":"eth1"}],"path_type":null,"source":"static"},"#
            + #"{"destination":"10.0.12.0/24","distance":0,"metric":0,"next_hops":[{"address":null,"interface":"eth0"}],"path_type":null,"source":"connected"},"#
            + #"{"destination":"10.0.13.0/24","distance":0,"metric":0,"next_hops":[{"address":null,"interface":"eth1"}],"path_type":null,"source":"connected"},"#
            + #"{"destination":"10.0.23.0/24","distance":1,"metric":0,"next_hops":[{"address":"10.0.12.2","interface":"eth0"},{"address":"10.0.13.3","interface":"eth1"}],"path_type":null,"source":"static"}"#
            + "]")

        // The same, structurally: every route has exactly these keys and types.
        let routes = try #require(elements(result.json))
        #expect(routes.count == 5)
        for route in routes {
            let fields = try #require(members(route))
            #expect(Set(fields.keys) == ["destination", "source", "path_type", "distance", "metric", "next_hops"])
            // Connected and static routes have no path type.
            #expect(fields["path_type"] == .null)
            guard case .string = fields["destination"], case .string(let source)? = fields["source"],
                  case .int = fields["distance"], case .int = fields["metric"] else {
                Issue.record("wrong field types in \(route.compact)")
                continue
            }
            let hops = try #require(elements(fields["next_hops"]))
            #expect(!hops.isEmpty)
            for hop in hops {
                let hopFields = try #require(members(hop))
                #expect(Set(hopFields.keys) == ["address", "interface"])
                // Connected routes have no gateway; static ones always do here.
                if source == "connected" {
                    #expect(hopFields["address"] == .null)
                } else {
                    guard case .string = hopFields["address"] else {
                        Issue.record("static next hop without an address: \(hop.compact)")
                        continue
                    }
                }
            }
        }
        #expect(elements(members(routes[4])?["next_hops"])?.count == 2)
    }

    @Test func textLayout() {
        let sim = converged(staticTriangle())
        let result = execute("sh ip ro", on: "r1", in: sim)
        #expect(!result.wantsJSON)
        // Codes padded to 5 columns; the second ECMP line is indented past "S    10.0.23.0/24 ".
        #expect(result.output == """
            Codes: C - connected, S - static, O - OSPF, IA - OSPF inter area, E1 - OSPF external type 1, E2 - OSPF external type 2

            Gateway of last resort is not set

            C    10.0.1.0/24 is directly connected, eth2
            S    10.0.3.0/24 [1/0] via 10.0.13.3, eth1
            C    10.0.12.0/24 is directly connected, eth0
            C    10.0.13.0/24 is directly connected, eth1
            S    10.0.23.0/24 [1/0] via 10.0.12.2, eth0
                              [1/0] via 10.0.13.3, eth1
            """)
    }

    @Test func hostDefaultRoute() {
        let sim = converged(staticTriangle())
        let result = execute("show ip route", on: "h1", in: sim)
        #expect(result.text == """
            Codes: C - connected, S - static, O - OSPF, IA - OSPF inter area, E1 - OSPF external type 1, E2 - OSPF external type 2

            Gateway of last resort is 10.0.1.1 to network 0.0.0.0

            S    0.0.0.0/0 [1/0] via 10.0.1.1, eth0
            C    10.0.1.0/24 is directly connected, eth0
            """)
        #expect(execute("show ip route --json", on: "h1", in: sim).output == "["
            + #"{"destination":"0.0.0.0/0","distance":1,"metric":0,"next_hops":[{"address":"10.0.1.1","interface":"eth0"}],"path_type":null,"source":"static"},"#
            + #"{"destination":"10.0.1.0/24","distance":0,"metric":0,"next_hops":[{"address":null,"interface":"eth0"}],"path_type":null,"source":"connected"}"#
            + "]")
    }
}
