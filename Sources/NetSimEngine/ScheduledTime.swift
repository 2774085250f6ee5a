import NetSimRouting

/// When a scripted action happens: at an absolute simulated time, or an offset after the
/// network first converged (see ADR 0001).
public enum ScheduledTime: Sendable, Equatable {
    /// `converged` or `converged + N`.
    case afterConvergence(SimTime)
    /// `250ms`, `2s`: time since the start of the run.
    case absolute(SimTime)
}
