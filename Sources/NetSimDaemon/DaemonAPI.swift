import Foundation
import Hummingbird
import NetSimCapture
import NetSimCommands
import NetSimDaemonClient
import NetSimEngine

/// The daemon's HTTP API (described by `DaemonOpenAPI.document`, served at /openapi.json). Every
/// handler reaches the simulation through `SimulationHost`, never directly.
struct DaemonAPI: Sendable {
    static let maxBodyBytes = 64 * 1024
    static let maxCommandLength = 1000
    static let maxHistory = 1000

    let host: SimulationHost
    let eventLog: DaemonEventLog
    let record: DaemonRecord
    /// Devices never change while a daemon runs: unknown names are refused without a trip to
    /// the simulation thread.
    let deviceNames: Set<String>
    /// Seconds between keep-alive comments on an idle event stream.
    var keepAliveSeconds: Double = 15

    /// The routes; `token` adds the bearer check (the TCP listener).
    func makeRouter(token: String?) -> Router<BasicRequestContext> {
        let router = Router()
        let known = KnownRoutes()
        router.add(middleware: JSONErrorMiddleware(routes: known))
        if let token { router.add(middleware: BearerTokenMiddleware(token: token)) }

        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: DaemonOpenAPI.document)))
        }
        router.get("/v1/status") { _, _ in
            let uptime = record.uptime()
            return DaemonResponses.json(await host.perform { [record] in
                DaemonViews.status($0, record: record, uptime: uptime)
            })
        }
        router.get("/v1/devices") { _, _ in
            DaemonResponses.json(await host.perform { DaemonViews.devices($0) })
        }
        router.get("/v1/devices/:device") { _, context in
            let name = try context.parameters.require("device")
            try requireDevice(name)
            let detail = await host.perform { DaemonViews.device(name, in: $0, processor: CommandProcessor()) }
            return DaemonResponses.json(detail ?? .null)
        }
        router.get("/v1/topology") { _, _ in
            DaemonResponses.json(await host.perform { [record] in DaemonViews.topology($0, record: record) })
        }
        router.post("/v1/commands") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: Self.maxBodyBytes)
            let command = try CommandRequest(body)
            try requireDevice(command.device)
            let executed = await host.execute(command.command, device: command.device)
            let result = executed.result
            return DaemonResponses.json(.object([
                "device": .string(command.device),
                "command": .string(command.command),
                "succeeded": .bool(result.succeeded),
                "text": .string(result.text),
                "json": result.json,
                "wants_json": .bool(result.wantsJSON),
                "output": .string(result.output),
                "started_ms": .double(executed.started.milliseconds),
                "finished_ms": .double(executed.finished.milliseconds),
            ]))
        }
        router.get("/v1/events") { request, _ in
            let history = try historyParameter(request)
            return Response(status: .ok,
                            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                            body: ResponseBody { [eventLog, keepAliveSeconds] writer in
                                try await writer.write(ByteBuffer(string: ": netsim events\n\n"))
                                for await chunk in ServerSentEvents.stream(eventLog.subscribe(history: history),
                                                                            keepAliveSeconds: keepAliveSeconds) {
                                    try await writer.write(ByteBuffer(string: chunk))
                                }
                                try await writer.finish(nil)
                            })
        }
        addCaptureRoutes(to: router)
        known.set(router.routes.map { ($0.path.description, $0.method.rawValue) })
        return router
    }

    private func requireDevice(_ name: String) throws {
        guard deviceNames.contains(name) else {
            throw HTTPError(.notFound, message: "no device '\(name)' (devices: \(deviceNames.sorted().joined(separator: ", ")))")
        }
    }

    private func historyParameter(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters["history"] else { return 0 }
        guard let value = Int(String(text)), (0...Self.maxHistory).contains(value) else {
            throw HTTPError(.badRequest, message: "history must be a whole number from 0 to \(Self.maxHistory), not '\(text)'")
        }
        return value
    }
}

/// The body of `POST /v1/commands`: `{"device": "r1", "command": "show ip route"}`.
struct CommandRequest: Decodable {
    let device: String
    let command: String

    init(_ buffer: ByteBuffer) throws {
        let data = Data(buffer.readableBytesView)
        let decoded: CommandRequest
        do {
            decoded = try JSONDecoder().decode(CommandRequest.self, from: data)
        } catch DecodingError.dataCorrupted {
            throw HTTPError(.badRequest, message: "request body is not valid JSON")
        } catch {
            throw HTTPError(.badRequest,
                            message: "request body must be a JSON object with string members \"device\" and \"command\"")
        }
        guard !decoded.command.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HTTPError(.badRequest, message: "\"command\" is empty")
        }
        guard decoded.command.count <= DaemonAPI.maxCommandLength else {
            throw HTTPError(.badRequest, message: "\"command\" is longer than \(DaemonAPI.maxCommandLength) characters")
        }
        self = decoded
    }
}

/// Formats event-log lines as server-sent events, with a comment now and then so a client that
/// went away is noticed (the write fails) even when the network is quiet.
enum ServerSentEvents {
    static func stream(_ lines: AsyncStream<DaemonEventLog.Line>, keepAliveSeconds: Double) -> AsyncStream<String> {
        AsyncStream { continuation in
            let forward = Task {
                for await line in lines { continuation.yield("id: \(line.sequence)\ndata: \(line.json)\n\n") }
                continuation.finish()
            }
            let keepAlive = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(keepAliveSeconds))
                    continuation.yield(": keep-alive\n\n")
                }
            }
            continuation.onTermination = { _ in
                forward.cancel()
                keepAlive.cancel()
            }
        }
    }
}
