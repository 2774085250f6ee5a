import NetSimCommands

/// A packet capture of a daemon (`/v1/captures`): running, or stopped with its file written
/// (`written`) or not (`failed`, `error` says why).
public struct CaptureInfo: Decodable, Sendable, Equatable {
    /// What one captured interface has seen.
    public struct Interface: Decodable, Sendable, Equatable {
        /// "device:interface".
        public var name: String
        /// Frames it sent.
        public var sent: Int
        /// Frames it received.
        public var received: Int
        /// The bytes of those frames.
        public var bytes: Int
    }

    public var id: Int
    /// running, written or failed.
    public var state: String
    /// The destination, absolute.
    public var file: String
    /// pcapng or pcap.
    public var format: String
    public var filter: String?
    public var startedMilliseconds: Double
    public var stoppedMilliseconds: Double?
    public var frames: Int
    /// The bytes of the captured frames (the file adds its own framing).
    public var bytes: Int
    /// Every captured interface, in the file's order.
    public var interfaces: [Interface]
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case id, state, file, format, filter, frames, bytes, interfaces, error
        case startedMilliseconds = "started_ms"
        case stoppedMilliseconds = "stopped_ms"
    }

    /// The capture as the API sends it.
    public var json: JSONValue {
        .object([
            "id": .integer(id), "state": .string(state), "file": .string(file), "format": .string(format),
            "filter": .optional(filter), "started_ms": .double(startedMilliseconds),
            "stopped_ms": stoppedMilliseconds.map { .double($0) } ?? .null, "frames": .integer(frames),
            "bytes": .integer(bytes),
            "interfaces": .array(interfaces.map {
                .object(["name": .string($0.name), "sent": .integer($0.sent), "received": .integer($0.received),
                         "bytes": .integer($0.bytes)])
            }),
            "error": .optional(error),
        ])
    }
}
