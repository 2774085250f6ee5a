/// The timers a protocol instance has armed, each with the token of its latest arming. A timer
/// event that fires with an older token was re-armed or cancelled since and is ignored, so a
/// protocol never has to take events back out of the agenda.
public struct ArmedTimers<Timer: Hashable> {
    private var tokens: [Timer: UInt64] = [:]
    private var lastToken: UInt64 = 0

    public init() {}

    /// Records a new arming of `timer` (replacing any earlier one) and returns its token.
    public mutating func arm(_ timer: Timer) -> UInt64 {
        lastToken += 1
        tokens[timer] = lastToken
        return lastToken
    }

    public mutating func cancel(_ timer: Timer) {
        tokens[timer] = nil
    }

    /// Mutating only in form: a protocol instance (a class) keeps its timers in a stored
    /// property, and a non-mutating call would copy the map out of it, a retain and a release
    /// per question, where a mutating one reads it in place (see `Array.inPlace`).
    public mutating func isArmed(_ timer: Timer) -> Bool { tokens[timer] != nil }

    /// True, disarming the timer, when `token` is its latest arming; false for a stale event.
    public mutating func fire(_ timer: Timer, token: UInt64) -> Bool {
        guard tokens[timer] == token else { return false }
        tokens[timer] = nil
        return true
    }
}
