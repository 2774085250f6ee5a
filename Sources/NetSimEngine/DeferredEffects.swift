import NetSimRouting
import NetSimWire

/// What the events of one device did to state outside that device, written down during a
/// parallel instant (ADR 0024) and applied afterwards, event by event in agenda order, exactly
/// as a one-thread run applies them the moment they happen.
///
/// One buffer serves one device group of one instant; `beginEvent` marks where each event's
/// effects start so that the commit can interleave the groups in agenda order.
final class DeferredEffects {
    enum Effect {
        /// `queue.schedule(event, at:)`.
        case schedule(SimEvent, at: SimTime)
        /// The link half of `transmit`: loss draw, link counters, arrivals at the other ends.
        case carry(EthernetFrame, link: Int, device: Int, interface: Int, trace: PacketTrace)
        /// A frame for `frameObserver`.
        case observe(CapturedFrame)
        /// An event-log entry for `logHandler`.
        case log(LogEntry)
        /// `noteStateChange()`.
        case stateChanged
        /// The device's OSPF instance queued LS Updates for the end of the instant.
        case queuedUpdates(device: Int)
    }

    /// Where one processed event's effects lie in `effects`.
    struct EventSpan {
        let start: Int
        var end: Int
    }

    private(set) var effects: [Effect] = []
    private(set) var spans: [EventSpan] = []

    func reset() {
        effects.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
    }

    func beginEvent() {
        spans.append(EventSpan(start: effects.count, end: effects.count))
    }

    func append(_ effect: Effect) {
        effects.append(effect)
        spans[spans.count - 1].end = effects.count
    }
}
