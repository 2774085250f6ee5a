/// Why `netsim generate` cannot draw what it was asked for (bad parameters, an unknown
/// protocol, more addresses than the plan holds).
public struct GeneratorError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
