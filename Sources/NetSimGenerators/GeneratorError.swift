/// Why `netsim generate` cannot draw what it was asked for (bad parameters, a protocol that is
/// not implemented, more addresses than the plan holds).
public struct GeneratorError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
