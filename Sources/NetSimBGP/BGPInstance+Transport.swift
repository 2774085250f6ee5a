import NetSimWire

/// The seam between the speaker and its transport: every message leaves through `transmit` and
/// arrives through `received`, which count them per type. This is the only place that would
/// change if messages were framed into bytes here rather than by the host.
extension BGPInstance {
    /// A message arrived on a connection.
    public func received(_ message: BGPMessage, on id: BGPConnectionID) {
        guard let address = connectionOwner[id], let peer = peers[address], peer.connections[id] != nil else { return }
        peer.messagesReceived[message.type, default: 0] += 1
        handle(message, from: peer, on: id)
        flushAdvertisements()
    }

    /// The transport found a message it could not decode; `error` is the NOTIFICATION the codec
    /// names for it (RFC 4271 §6.1-6.3): it is sent and the connection dropped.
    public func receivedMalformedMessage(_ error: BGPNotification, on id: BGPConnectionID) {
        guard let address = connectionOwner[id], let peer = peers[address], peer.connections[id] != nil else { return }
        dropConnection(peer, id, sending: error, reason: "malformed message: \(error)")
        flushAdvertisements()
    }

    func transmit(_ message: BGPMessage, to peer: BGPPeer, on id: BGPConnectionID) {
        peer.messagesSent[message.type, default: 0] += 1
        host.bgpSend(message, on: id)
    }
}
