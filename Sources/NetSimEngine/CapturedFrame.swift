import NetSimRouting
import NetSimWire

/// One frame as a capture on an interface sees it: handed to `Simulation.frameObserver` when an
/// interface puts a frame on its link (`outbound`, at send time) and when a frame arrives at an
/// interface that is up (`inbound`, at arrival time, a link delay later). A frame crossing a
/// point-to-point link is therefore seen twice, once on each end; a frame lost on a lossy link
/// only on the sender's side.
public struct CapturedFrame: Sendable, Equatable {
    public enum Direction: String, Sendable {
        case inbound
        case outbound
    }

    public let time: SimTime
    /// Index into `Simulation.devices`.
    public let device: Int
    /// Index into that device's `interfaces`.
    public let interface: Int
    public let direction: Direction
    public let frame: EthernetFrame

    public init(time: SimTime, device: Int, interface: Int, direction: Direction, frame: EthernetFrame) {
        self.time = time
        self.device = device
        self.interface = interface
        self.direction = direction
        self.frame = frame
    }
}
