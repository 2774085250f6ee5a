import NetSimEngine
import NetSimOSPF
import NetSimWire
import Testing
@testable import NetSimTopology

/// From `ospf` blocks to each router's `OSPFConfiguration`: defaults, network types from the
/// cabling, the passive stubs, the router ID, and what `SimulationBuilder` hands the engine.
@Suite struct OSPFConfigurationTests {
    typealias Support = TopologyTestSupport

    /// The configurations of a topology that must load.
    static func configurations(_ yaml: String) throws -> [String: OSPFConfiguration] {
        let (spec, errors) = Support.spec(yaml)
        return try #require(spec, "\(errors)").ospfConfigurations()
    }

    @Test func interfaceDefaults() throws {
        let yaml = OSPFSchemaTests.routers(interfaceBlock: "{}")
        let r1 = try #require(try Self.configurations(yaml)["r1"])
        #expect(r1.interfaces == [
            OSPFInterfaceConfiguration(interface: 0, area: .zero, cost: 10, network: .pointToPoint, priority: 1,
                                       passive: false, helloInterval: 10, deadInterval: 40, retransmitInterval: 5),
        ])
        #expect(r1.redistribute.isEmpty)
    }

    @Test func everyKeyReachesTheConfiguration() throws {
        let yaml = OSPFSchemaTests.routers(interfaceBlock: """
            { area: 3, cost: 25, network: broadcast, priority: 0, passive: true, hello: 5, dead: 21, retransmit: 3 }
            """, deviceBlock: "{ redistribute: [{ source: connected, metric: 7, metric_type: 1 }] }")
        let r1 = try #require(try Self.configurations(yaml)["r1"])
        #expect(r1.interfaces == [
            OSPFInterfaceConfiguration(interface: 0, area: IPv4Address(0, 0, 0, 3), cost: 25, network: .broadcast,
                                       priority: 0, passive: true, helloInterval: 5, deadInterval: 21,
                                       retransmitInterval: 3),
        ])
        #expect(r1.redistribute == [OSPFRedistribution(source: .connected, metric: 7, isType2: false)])
    }

    @Test func deadDefaultsToFourHellos() throws {
        let r1 = try #require(try Self.configurations(OSPFSchemaTests.routers(interfaceBlock: "{ hello: 3 }"))["r1"])
        #expect(r1.interfaces[0].helloInterval == 3)
        #expect(r1.interfaces[0].deadInterval == 12)
    }

    /// r1 with eth0 on a two-router link, eth1 on a three-router segment, eth2 through a switch
    /// to r4, eth3 to a host, and eth4 uncabled; every interface has an `ospf` block.
    static let cabling = Support.topology(devices: """
          - name: r1
            type: router
            interfaces:
              - { name: eth0, ip: 10.0.0.1/24, ospf: {} }
              - { name: eth1, ip: 10.0.1.1/24, ospf: {} }
              - { name: eth2, ip: 10.0.2.1/24, ospf: {} }
              - { name: eth3, ip: 10.0.3.1/24, ospf: {} }
              - { name: eth4, ip: 10.0.4.1/24, ospf: {} }
              - { name: eth5, ip: 10.0.5.1/24, ospf: { network: point-to-point } }
          - name: r2
            type: router
            interfaces: [{ name: eth0, ip: 10.0.0.2/24 }, { name: eth1, ip: 10.0.1.2/24 }]
          - name: r3
            type: router
            interfaces: [{ name: eth1, ip: 10.0.1.3/24 }]
          - name: r4
            type: router
            interfaces: [{ name: eth0, ip: 10.0.2.4/24 }]
          - name: sw
            type: switch
            interfaces: [{ name: p1 }, { name: p2 }]
          - name: h1
            type: host
            interfaces: [{ name: eth0, ip: 10.0.3.10/24 }]
        """, links: """
          - endpoints: [r1:eth0, r2:eth0]
          - endpoints: [r1:eth1, r2:eth1, r3:eth1]
          - endpoints: [r1:eth2, sw:p1]
          - endpoints: [sw:p2, r4:eth0]
          - endpoints: [r1:eth3, h1:eth0]
        """)

    @Test func networkTypeFollowsTheCabling() throws {
        let configurations = try Self.configurations(Self.cabling)
        let r1 = try #require(configurations["r1"])
        #expect(r1.interfaces.map(\.interface) == [0, 1, 2, 3, 4, 5])
        #expect(r1.interfaces.map(\.network) == [
            .pointToPoint,  // two routers
            .broadcast,     // three endpoints
            .broadcast,     // a switch in between, though the link has two endpoints
            .pointToPoint,  // a host is not a switch
            .broadcast,     // uncabled
            .pointToPoint,  // written out: uncabled, yet point-to-point
        ])
        // Routers without any `ospf` block do not run OSPF.
        #expect(Set(configurations.keys) == ["r1"])
    }

    @Test func addressedInterfacesWithoutABlockArePassiveStubs() throws {
        let yaml = Support.topology(devices: """
              - name: r1
                type: router
                router_id: 1.1.1.1
                interfaces:
                  - { name: lan, ip: 192.168.1.1/24 }
                  - { name: eth0, ip: 10.0.0.1/24, ospf: { area: 0.0.0.1, cost: 30 } }
                  - { name: spare }
                  - { name: down, ip: 172.16.0.1/24, shutdown: true }
            """)
        let r1 = try #require(try Self.configurations(yaml)["r1"])
        #expect(r1.routerID == IPv4Address(1, 1, 1, 1))
        #expect(r1.interfaces == [
            OSPFInterfaceConfiguration(interface: 0, area: .zero, cost: 1, network: .broadcast, passive: true),
            OSPFInterfaceConfiguration(interface: 1, area: IPv4Address(0, 0, 0, 1), cost: 30, network: .broadcast),
            OSPFInterfaceConfiguration(interface: 3, area: .zero, cost: 1, network: .broadcast, passive: true),
        ])
    }

    @Test func aDeviceBlockAloneTurnsOSPFOn() throws {
        let yaml = Support.topology(devices: """
              - name: r1
                type: router
                ospf: { redistribute: [static] }
                interfaces: [{ name: eth0, ip: 10.0.0.1/24 }, { name: eth1, ip: 10.0.1.1/24 }]
            """)
        let r1 = try #require(try Self.configurations(yaml)["r1"])
        #expect(r1.interfaces.map(\.interface) == [0, 1])
        #expect(r1.interfaces.allSatisfy { $0.passive && $0.cost == 1 && $0.area == .zero })
        #expect(r1.isASBoundaryRouter)
    }

    @Test func routerIDFallsBackToTheHighestInterfaceAddress() throws {
        let yaml = Support.topology(devices: """
              - name: r1
                type: router
                interfaces:
                  - { name: eth0, ip: 10.0.0.1/24, ospf: {} }
                  - { name: eth1, ip: 192.168.7.1/24 }
                  - { name: eth2, ip: 172.16.0.1/24 }
            """)
        #expect(try Self.configurations(yaml)["r1"]?.routerID == IPv4Address(192, 168, 7, 1))
    }

    @Test func theSeedTriangleGetsItsDocumentedConfiguration() throws {
        let configurations = try Self.configurations(SeedTopologies.ospfTriangle)
        #expect(configurations.keys.sorted() == ["r1", "r2", "r3"])
        let r1 = try #require(configurations["r1"])
        #expect(r1 == OSPFConfiguration(routerID: IPv4Address(1, 1, 1, 1), interfaces: [
            OSPFInterfaceConfiguration(interface: 0, cost: 10, network: .pointToPoint),
            OSPFInterfaceConfiguration(interface: 1, cost: 10, network: .pointToPoint),
            // The host LAN is a passive stub of cost 1, which makes r3's 10.0.3.0/24 metric 11.
            OSPFInterfaceConfiguration(interface: 2, cost: 1, network: .pointToPoint, passive: true),
        ]))
        #expect(configurations["r2"]?.interfaces.map(\.passive) == [false, false])
        #expect(configurations["r3"]?.interfaces.map(\.passive) == [false, false, true])
    }

    @Test func builtSimulationCarriesTheConfiguration() throws {
        let spec = try #require(Support.spec(SeedTopologies.ospfTriangle).spec)
        let simulation = SimulationBuilder.build(spec)
        let expected = spec.ospfConfigurations()
        for device in simulation.devices {
            #expect(device.ospfConfiguration == expected[device.name], "\(device.name)")
        }
        #expect(simulation.devices.filter { $0.ospfConfiguration != nil }.map(\.name) == ["r1", "r2", "r3"])
        let r3 = try #require(simulation.devices.first { $0.name == "r3" }?.ospfConfiguration)
        #expect(r3.routerID == IPv4Address(3, 3, 3, 3))
        #expect(r3.interfaces.map(\.interface) == [0, 1, 2])
    }

    @Test func builtSimulationWithoutOSPFHasNone() throws {
        let spec = try #require(Support.spec(Support.topology(devices: Support.twoRouters,
                                                              links: Support.twoRoutersLink)).spec)
        #expect(SimulationBuilder.build(spec).devices.allSatisfy { $0.ospfConfiguration == nil })
    }
}
