import NetSimRouting

/// The retransmission timeout of RFC 6298: 1 s before the first RTT measurement, then
/// SRTT + max(G, 4 * RTTVAR), doubled on each expiry (§5.5). Bounds follow Linux: at least
/// 200 ms (TCP_RTO_MIN; RFC 6298 asks for 1 s, which every major stack lowers) and at most
/// 120 s (TCP_RTO_MAX).
struct TCPRetransmissionTimeout {
    static let initial = SimTime.seconds(1)
    static let minimum = SimTime.milliseconds(200)
    static let maximum = SimTime.seconds(120)
    /// The clock granularity G.
    static let granularity = SimTime.milliseconds(1)

    private(set) var smoothedRTT: SimTime?
    private(set) var rttVariation = SimTime.zero
    private(set) var current = TCPRetransmissionTimeout.initial

    /// A round-trip measurement of a segment sent once (Karn's rule is the caller's).
    mutating func sample(_ rtt: SimTime) {
        if let smoothed = smoothedRTT {
            let deviation = SimTime(nanoseconds: abs((smoothed - rtt).nanoseconds))
            rttVariation = SimTime(nanoseconds: (3 * rttVariation.nanoseconds + deviation.nanoseconds) / 4)
            smoothedRTT = SimTime(nanoseconds: (7 * smoothed.nanoseconds + rtt.nanoseconds) / 8)
        } else {
            smoothedRTT = rtt
            rttVariation = SimTime(nanoseconds: rtt.nanoseconds / 2)
        }
        let variance = max(TCPRetransmissionTimeout.granularity, SimTime(nanoseconds: 4 * rttVariation.nanoseconds))
        current = clamp((smoothedRTT ?? rtt) + variance)
    }

    /// The timer expired: back off (§5.5).
    mutating func backOff() {
        current = clamp(SimTime(nanoseconds: current.nanoseconds.multipliedReportingOverflow(by: 2).overflow
                                    ? Int64.max : current.nanoseconds * 2))
    }

    private func clamp(_ value: SimTime) -> SimTime {
        min(max(value, TCPRetransmissionTimeout.minimum), TCPRetransmissionTimeout.maximum)
    }
}
