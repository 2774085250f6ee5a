import ArgumentParser
import Foundation
import NetSimGenerators

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a generated topology (grid, ring, fat tree, leaf-spine, random, SP core, AS graph) as YAML.",
        discussion: "Kinds and sizes: grid RxC, ring N, fat-tree K (even), leaf-spine SPINES LEAVES, random N, "
            + "sp-core N (OSPF or IS-IS), as-graph N (eBGP between N ASes with Gao-Rexford policy). Links are /31s (or /30s) of 10.0.0.0/9 numbered by link, LANs come from 10.128.0.0/9, "
            + "router IDs from the router's position (r0 is 1.0.0.1). The same arguments give the same file "
            + "(docs/generate.md).")

    @Argument(help: "grid, ring, fat-tree, leaf-spine, random, sp-core or as-graph.")
    var kind: String

    @Argument(help: ArgumentHelp("The size: RxC for a grid, N for a ring, random graph, sp-core or as-graph, "
                                 + "K for a fat tree, S L for a leaf-spine."))
    var size: [String]

    @Option(name: .customLong("protocol"), help: ArgumentHelp(
        "The routing protocol: ospf or isis (level 2, one area); an as-graph runs bgp. (default: ospf, or bgp for an as-graph)",
        valueName: "protocol"))
    var routingProtocol: String?

    @Option(help: "The OSPF cost or IS-IS metric of every link (1-65535).")
    var cost: UInt16?

    @Option(name: .customLong("random-costs"), help: ArgumentHelp("Draw each link's cost from LO to HI (with --seed).",
                                                                  valueName: "LO-HI"))
    var randomCosts: String?

    @Option(name: .customLong("hosts-per-edge"), help: "Hosts on a LAN behind each edge router (0-253).")
    var hostsPerEdge = 0

    @Option(help: "Average degree of a random graph.")
    var degree = TopologyShape.defaultRandomDegree

    @Option(help: "Seed for the random graph, the AS graph and random costs.")
    var seed: UInt64 = 1

    @Option(name: .customLong("link-prefix"), help: "Prefix length of router-to-router links: 31 or 30.")
    var linkPrefix: UInt8 = 31

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let yaml: String
        do throws(GeneratorError) {
            let shape = try TopologyShape(kind: kind, parameters: size, degree: degree)
            if shape.isASGraph, cost != nil || randomCosts != nil {
                throw GeneratorError("an as-graph has no link costs: BGP chooses by policy and AS path")
            }
            let options = GeneratorOptions(routingProtocol: try protocolChoice(shape), costs: try costs(),
                                           hostsPerEdge: hostsPerEdge, linkPrefixLength: linkPrefix, seed: seed)
            yaml = TopologyYAMLWriter.yaml(try TopologyGenerator.generate(shape, options: options))
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(yaml.utf8))
            return
        }
        do {
            try yaml.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("error: cannot write \(output): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
    }

    private func protocolChoice(_ shape: TopologyShape) throws(GeneratorError) -> GeneratorOptions.RoutingProtocol {
        guard let routingProtocol else { return shape.isASGraph ? .bgp : .ospf }
        guard let choice = GeneratorOptions.RoutingProtocol(rawValue: routingProtocol) else {
            throw GeneratorError("--protocol is ospf, isis or bgp, not '\(routingProtocol)'")
        }
        return choice
    }

    private func costs() throws(GeneratorError) -> GeneratorOptions.Costs {
        guard let randomCosts else { return .fixed(cost ?? 10) }
        guard cost == nil else { throw GeneratorError("give --cost or --random-costs, not both") }
        let bounds = randomCosts.split(separator: "-", omittingEmptySubsequences: false).map { UInt16($0) }
        guard bounds.count == 2, let low = bounds[0], let high = bounds[1] else {
            throw GeneratorError("--random-costs takes LO-HI, such as 1-100")
        }
        return .random(low: low, high: high)
    }
}
