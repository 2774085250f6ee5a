import NetSimEngine
import NetSimWire

/// A capture in progress: attached to a simulation's `frameObserver`, it keeps the frames its
/// selection accepts, turns each into bytes with the injected encoder and writes the file's
/// records to its output as the simulation runs.
///
/// Frames are recorded in the order the simulation sees them, which is simulated-time order, so
/// the same topology and seed always produce the same bytes.
public final class PacketCapture {
    /// What one captured interface has seen so far.
    public struct PortCount: Sendable, Equatable {
        /// Frames it sent (outbound).
        public var sent = 0
        /// Frames it received (inbound).
        public var received = 0
        /// The bytes of those frames, as written to the file (no FCS).
        public var bytes = 0

        public init(sent: Int = 0, received: Int = 0, bytes: Int = 0) {
            self.sent = sent
            self.received = received
            self.bytes = bytes
        }
    }

    public let selection: CaptureSelection
    public let format: CaptureFormat
    /// Frames written so far.
    public private(set) var framesCaptured = 0
    /// The bytes of the frames written so far (frames only, not the file's framing).
    public private(set) var bytesCaptured = 0
    /// Counts per selected interface, in the order of `selection.ports`.
    public private(set) var portCounts: [PortCount]
    /// The first error the output reported; nothing more is written after it.
    public private(set) var writeError: (any Error)?
    private let writer: any CaptureWriter
    private let output: any CaptureOutput
    private let encode: (EthernetFrame) -> [UInt8]

    /// Writes the file header at once. `comment` goes into the pcapng section header.
    /// Classic pcap needs exactly one selected interface.
    public init(selection: CaptureSelection, format: CaptureFormat, comment: String? = nil,
                output: any CaptureOutput, encode: @escaping (EthernetFrame) -> [UInt8]) {
        precondition(format != .pcap || selection.ports.count == 1, "classic pcap holds exactly one interface")
        self.selection = selection
        self.format = format
        self.output = output
        self.encode = encode
        portCounts = Array(repeating: PortCount(), count: selection.ports.count)
        switch format {
        case .pcapng: writer = PcapNGWriter(interfaces: selection.ports.map(\.description), comment: comment)
        case .pcap: writer = PcapWriter()
        }
        write(writer.header())
    }

    /// Starts recording the simulation's frames (replacing any other frame observer). Set the
    /// simulation's `frameObserver` to nil to stop.
    public func attach(to simulation: Simulation) {
        simulation.frameObserver = { [self] frame in record(frame) }
    }

    /// Records one frame if the selection wants it.
    public func record(_ captured: CapturedFrame) {
        guard writeError == nil,
              let position = selection.position(device: captured.device, interface: captured.interface),
              selection.accepts(captured.frame) else { return }
        let packet = CapturePacket(interface: position, timestamp: UInt64(captured.time.nanoseconds),
                                   direction: captured.direction, bytes: encode(captured.frame))
        write(writer.record(packet))
        guard writeError == nil else { return }
        framesCaptured += 1
        bytesCaptured += packet.bytes.count
        portCounts[position].bytes += packet.bytes.count
        switch captured.direction {
        case .outbound: portCounts[position].sent += 1
        case .inbound: portCounts[position].received += 1
        }
    }

    private func write(_ bytes: [UInt8]) {
        do {
            try output.write(bytes)
        } catch {
            writeError = error
        }
    }
}
