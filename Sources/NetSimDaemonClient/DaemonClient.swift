import Foundation
import NetSimCommands

/// The client of a running daemon's HTTP API, used by `netsim exec`, `daemon status` and the
/// interactive console. Every call is one blocking HTTP request on a fresh connection, so a
/// client may be used from any thread; `subscribe` keeps its connection for the event stream.
///
/// ```swift
/// let client = try DaemonClient.named("lab")
/// let reply = try client.execute(device: "r1", command: "show ip route")
/// print(reply.text)                        // or reply.json for --json
/// for device in try client.devices() { print(device.name, device.interfaces) }
/// let events = try client.subscribe(history: 20)
/// while let event = try events.next() { print(event.text) }
/// ```
public struct DaemonClient: Sendable {
    public let endpoint: DaemonEndpoint

    public init(endpoint: DaemonEndpoint) { self.endpoint = endpoint }

    /// The client of the running daemon called `name` (through its Unix socket).
    public static func named(_ name: String, home: DaemonHome = .fromEnvironment()) throws(DaemonClientError) -> DaemonClient {
        let paths = try DaemonDirectory(home: home).running(name)
        return DaemonClient(endpoint: .unix(path: paths.socket.path))
    }

    public func status() throws(DaemonClientError) -> DaemonStatus { try get("/v1/status") }

    /// Every device with its kind and interface names.
    public func devices() throws(DaemonClientError) -> [DeviceSummary] { try get("/v1/devices") }

    /// One device: interfaces, OSPF neighbors and ARP entries.
    public func device(_ name: String) throws(DaemonClientError) -> DeviceDetail {
        try get("/v1/devices/" + Self.pathComponent(name))
    }

    /// The topology as the daemon runs it: devices, interfaces and links.
    public func topology() throws(DaemonClientError) -> JSONValue { try get("/v1/topology") }

    /// The OpenAPI document describing this API.
    public func openAPIDocument() throws(DaemonClientError) -> JSONValue { try get("/openapi.json") }

    /// Runs a console command on a device. A command the console rejects is a reply with
    /// `succeeded == false`; an unknown device throws `.api(status: 404, ...)`. Probes (ping,
    /// traceroute) answer when they finish in the daemon's simulated time.
    public func execute(device: String, command: String, json: Bool = false) throws(DaemonClientError) -> CommandReply {
        let body = JSONValue.object(["device": .string(device), "command": .string(command), "json": .bool(json)])
        return try decode(successBody(method: "POST", path: "/v1/commands", body: Array(body.compact.utf8)))
    }

    /// Starts a packet capture written by the daemon to `file`; a relative path is resolved
    /// against this process's working directory, since the daemon's is its own. `format` is
    /// "pcapng" (nil) or "pcap"; `filter` takes `--pcap-filter` terms. A request the daemon
    /// rejects throws `.invalidCapture` with every problem.
    public func startCapture(file: String, format: String? = nil, filter: String? = nil) throws(DaemonClientError) -> CaptureInfo {
        var body: [String: JSONValue] = ["file": .string(Self.absolutePath(file))]
        if let format { body["format"] = .string(format) }
        if let filter { body["filter"] = .string(filter) }
        return try decode(successBody(method: "POST", path: "/v1/captures", body: Array(JSONValue.object(body).compact.utf8)))
    }

    /// The running captures, by ID.
    public func captures() throws(DaemonClientError) -> [CaptureInfo] { try get("/v1/captures") }

    /// Stops a capture; the reply says what its file holds. An unknown ID throws `.api(status: 404, ...)`.
    public func stopCapture(_ id: Int) throws(DaemonClientError) -> CaptureInfo {
        try decode(successBody(method: "DELETE", path: "/v1/captures/\(id)", body: nil))
    }

    /// Stops every running capture.
    public func stopAllCaptures() throws(DaemonClientError) -> [CaptureInfo] {
        try decode(successBody(method: "DELETE", path: "/v1/captures", body: nil))
    }

    /// Opens the event stream: the last `history` events first, then each new one as it happens.
    public func subscribe(history: Int = 0) throws(DaemonClientError) -> EventSubscription {
        let exchange = try HTTPExchange(endpoint: endpoint, method: "GET", path: "/v1/events?history=\(max(0, history))",
                                        accept: "text/event-stream")
        guard exchange.head.status == 200 else {
            var failed = exchange
            throw Self.apiError(status: exchange.head.status, body: (try? failed.readBody()) ?? [])
        }
        return EventSubscription(exchange: exchange)
    }

    /// `subscribe` as an async sequence, read on a thread of its own; cancelling the consuming
    /// task closes the connection.
    public func events(history: Int = 0) -> AsyncThrowingStream<DaemonEvent, any Error> {
        AsyncThrowingStream { continuation in
            let subscription: EventSubscription
            do {
                subscription = try subscribe(history: history)
            } catch {
                continuation.finish(throwing: error)
                return
            }
            continuation.onTermination = { _ in subscription.cancel() }
            Thread.detachNewThread {
                do {
                    while let event = try subscription.next() { continuation.yield(event) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: subscription.isCancelled ? nil : error)
                }
            }
        }
    }

    /// A status and a body: what `request` returns.
    public struct RawReply: Sendable {
        public var status: Int
        public var body: [UInt8]
    }

    /// Sends any request and returns the status and body as they came, errors included (for
    /// tools and tests; the typed calls above are the usual way).
    public func request(method: String, path: String, body: [UInt8]?) throws(DaemonClientError) -> RawReply {
        var exchange = try HTTPExchange(endpoint: endpoint, method: method, path: path, body: body)
        return RawReply(status: exchange.head.status, body: try exchange.readBody())
    }

    // MARK: Requests

    private func get<T: Decodable>(_ path: String) throws(DaemonClientError) -> T {
        try decode(successBody(method: "GET", path: path, body: nil))
    }

    private func successBody(method: String, path: String, body: [UInt8]?) throws(DaemonClientError) -> [UInt8] {
        let reply = try request(method: method, path: path, body: body)
        guard (200..<300).contains(reply.status) else { throw Self.apiError(status: reply.status, body: reply.body) }
        return reply.body
    }

    private func decode<T: Decodable>(_ bytes: [UInt8]) throws(DaemonClientError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw .protocolError("cannot read \(T.self): \(error)")
        }
    }

    static func apiError(status: Int, body: [UInt8]) -> DaemonClientError {
        let reply = try? JSONDecoder().decode(JSONValue.self, from: Data(body))
        if let field = reply?["field"]?.stringValue, case .array(let items)? = reply?["problems"] {
            return .invalidCapture(field: field, problems: items.compactMap(\.stringValue))
        }
        return .api(status: status, message: reply?["error"]?.stringValue ?? String(decoding: body, as: UTF8.self))
    }

    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath,
                                                   isDirectory: true)).standardizedFileURL.path
    }

    static func pathComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? text
    }
}
