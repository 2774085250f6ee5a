import Testing
@testable import NetSimTopology

/// Shorthands for tests that load a YAML string and look at what came back.
enum TopologyTestSupport {
    static let file = "test.yaml"

    /// The diagnostics from loading `yaml` (parse and validate); empty when it loads.
    static func diagnostics(_ yaml: String) -> [Diagnostic] {
        switch TopologyLoader.load(yaml: yaml, file: file) {
        case .success: return []
        case let .failure(error): return error.diagnostics
        }
    }

    /// The one diagnostic from loading `yaml`; fails the test when there are none or several.
    static func onlyDiagnostic(_ yaml: String) throws -> Diagnostic {
        let diagnostics = diagnostics(yaml)
        try #require(diagnostics.count == 1, "\(diagnostics)")
        return diagnostics[0]
    }

    static func messages(_ yaml: String) -> [String] {
        diagnostics(yaml).map(\.message)
    }

    /// The spec from loading `yaml`, or nil (with the rendered errors in `errors`).
    static func spec(_ yaml: String) -> (spec: TopologySpec?, errors: String) {
        switch TopologyLoader.load(yaml: yaml, file: file) {
        case let .success(spec): return (spec, "")
        case let .failure(error): return (nil, error.description)
        }
    }

    /// A minimal valid topology around the given device and link YAML (already indented by 2).
    static func topology(devices: String, links: String = "", script: String = "") -> String {
        var text = "name: t\ndevices:\n\(devices)\n"
        if !links.isEmpty { text += "links:\n\(links)\n" }
        if !script.isEmpty { text += "script:\n\(script)\n" }
        return text
    }

    /// Two routers joined on 10.0.0.0/24, the base most tests vary one thing of.
    static let twoRouters = """
          - name: r1
            type: router
            interfaces:
              - name: eth0
                ip: 10.0.0.1/24
          - name: r2
            type: router
            interfaces:
              - name: eth0
                ip: 10.0.0.2/24
        """
    static let twoRoutersLink = "  - endpoints: [r1:eth0, r2:eth0]"
}
