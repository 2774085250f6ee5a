/// A UDP datagram (RFC 768). netsim's traceroute probes are UDP, as on Linux and IOS.
public struct UDPDatagram: Sendable, Equatable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var dataLength: Int

    public init(sourcePort: UInt16, destinationPort: UInt16, dataLength: Int) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.dataLength = dataLength
    }

    public var wireLength: Int { 8 + dataLength }
}
