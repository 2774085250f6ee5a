/// What a run's packet capture wrote, for the closing report (`netsim run --pcap`).
public struct CaptureSummary: Sendable, Equatable {
    public var path: String
    /// "pcapng" or "pcap".
    public var format: String
    public var frames: Int
    public var interfaces: Int

    public init(path: String, format: String, frames: Int, interfaces: Int) {
        self.path = path
        self.format = format
        self.frames = frames
        self.interfaces = interfaces
    }

    /// "Captured 12 frames on 4 interfaces to out.pcapng".
    public var text: String {
        "Captured \(frames) frame\(frames == 1 ? "" : "s") on \(interfaces) interface\(interfaces == 1 ? "" : "s") "
            + "to \(path)"
    }

    var json: JSONValue {
        .object(["file": .string(path), "format": .string(format), "frames": .integer(frames),
                 "interfaces": .integer(interfaces)])
    }
}
