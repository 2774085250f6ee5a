import NetSimWire

/// The seam between the speaker and its transport, where messages become bytes and back: every
/// message leaves through `transmit`, encoded with the connection's codec options, and bytes TCP
/// delivered (split anywhere) are framed per connection. A decode error acts as RFC 4271 §6 and
/// RFC 7606 say through the error the codec returns: the NOTIFICATION and a reset, or the
/// UPDATE's prefixes withdrawn, or the UPDATE without the discarded attributes.
extension BGPInstance {
    /// Bytes arrived on a connection.
    public func received(_ bytes: [UInt8], on id: BGPConnectionID) {
        guard let address = connectionOwner[id], let peer = peers[address], peer.connections[id] != nil else { return }
        peer.connections[id]!.framer.append(bytes)
        // Until the bytes run out or the connection is dropped by what they said.
        while peer.connections[id] != nil {
            do throws(BGPMessageError) {
                guard let message = try peer.connections[id]!.framer.next() else { break }
                peer.messagesReceived[message.type, default: 0] += 1
                handle(message, from: peer, on: id)
            } catch {
                receivedUndecodable(error, from: peer, on: id)
            }
        }
        flushAdvertisements()
    }

    func receivedUndecodable(_ error: BGPMessageError, from peer: BGPPeer, on id: BGPConnectionID) {
        switch error.action {
        case .resetSession:
            // A malformed OPEN is as much a configuration mismatch as an unacceptable one.
            if error.notification.code == BGPNotification.openMessageError { peer.refusedByConfiguration = true }
            dropConnection(peer, id, sending: error.notification, reason: "malformed message: \(error)")
        case .treatAsWithdraw(let prefixes):
            log("BGP: UPDATE from \(peer.address): \(error)")
            peer.messagesReceived[.update, default: 0] += 1
            handle(.update(BGPUpdate(withdrawnRoutes: prefixes)), from: peer, on: id)
        case .attributeDiscard(let update):
            log("BGP: UPDATE from \(peer.address): \(error)")
            peer.messagesReceived[.update, default: 0] += 1
            handle(.update(update), from: peer, on: id)
        }
    }

    /// A message as if it had arrived in bytes (tests and tools that hold values).
    func receive(_ message: BGPMessage, on id: BGPConnectionID) {
        guard let connection = connectionOwner[id].flatMap({ peers[$0]?.connections[id] }) else { return }
        received(message.encoded(options: connection.codecOptions), on: id)
    }

    func transmit(_ message: BGPMessage, to peer: BGPPeer, on id: BGPConnectionID) {
        peer.messagesSent[message.type, default: 0] += 1
        let options = peer.connections[id]?.codecOptions ?? BGPCodecOptions()
        host.bgpSend(message.encoded(options: options), on: id, routine: message == .keepalive)
    }
}
