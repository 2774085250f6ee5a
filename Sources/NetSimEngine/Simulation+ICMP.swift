import NetSimRouting
import NetSimWire

/// Local delivery and ICMP (RFC 792, RFC 1122 §3.2.2): echo replies, errors sent back to the
/// source of a packet that could not be delivered, port unreachable for UDP, since no
/// simulated device listens on a UDP port, and TCP segments to the device's TCP.
extension Simulation {
    /// Linux's default TTL for packets it originates (net.ipv4.ip_default_ttl).
    static let defaultTTL: UInt8 = 64

    func deliverLocally(_ packet: IPv4Packet, device: Device, interface: Int?, trace: PacketTrace) {
        switch packet.payload {
        case .icmp(let message):
            switch message {
            case .echoRequest(let echo):
                // A reply to a broadcast echo comes from the receiving interface's own address.
                let toBroadcast = packet.destination.isBroadcast
                    || interface.map { device.isSubnetBroadcast(packet.destination, on: $0) } == true
                let source = toBroadcast ? interface.flatMap { device.interfaces[$0].address?.address } : packet.destination
                guard let source else { return }
                let reply = IPv4Packet(source: source, destination: packet.source, ttl: Simulation.defaultTTL,
                                       identification: device.allocateIPIdentification(), payload: .icmp(.echoReply(echo)))
                sendLocal(reply, device: device, trace: trace)
            case .echoReply(let echo):
                probeEchoReply(echo, packet: packet, device: device, trace: trace)
            case .destinationUnreachable(_, let quoted), .timeExceeded(let quoted):
                if case .tcp = quoted.leadingPayload {
                    tcpICMPError(quoted: quoted, device: device)
                } else {
                    probeICMPError(message, from: packet.source, quoted: quoted, device: device, trace: trace)
                }
            }
        case .udp:
            sendICMPError(.destinationUnreachable(code: .port, quoted: QuotedDatagram(quoting: packet)),
                          about: packet, device: device, trace: trace)
        case .ospf(let ospf):
            receiveOSPF(ospf, packet: packet, device: device, interface: interface)
        case .tcp(let segment):
            receiveTCP(segment, packet: packet, device: device)
        }
    }

    /// Sends an ICMP error about `packet` back to its source, unless the rules forbid it: never
    /// about an ICMP error, a broadcast or multicast, or a packet without a usable source.
    /// As on Linux, an error about a packet addressed to this device comes from that address;
    /// otherwise from the interface that leads back to the source.
    func sendICMPError(_ message: ICMPMessage, about packet: IPv4Packet, device: Device, trace: PacketTrace) {
        if case .icmp(let original) = packet.payload, original.isError { return }
        guard !packet.destination.isBroadcast, !packet.destination.isMulticast, !packet.source.isMulticast,
              packet.source != .zero, !packet.source.isBroadcast,
              let source = device.isLocalDestination(packet.destination)
                ? packet.destination : sourceAddress(toward: packet.source, device: device) else { return }
        let error = IPv4Packet(source: source, destination: packet.source, ttl: Simulation.defaultTTL,
                               identification: device.allocateIPIdentification(), payload: .icmp(message))
        sendLocal(error, device: device, trace: trace)
    }
}
