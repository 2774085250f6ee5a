import Foundation
import NetSimCommands
import NetSimDaemonClient
import Testing
@testable import NetSimDaemon

@Suite struct OpenAPIDocumentTests {
    private func document() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(DaemonOpenAPI.document.utf8))
    }

    private func api() throws -> DaemonAPI {
        let log = DaemonEventLog(file: nil)
        let host = SimulationHost(simulation: try exampleSimulation("ospf-triangle.yaml"),
                                  pace: .init(tick: .milliseconds(100), speed: 1), eventLog: log,
                                  captures: captures(log))
        let record = DaemonRecord(name: "t", pid: 1, topology: "t.yaml", topologyPath: "/t.yaml", startedAt: 0,
                                  tickMilliseconds: 100, speed: 1, listen: nil)
        return DaemonAPI(host: host, eventLog: log, record: record, deviceNames: ["r1"])
    }

    @Test func isAnOpenAPI31Document() throws {
        let document = try document()
        #expect(document["openapi"]?.stringValue == "3.1.0")
        guard case .object(let paths)? = document["paths"] else {
            Issue.record("no paths")
            return
        }
        #expect(!paths.isEmpty)
    }

    /// Every route the server registers (both listeners) is described, with its method.
    @Test func describesEveryRoute() throws {
        let document = try document()
        for token in [nil, "secret"] {
            let routes = try api().makeRouter(token: token).routes
            #expect(routes.count >= 7)
            for route in routes {
                // Hummingbird writes parameters as ":name", OpenAPI as "{name}".
                let path = route.path.description.split(separator: "/", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                let method = route.method.rawValue.lowercased()
                #expect(document["paths"]?[path]?[method] != nil, "\(route.method) \(path) is not in the OpenAPI document")
            }
        }
    }

    /// And nothing is described that the server does not serve.
    @Test func describesNoMissingRoute() throws {
        let served = Set(try api().makeRouter(token: nil).routes.map { route in
            route.method.rawValue.lowercased() + " " + route.path.description.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
        })
        guard case .object(let paths)? = try document()["paths"] else { return }
        for (path, item) in paths {
            guard case .object(let operations) = item else { continue }
            for method in operations.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                #expect(served.contains(method + " " + path), "\(method) \(path) is documented but not served")
            }
        }
    }
}
