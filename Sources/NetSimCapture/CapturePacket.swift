import NetSimEngine

/// One packet record for a capture file: the frame's bytes, when, on which of the file's
/// interfaces, and which way it went.
public struct CapturePacket: Sendable, Equatable {
    /// Index into the writer's interfaces (always 0 in classic pcap).
    public var interface: Int
    /// Nanoseconds of simulated time.
    public var timestamp: UInt64
    /// Nil when unknown; classic pcap cannot record it.
    public var direction: CapturedFrame.Direction?
    /// The Ethernet frame without preamble and FCS.
    public var bytes: [UInt8]

    public init(interface: Int, timestamp: UInt64, direction: CapturedFrame.Direction?, bytes: [UInt8]) {
        self.interface = interface
        self.timestamp = timestamp
        self.direction = direction
        self.bytes = bytes
    }
}
