/// Everything wrong with a `--pcap-filter`, one message per problem.
public struct CaptureFilterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var messages: [String]

    public init(_ messages: [String]) { self.messages = messages }

    public var description: String { messages.joined(separator: "\n") }
}
