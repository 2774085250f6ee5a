import Testing
import NetSimCommands
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("ping and traceroute output")
struct ProbeRenderingTests {
    /// h1 → r1 → r3 → h3, 1 ms links: 3 ms each way. The first echo also resolves ARP on each of
    /// the three links (2 ms each): 12 ms; the second 6 ms. h3 replies with TTL 64, decremented by
    /// r3 and r1.
    @Test func pingJSON() throws {
        let sim = converged(staticTriangle())
        let result = execute("ping 10.0.3.10 -c 2 --json", on: "h1", in: sim)
        #expect(result.succeeded)
        let fields = try #require(members(result.json))
        #expect(Set(fields.keys) == ["target", "source", "sent", "received", "loss_percent", "rtts_ms", "path", "probes"])
        #expect(result.output == "{"
            + #""loss_percent":0,"path":["h1","r1","r3","h3","r3","r1","h1"],"#
            + #""probes":[{"from":"10.0.3.10","result":"reply","rtt_ms":12,"seq":1,"ttl":62},"#
            + #"{"from":"10.0.3.10","result":"reply","rtt_ms":6,"seq":2,"ttl":62}],"#
            + #""received":2,"rtts_ms":[12,6],"sent":2,"source":"10.0.1.10","target":"10.0.3.10"}"#)
    }

    @Test func pingText() {
        let sim = converged(staticTriangle())
        let result = execute("ping 10.0.3.10 -c 2", on: "h1", in: sim)
        // Average (12 + 6) / 2 = 9 ms.
        #expect(result.output == """
            PING 10.0.3.10 from 10.0.1.10: 56 data bytes
            64 bytes from 10.0.3.10: icmp_seq=1 ttl=62 time=12 ms
            64 bytes from 10.0.3.10: icmp_seq=2 ttl=62 time=6 ms
            Ping 10.0.3.10: 2/2 packets received, 0% loss
            Round-trip path: h1 -> r1 -> r3 -> h3 -> r3 -> r1 -> h1
            rtt min/avg/max = 6/9/12 ms
            """)
    }

    @Test func pingFailuresInJSON() {
        let sim = converged(staticTriangle())
        // r1 has no route to 192.168.1.1: network unreachable, from r1's address toward h1.
        let unreachable = execute("ping 192.168.1.1 -c 1 --json", on: "h1", in: sim)
        #expect(!unreachable.succeeded)
        #expect(unreachable.output == "{"
            + #""loss_percent":100,"path":[],"probes":[{"from":"10.0.1.1","message":"network unreachable","result":"error","seq":1}],"#
            + #""received":0,"rtts_ms":[],"sent":1,"source":"10.0.1.10","target":"192.168.1.1"}"#)
        #expect(execute("ping 192.168.1.1 -c 1", on: "h1", in: sim).text.contains("From 10.0.1.1 icmp_seq=1 network unreachable"))
        // Nobody has 10.0.3.99: r3's ARP gives up after 3 s, later than ping's 2 s timeout.
        let silent = execute("ping 10.0.3.99 -c 1 --json", on: "h1", in: sim)
        #expect(silent.output == "{"
            + #""loss_percent":100,"path":[],"probes":[{"result":"timeout","seq":1}],"#
            + #""received":0,"rtts_ms":[],"sent":1,"source":"10.0.1.10","target":"10.0.3.99"}"#)
        // Pinging one's own address loops back at once: RTT 0, no path through the network.
        let own = execute("ping 10.0.1.10 -c 3 -s 0 --json", on: "h1", in: sim)
        #expect(own.output == "{"
            + #""loss_percent":0,"path":["h1"],"probes":[{"from":"10.0.1.10","result":"reply","rtt_ms":0,"seq":1,"ttl":64},"#
            + #"{"from":"10.0.1.10","result":"reply","rtt_ms":0,"seq":2,"ttl":64},"#
            + #"{"from":"10.0.1.10","result":"reply","rtt_ms":0,"seq":3,"ttl":64}],"#
            + #""received":3,"rtts_ms":[0,0,0],"sent":3,"source":"10.0.1.10","target":"10.0.1.10"}"#)
    }

    /// One line per hop. Hop 1 (r1): 4, 2, 2 ms (h1's ARP first). Hop 2 (r3, answering from
    /// 10.0.13.3, its side toward h1): 6, 4, 4 (r1's ARP of r3 first). Hop 3 (h3): 8, 6, 6 (r3's
    /// ARP of h3 first); h3's port unreachable ends the trace.
    @Test func tracerouteOneLinePerHop() throws {
        let sim = converged(staticTriangle())
        let result = execute("traceroute 10.0.3.10", on: "h1", in: sim)
        #expect(result.succeeded)
        #expect(result.output == """
            traceroute to 10.0.3.10 from 10.0.1.10, 30 hops max
             1  10.0.1.1  4 ms  2 ms  2 ms
             2  10.0.13.3  6 ms  4 ms  4 ms
             3  10.0.3.10  8 ms  6 ms  6 ms
            """)
        let json = execute("traceroute 10.0.3.10 --json", on: "h1", in: sim).json
        let fields = try #require(members(json))
        #expect(Set(fields.keys) == ["target", "source", "max_ttl", "reached", "hops"])
        #expect(fields["reached"] == .bool(true))
        #expect(fields["max_ttl"] == .int(30))
        // Now every cache is warm: 2, 4 and 6 ms.
        #expect(elements(fields["hops"])?.first?.compact
                == #"{"probes":[{"address":"10.0.1.1","rtt_ms":2},{"address":"10.0.1.1","rtt_ms":2},{"address":"10.0.1.1","rtt_ms":2}],"ttl":1}"#)
    }

    /// Nobody owns 10.0.3.99: at TTL 3 each probe reaches r3 2 ms after it leaves; r3 asks ARP
    /// three times, a second apart, gives up 3 s later and answers host unreachable from its
    /// address toward h1, 2 ms back: 3004 ms, inside traceroute's 5 s wait. The trace stops there.
    @Test func tracerouteToAMissingHostEndsWithHostUnreachable() throws {
        let sim = converged(staticTriangle())
        let result = execute("traceroute 10.0.3.99 -m 4", on: "h1", in: sim)
        #expect(!result.succeeded)
        #expect(result.output == """
            traceroute to 10.0.3.99 from 10.0.1.10, 4 hops max
             1  10.0.1.1  4 ms  2 ms  2 ms
             2  10.0.13.3  6 ms  4 ms  4 ms
             3  10.0.13.3  3004 ms !H  3004 ms !H  3004 ms !H
            Destination 10.0.3.99 not reached
            """)
        let json = execute("traceroute 10.0.3.99 -m 3 --json", on: "h1", in: sim).json
        #expect(elements(members(json)?["hops"])?.last?.compact
                == #"{"probes":[{"address":"10.0.13.3","annotation":"!H","rtt_ms":3004},{"address":"10.0.13.3","annotation":"!H","rtt_ms":3004},{"address":"10.0.13.3","annotation":"!H","rtt_ms":3004}],"ttl":3}"#)
    }

    /// !N: r1 has no route to 192.168.1.1. The trace stops after the hop that reported it. (Which
    /// hop that is differs from Linux: see TracerouteTests.unroutableDestinationGivesNetworkUnreachableAtTheFirstHop.)
    @Test func tracerouteUnreachableAnnotation() {
        let sim = converged(staticTriangle())
        let result = execute("traceroute 192.168.1.1 -m 5", on: "h1", in: sim)
        #expect(!result.succeeded)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "traceroute to 192.168.1.1 from 10.0.1.10, 5 hops max")
        #expect(lines.last == "Destination 192.168.1.1 not reached")
        // The last hop line: r1's three network-unreachable answers.
        let last = lines.dropLast().last ?? ""
        #expect(last.contains(" 10.0.1.1  "))
        #expect(last.ranges(of: " !N").count == 3)
    }

    /// r3 owns 10.0.23.3 but answers h1 from 10.0.13.3, the side facing h1. Port unreachable can
    /// only come from the destination itself, and Linux sources an error about a packet addressed
    /// to the host from that packet's destination address (`__icmp_send`: `saddr = iph->daddr`
    /// for local routes), so the last hop should read 10.0.23.3 and the trace should succeed, as
    /// `ping 10.0.23.3` does.
    @Test func tracerouteToAnotherInterfaceOfARouterIsReached() throws {
        let sim = converged(staticTriangle())
        #expect(execute("ping 10.0.23.3 -c 1", on: "h1", in: sim).succeeded)
        let result = execute("traceroute 10.0.23.3 --json", on: "h1", in: sim)
        let last = elements(members(result.json)?["hops"])?.last
        #expect(result.succeeded)
        #expect(members(result.json)?["reached"] == .bool(true))
        #expect(elements(last.flatMap(members)?["probes"])?.map { members($0)?["address"] }
                == Array(repeating: .string("10.0.23.3"), count: 3))
    }
}
