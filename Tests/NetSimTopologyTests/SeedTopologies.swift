/// Topology files from the seed pages, kept verbatim apart from indentation.
enum SeedTopologies {
    /// The quick-start OSPF triangle from page 000: three routers, two hosts, five links.
    static let ospfTriangle = """
        name: ospf-triangle
        description: Three OSPF routers in a triangle with hosts

        devices:
          - name: r1
            type: router
            router_id: 1.1.1.1
            interfaces:
              - name: eth0
                ip: 10.0.12.1/24
                ospf: { area: 0, cost: 10 }
              - name: eth1
                ip: 10.0.13.1/24
                ospf: { area: 0, cost: 10 }
              - name: eth2
                ip: 10.0.1.1/24

          - name: r2
            type: router
            router_id: 2.2.2.2
            interfaces:
              - name: eth0
                ip: 10.0.12.2/24
                ospf: { area: 0, cost: 10 }
              - name: eth1
                ip: 10.0.23.2/24
                ospf: { area: 0, cost: 10 }

          - name: r3
            type: router
            router_id: 3.3.3.3
            interfaces:
              - name: eth0
                ip: 10.0.13.3/24
                ospf: { area: 0, cost: 10 }
              - name: eth1
                ip: 10.0.23.3/24
                ospf: { area: 0, cost: 10 }
              - name: eth2
                ip: 10.0.3.1/24

          - name: h1
            type: host
            interfaces:
              - name: eth0
                ip: 10.0.1.10/24
                gateway: 10.0.1.1

          - name: h3
            type: host
            interfaces:
              - name: eth0
                ip: 10.0.3.10/24
                gateway: 10.0.3.1

        links:
          - endpoints: [r1:eth0, r2:eth0]
          - endpoints: [r1:eth1, r3:eth0]
          - endpoints: [r2:eth1, r3:eth1]
          - endpoints: [r1:eth2, h1:eth0]
          - endpoints: [r3:eth2, h3:eth0]

        script:
          - at: converged
            device: r1
            command: show ip route
          - at: converged + 100
            device: h1
            command: ping 10.0.3.10

        """

    /// The same triangle as page 001 prints it: r3 never declares eth2, yet a link uses r3:eth2.
    static let ospfTriangleMissingInterface = """
        name: ospf-triangle
        description: Three OSPF routers in a triangle with hosts
        devices:
          - name: r1
            type: router
            router_id: 1.1.1.1
            interfaces:
              - name: eth0
                ip: 10.0.12.1/24
                ospf: { area: 0, cost: 10 }
              - name: eth1
                ip: 10.0.13.1/24
                ospf: { area: 0, cost: 10 }
              - name: eth2
                ip: 10.0.1.1/24
                ospf: { area: 0, cost: 1 }
          - name: r2
            type: router
            router_id: 2.2.2.2
            interfaces:
              - name: eth0
                ip: 10.0.12.2/24
                ospf: { area: 0, cost: 10 }
              - name: eth1
                ip: 10.0.23.2/24
                ospf: { area: 0, cost: 10 }
          - name: r3
            type: router
            router_id: 3.3.3.3
            interfaces:
              - name: eth0
                ip: 10.0.13.3/24
                ospf: { area: 0, cost: 10 }
              - name: eth1
                ip: 10.0.23.3/24
                ospf: { area: 0, cost: 10 }
          - name: h1
            type: host
            interfaces:
              - name: eth0
                ip: 10.0.1.10/24
                gateway: 10.0.1.1
          - name: h3
            type: host
            interfaces:
              - name: eth0
                ip: 10.0.3.10/24
                gateway: 10.0.3.1
        links:
          - endpoints: [r1:eth0, r2:eth0]
          - endpoints: [r1:eth1, r3:eth0]
          - endpoints: [r2:eth1, r3:eth1]
          - endpoints: [r1:eth2, h1:eth0]
          - endpoints: [r3:eth2, h3:eth0]
        script:
          - at: converged
            device: r1
            command: show ip route
          - at: converged + 100
            device: h1
            command: ping 10.0.3.10

        """

    /// 1-based line numbers of the lines of `text` that contain `needle`.
    static func lines(of needle: String, in text: String) -> [Int] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.contains(needle) }
            .map { $0.offset + 1 }
    }
}
