/// Simulated time: an integer count of nanoseconds since the start of a run. The engine owns the
/// clock; nothing in netsim below the daemon reads the wall clock.
public struct SimTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = SimTime(nanoseconds: 0)
    public static let never = SimTime(nanoseconds: .max)

    public static func microseconds(_ value: Int64) -> SimTime { SimTime(nanoseconds: value * 1_000) }
    public static func milliseconds(_ value: Int64) -> SimTime { SimTime(nanoseconds: value * 1_000_000) }
    public static func seconds(_ value: Int64) -> SimTime { SimTime(nanoseconds: value * 1_000_000_000) }

    public var milliseconds: Double { Double(nanoseconds) / 1_000_000 }
    public var seconds: Double { Double(nanoseconds) / 1_000_000_000 }
    /// Whole seconds, rounded down, as routers show timers.
    public var wholeSeconds: Int64 { nanoseconds / 1_000_000_000 }

    public static func + (lhs: SimTime, rhs: SimTime) -> SimTime {
        SimTime(nanoseconds: lhs.nanoseconds &+ rhs.nanoseconds)
    }

    public static func - (lhs: SimTime, rhs: SimTime) -> SimTime {
        SimTime(nanoseconds: lhs.nanoseconds - rhs.nanoseconds)
    }

    public static func < (lhs: SimTime, rhs: SimTime) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Milliseconds with up to three decimals and no trailing zeros: "0ms", "20ms", "2.5ms", "1500ms".
    public var description: String { SimTime.format(milliseconds: nanoseconds) + "ms" }

    /// Formats a nanosecond count as milliseconds with up to three decimals, no trailing zeros.
    public static func format(milliseconds nanoseconds: Int64) -> String {
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        let whole = magnitude / 1_000_000
        let micros = (magnitude % 1_000_000) / 1_000
        if micros == 0 { return "\(sign)\(whole)" }
        var fraction = String(micros)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(sign)\(whole).\(fraction)"
    }

    /// Parses a duration: "250ms", "2s", "1.5s", "100us", "5m", or a bare number of milliseconds.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace()
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9)]
        var number = Substring(trimmed)
        var scale = 1e6
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            let candidate = trimmed.dropLast(suffix.count)
            if Double(candidate) != nil {
                number = candidate
                scale = factor
                break
            }
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }),
              let value = Double(number), value.isFinite, value >= 0, value * scale < 9e18 else { return nil }
        nanoseconds = Int64((value * scale).rounded())
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
