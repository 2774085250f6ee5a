import NetSimTopology
import NetSimWire
import Testing
@testable import NetSimGenerators

@Suite("Generated topologies: valid, counted, deterministic, addressed at scale")
struct GeneratedTopologyTests {
    static let shapes: [TopologyShape] = [
        .grid(rows: 3, columns: 3), .ring(count: 6), .fatTree(k: 4), .leafSpine(spines: 2, leaves: 5),
        .random(count: 10, degree: 3), .spCore(count: 8),
    ]

    /// Generates, writes YAML and loads it back as `netsim run` would.
    static func load(_ shape: TopologyShape, _ options: GeneratorOptions = GeneratorOptions()) throws
        -> (yaml: String, spec: TopologySpec) {
        let yaml = TopologyYAMLWriter.yaml(try TopologyGenerator.generate(shape, options: options))
        switch TopologyLoader.load(yaml: yaml, file: "\(shape).yaml") {
        case .success(let spec): return (yaml, spec)
        case .failure(let error):
            Issue.record("\(shape) does not load:\n\(error.description)")
            throw error
        }
    }

    @Test("every kind loads with no diagnostics, with and without hosts, /31 and /30, fixed and random costs",
          arguments: shapes)
    func validates(shape: TopologyShape) throws {
        let graph = try shape.graph(seed: 1)
        let plain = try Self.load(shape).spec
        #expect(plain.devices.count == graph.routers.count)
        #expect(plain.links.count == graph.links.count)
        let options = GeneratorOptions(costs: .random(low: 1, high: 100), hostsPerEdge: 3, linkPrefixLength: 30, seed: 9)
        let full = try Self.load(shape, options).spec
        #expect(full.devices.count == graph.routers.count + 3 * graph.edgeRouters.count)
        #expect(full.links.count == graph.links.count + graph.edgeRouters.count)
        #expect(full.devices.filter { $0.kind == .host }.allSatisfy { $0.interfaces[0].gateway != nil })
    }

    @Test("the same arguments give the same text; another seed changes random costs and graphs", arguments: shapes)
    func deterministic(shape: TopologyShape) throws {
        let options = GeneratorOptions(costs: .random(low: 1, high: 50), hostsPerEdge: 1, seed: 4)
        let first = try Self.load(shape, options).yaml
        #expect(try Self.load(shape, options).yaml == first)
        var reseeded = options
        reseeded.seed = 5
        #expect(try Self.load(shape, reseeded).yaml != first)
        #expect(try Self.load(shape).yaml == (try Self.load(shape).yaml))
    }

    @Test("every link interface runs OSPF at the chosen cost; LAN interfaces are passive stubs (no ospf block)")
    func ospfBlocks() throws {
        let spec = try Self.load(.grid(rows: 2, columns: 3), GeneratorOptions(costs: .fixed(7), hostsPerEdge: 2)).spec
        for router in spec.devices where router.kind == .router {
            #expect(router.routerID != nil)
            for interface in router.interfaces {
                if interface.name == "lan0" {
                    #expect(interface.ospf == nil)
                } else {
                    #expect(interface.ospf?.cost == 7)
                }
            }
        }
        let random = try TopologyGenerator.generate(.ring(count: 50), options: GeneratorOptions(costs: .random(low: 3, high: 9)))
        let costs = random.devices.flatMap(\.interfaces).compactMap { $0.ospf?.cost }
        #expect(costs.allSatisfy { (3...9).contains($0) })
        #expect(Set(costs).count > 3)
    }

    @Test("10,000 routers: unique /31s inside 10.0.0.0/8, unique router IDs, both ends of a link on one subnet")
    func addressingAtScale() throws {
        let spec = try TopologyGenerator.generate(.grid(rows: 100, columns: 100), options: GeneratorOptions(hostsPerEdge: 1))
        #expect(spec.devices.count == 20_000)
        let addresses = spec.devices.flatMap(\.interfaces).compactMap(\.address)
        #expect(Set(addresses.map(\.address)).count == addresses.count)
        let tenSlashEight = IPv4Prefix(IPv4Address(10, 0, 0, 0), length: 8)
        #expect(addresses.allSatisfy { tenSlashEight.contains($0.address) })
        let routerIDs = spec.devices.compactMap(\.routerID)
        #expect(routerIDs.count == 10_000 && Set(routerIDs).count == 10_000)
        #expect(routerIDs.first == IPv4Address(1, 0, 0, 1))
        #expect(TopologyValidator.validate(spec).isEmpty)
    }

    @Test("costs and sizes the plan cannot hold are refused")
    func refusals() {
        let cases: [(GeneratorOptions, String)] = [
            (GeneratorOptions(costs: .fixed(0)), "link costs are 1 to 65535"),
            (GeneratorOptions(costs: .random(low: 9, high: 3)), "LO <= HI"),
            (GeneratorOptions(hostsPerEdge: 254), "--hosts-per-edge must be 0 to 253"),
            (GeneratorOptions(linkPrefixLength: 29), "/31 or /30"),
        ]
        for (options, message) in cases {
            do {
                _ = try TopologyGenerator.generate(.ring(count: 4), options: options)
                Issue.record("accepted \(options)")
            } catch {
                #expect(error.message.contains(message), "\(error.message)")
            }
        }
    }

    @Test("the address plan: link i is the i-th /31 or /30; LANs sized for their hosts")
    func addressPlan() throws {
        let plan31 = try AddressPlan(linkPrefixLength: 31, hostsPerLAN: 1)
        #expect(plan31.linkAddresses(0).0.description == "10.0.0.0/31")
        #expect(plan31.linkAddresses(300).1.description == "10.0.2.89/31")
        #expect(plan31.linkCapacity == 1 << 22)
        #expect(plan31.lanAddress(2, host: 0).description == "10.128.0.9/30")
        let plan30 = try AddressPlan(linkPrefixLength: 30, hostsPerLAN: 253)
        #expect(plan30.linkAddresses(1).0.description == "10.0.0.5/30")
        #expect(plan30.lanAddress(1, host: 253).description == "10.128.1.254/24")
        #expect(AddressPlan.routerID(9_999).description == "1.0.39.16")
    }
}
