import Testing
import NetSimEngine
import NetSimOSPF
import NetSimRouting
import NetSimWire

// OSPF networks for the console tests, built with the Simulation API (after the engine tests'
// OSPFTriangle).

/// The seed's OSPF triangle: `triangle` with point-to-point core links of cost 10 and passive
/// stubs of cost 1 toward h1 and h3, whose default routes point at r1 and r3. r1 reaches
/// 10.0.3.0/24 at [110/11] via r3 and 10.0.23.0/24 at [110/20] via both r2 and r3.
/// Device ids: r1 0, r2 1, r3 2, h1 3, h3 4.
func ospfTriangle(seed: UInt64 = 1) -> Simulation {
    let sim = triangle(seed: seed)
    func core(_ index: Int) -> OSPFInterfaceConfiguration {
        OSPFInterfaceConfiguration(interface: index, cost: 10, network: .pointToPoint)
    }
    func stub(_ index: Int) -> OSPFInterfaceConfiguration {
        OSPFInterfaceConfiguration(interface: index, cost: 1, network: .pointToPoint, passive: true)
    }
    sim.enableOSPF(device: 0, configuration: OSPFConfiguration(routerID: ip("1.1.1.1"), interfaces: [core(0), core(1), stub(2)]))
    sim.enableOSPF(device: 1, configuration: OSPFConfiguration(routerID: ip("2.2.2.2"), interfaces: [core(0), core(1)]))
    sim.enableOSPF(device: 2, configuration: OSPFConfiguration(routerID: ip("3.3.3.3"), interfaces: [core(0), core(1), stub(2)]))
    for (host, gateway) in [(3, "10.0.1.1"), (4, "10.0.3.1")] {
        try! sim.addStaticRoute(device: host, StaticRoute(prefix: .defaultRoute, gateway: ip(gateway), interface: nil))
    }
    return sim
}

/// Four routers on one broadcast segment, 10.0.0.0/24 (r1 .1 … r4 .4), each with a host hN
/// on a passive stub 10.0.N.0/24 (eth1, cost 1). Priorities r1 1, r2 0, r3 5, r4 10: r4
/// becomes DR and r3 BDR; r1 and r2 are DROthers, which stay in 2-Way with each other.
/// Device ids: r1 0 … r4 3, h1 4 … h4 7.
func ospfBroadcastSegment(seed: UInt64 = 1) -> Simulation {
    let sim = Simulation(seed: seed)
    let priorities: [UInt8] = [1, 0, 5, 10]
    for index in 1...4 {
        sim.addDevice(name: "r\(index)", kind: .router, routerID: ip("\(index).\(index).\(index).\(index)"),
                      interfaces: [port("eth0", "10.0.0.\(index)/24"), port("eth1", "10.0.\(index).1/24")])
    }
    for index in 1...4 {
        let host = sim.addDevice(name: "h\(index)", kind: .host, interfaces: [port("eth0", "10.0.\(index).10/24")])
        sim.addLink([(index - 1, 1), (host, 0)])
    }
    sim.addLink((0..<4).map { ($0, 0) })
    for index in 0..<4 {
        let segment = OSPFInterfaceConfiguration(interface: 0, network: .broadcast, priority: priorities[index])
        let stub = OSPFInterfaceConfiguration(interface: 1, cost: 1, network: .broadcast, passive: true)
        sim.enableOSPF(device: index, configuration: OSPFConfiguration(routerID: sim.devices[index].routerID!,
                                                                       interfaces: [segment, stub]))
    }
    return sim
}

/// Starts an OSPF network and runs it until it has converged.
func convergedOSPF(_ sim: Simulation) -> Simulation {
    sim.start()
    _ = sim.run(until: .seconds(3600), maxEvents: commandEventBudget) { sim.convergedAt != nil }
    #expect(sim.convergedAt != nil)
    return sim
}

/// Two areas in a line: r1 (area 0) — r2 (ABR) — r3 (area 1), point-to-point links of cost
/// 10. r3 is an ASBR: it redistributes its connected routes, among them 10.0.3.0/24 toward h3
/// (not in OSPF), as type-2 externals with metric 20. r1 learns 10.0.23.0/24 as O IA [110/20]
/// and 10.0.3.0/24 as O E2 [110/20]. Device ids: r1 0, r2 1, r3 2, h3 3.
func ospfTwoAreas(seed: UInt64 = 1) -> Simulation {
    let sim = Simulation(seed: seed)
    sim.addDevice(name: "r1", kind: .router, routerID: ip("1.1.1.1"), interfaces: [port("eth0", "10.0.12.1/24")])
    sim.addDevice(name: "r2", kind: .router, routerID: ip("2.2.2.2"),
                  interfaces: [port("eth0", "10.0.12.2/24"), port("eth1", "10.0.23.2/24")])
    sim.addDevice(name: "r3", kind: .router, routerID: ip("3.3.3.3"),
                  interfaces: [port("eth0", "10.0.23.3/24"), port("eth1", "10.0.3.1/24")])
    sim.addDevice(name: "h3", kind: .host, interfaces: [port("eth0", "10.0.3.10/24")])
    sim.addLink([(0, 0), (1, 0)])
    sim.addLink([(1, 1), (2, 0)])
    sim.addLink([(2, 1), (3, 0)])
    let area1 = ip("0.0.0.1")
    func link(_ index: Int, area: IPv4Address = .zero) -> OSPFInterfaceConfiguration {
        OSPFInterfaceConfiguration(interface: index, area: area, cost: 10, network: .pointToPoint)
    }
    sim.enableOSPF(device: 0, configuration: OSPFConfiguration(routerID: ip("1.1.1.1"), interfaces: [link(0)]))
    sim.enableOSPF(device: 1, configuration: OSPFConfiguration(routerID: ip("2.2.2.2"),
                                                               interfaces: [link(0), link(1, area: area1)]))
    sim.enableOSPF(device: 2, configuration: OSPFConfiguration(routerID: ip("3.3.3.3"), interfaces: [link(0, area: area1)],
                                                               redistribute: [OSPFRedistribution(source: .connected)]))
    return sim
}

/// The cells of a TextTable line: columns are separated by two spaces or more.
func cells(_ line: some StringProtocol) -> [String] {
    var result: [String] = []
    var current = ""
    var spaces = 0
    for character in line {
        if character == " " {
            spaces += 1
            continue
        }
        if spaces >= 2 && !current.isEmpty {
            result.append(current)
            current = ""
        } else if spaces == 1 {
            current += " "
        }
        spaces = 0
        current.append(character)
    }
    if !current.isEmpty { result.append(current) }
    return result
}

/// The lines of a text, as strings.
func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

/// The parts of a text between blank lines.
func paragraphs(_ text: String) -> [String] {
    lines(text).split(separator: "", omittingEmptySubsequences: false).map { $0.joined(separator: "\n") }
}

/// True when the text is seconds with three decimals, "37.995s".
func isFRRSeconds(_ text: String) -> Bool {
    let parts = text.dropLast().split(separator: ".", omittingEmptySubsequences: false)
    return text.hasSuffix("s") && parts.count == 2 && !parts[0].isEmpty && parts[1].count == 3
        && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
}

/// True for "0x" and `digits` lowercase hex digits.
func isHex(_ text: String, digits: Int) -> Bool {
    text.hasPrefix("0x") && text.count == digits + 2 && text.dropFirst(2).allSatisfy { $0.isHexDigit && !$0.isUppercase }
}
