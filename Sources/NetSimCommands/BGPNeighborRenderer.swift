import NetSimBGP
import NetSimRouting
import NetSimWire

/// `show bgp neighbors [<address>]`: each neighbor in FRR's layout — link type, identifiers,
/// state and uptime, negotiated and configured timers, capabilities advertised and received,
/// message counters by type, prefix counts, End-of-RIB, the session's addresses and its last
/// error. `... advertised-routes` / `received-routes` list one neighbor's Adj-RIB-Out (after
/// export policy) or Adj-RIB-In (before import policy).
/// JSON: an array of neighbor objects; for the route lists `{peer, direction, routes: [{prefix,
/// next_hop, med, local_pref, as_path, origin, communities, rejected}]}`.
enum BGPNeighborRenderer {
    static func render(_ instance: BGPInstance, address: String?, now: SimTime,
                       wantsJSON: Bool) throws(CommandError) -> CommandResult {
        var peers = instance.peerViews
        if let address {
            guard let wanted = IPv4Address(address) else { throw CommandError("'\(address)' is not an IPv4 address") }
            guard let peer = instance.peerView(wanted) else { throw CommandError("no such neighbor: \(wanted)") }
            peers = [peer]
        }
        let text = peers.map { detail($0, instance: instance, now: now) }.joined(separator: "\n\n")
        return CommandResult(text: text, json: .array(peers.map { json($0, now: now) }), wantsJSON: wantsJSON)
    }

    private static func detail(_ peer: BGPInstance.PeerView, instance: BGPInstance, now: SimTime) -> String {
        var lines = ["BGP neighbor is \(peer.address), remote AS \(peer.remoteAS), local AS \(instance.localAS), "
                     + (peer.isInternal ? "internal link" : "external link")]
        if let description = peer.description { lines.append("  Description: \(description)") }
        lines.append("  BGP version 4, remote router ID \(peer.remoteRouterID?.description ?? "0.0.0.0"), "
                     + "local router ID \(instance.routerID)")
        var state = "  BGP state = \(peer.state)"
        if peer.adminShutdown { state += " (Admin)" }
        if peer.state == .established, let since = peer.establishedAt { state += ", up for \(BGPFormat.uptime(now - since))" }
        lines.append(state)
        if let reset = peer.lastResetAt {
            lines.append("  Last reset \(BGPFormat.uptime(now - reset)) ago" + (peer.lastError.map { ", due to \($0)" } ?? ""))
        } else {
            lines.append("  Last reset never")
        }
        if let hold = peer.negotiatedHoldTime, let keepalive = peer.negotiatedKeepaliveTime {
            lines.append("  Hold time is \(hold), keepalive interval is \(keepalive) seconds")
        }
        lines.append("  Configured hold time is \(peer.configuredHoldTime), keepalive interval is "
                     + "\(peer.configuredKeepaliveTime) seconds, connect retry \(peer.connectRetryTime) seconds")
        lines.append("  Minimum time between advertisement runs is \(peer.advertisementInterval) seconds")
        if !peer.capabilitiesSent.isEmpty || !peer.capabilitiesReceived.isEmpty {
            lines.append("  Neighbor capabilities:")
            for (name, sent, received) in capabilityRows(peer) {
                let how = sent && received ? "advertised and received" : sent ? "advertised" : "received"
                lines.append("    \(name): \(how)")
            }
        }
        lines.append("  Message statistics:")
        var table = TextTable(["   ", "Sent", "Rcvd"])
        for type in BGPMessageType.allCases {
            table.add(["    \(messageName(type)):", String(peer.messagesSent[type] ?? 0),
                       String(peer.messagesReceived[type] ?? 0)])
        }
        table.add(["    Total:", String(peer.messagesSent.values.reduce(0, +)),
                   String(peer.messagesReceived.values.reduce(0, +))])
        lines.append(table.text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        lines.append("  For address family: IPv4 Unicast")
        var counts = "    \(peer.prefixesAccepted) accepted prefixes, \(peer.prefixesReceived) received, "
            + "\(peer.prefixesAdvertised) advertised"
        if peer.stalePrefixes > 0 { counts += ", \(peer.stalePrefixes) stale" }
        lines.append(counts)
        lines.append("    End-of-RIB " + (peer.endOfRIBSent ? "sent" : "not sent") + ", "
                     + (peer.endOfRIBReceived ? "received" : "not received"))
        lines.append("  Connections established \(peer.sessionsEstablished)")
        if let local = peer.localAddress { lines.append("  Local host: \(local), Remote host: \(peer.address)") }
        return lines.joined(separator: "\n")
    }

    /// Each capability either side advertised, by name, with who advertised it.
    static func capabilityRows(_ peer: BGPInstance.PeerView) -> [(String, Bool, Bool)] {
        var names: [String] = []
        for capability in peer.capabilitiesSent + peer.capabilitiesReceived where !names.contains(name(capability)) {
            names.append(name(capability))
        }
        return names.map { wanted in
            (wanted, peer.capabilitiesSent.contains { name($0) == wanted },
             peer.capabilitiesReceived.contains { name($0) == wanted })
        }
    }

    static func name(_ capability: BGPCapability) -> String {
        switch capability {
        case .multiprotocol(let family): "Address Family \(family)"
        case .routeRefresh: "Route refresh"
        case .gracefulRestart: "Graceful Restart"
        case .fourOctetAS: "4 Byte AS"
        case .enhancedRouteRefresh: "Enhanced Route Refresh"
        case .other(let code, _): "Capability \(code)"
        }
    }

    static func messageName(_ type: BGPMessageType) -> String {
        switch type {
        case .open: "Opens"
        case .update: "Updates"
        case .notification: "Notifications"
        case .keepalive: "Keepalives"
        case .routeRefresh: "Route Refresh"
        }
    }

    private static func json(_ peer: BGPInstance.PeerView, now: SimTime) -> JSONValue {
        func counters(_ counts: [BGPMessageType: Int]) -> JSONValue {
            .object(Dictionary(uniqueKeysWithValues: BGPMessageType.allCases.map {
                (messageName($0).lowercased().replacingSpaces(), JSONValue.integer(counts[$0] ?? 0))
            }))
        }
        return .object([
            "peer": .string(peer.address.description),
            "remote_as": .integer(peer.remoteAS),
            "internal": .bool(peer.isInternal),
            "description": .optional(peer.description),
            "remote_router_id": .optional(peer.remoteRouterID?.description),
            "state": .string(peer.state.description),
            "admin_shutdown": .bool(peer.adminShutdown),
            "established_for_ms": peer.state == .established
                ? peer.establishedAt.map { .double((now - $0).milliseconds) } ?? .null : .null,
            "hold_time": peer.negotiatedHoldTime.map { .integer($0) } ?? .null,
            "keepalive_interval": peer.negotiatedKeepaliveTime.map { .integer($0) } ?? .null,
            "configured_hold_time": .integer(peer.configuredHoldTime),
            "configured_keepalive_interval": .integer(peer.configuredKeepaliveTime),
            "connect_retry": .integer(peer.connectRetryTime),
            "advertisement_interval": .integer(peer.advertisementInterval),
            "capabilities": .array(capabilityRows(peer).map { name, sent, received in
                .object(["name": .string(name), "advertised": .bool(sent), "received": .bool(received)])
            }),
            "messages_sent": counters(peer.messagesSent),
            "messages_received": counters(peer.messagesReceived),
            "prefixes_received": .integer(peer.prefixesReceived),
            "prefixes_accepted": .integer(peer.prefixesAccepted),
            "prefixes_advertised": .integer(peer.prefixesAdvertised),
            "stale_prefixes": .integer(peer.stalePrefixes),
            "end_of_rib_sent": .bool(peer.endOfRIBSent),
            "end_of_rib_received": .bool(peer.endOfRIBReceived),
            "sessions_established": .integer(peer.sessionsEstablished),
            "local_address": .optional(peer.localAddress?.description),
            "last_error": .optional(peer.lastError),
        ])
    }

    /// `advertised-routes` or `received-routes` of one neighbor.
    static func renderRoutes(_ instance: BGPInstance, address: String, direction: String,
                             wantsJSON: Bool) throws(CommandError) -> CommandResult {
        guard let peer = IPv4Address(address) else { throw CommandError("'\(address)' is not an IPv4 address") }
        let received = direction == "received-routes"
        guard let entries = received ? instance.receivedRoutes(peer) : instance.advertisedRoutes(peer) else {
            throw CommandError("no such neighbor: \(peer)")
        }
        var table = TextTable(["   Network", "Next Hop", "Metric", "LocPrf", "Path"])
        for entry in entries {
            let attributes = entry.attributes
            let asPath = attributes.asPath.description
            table.add([(entry.rejected ? "r  " : "*  ") + entry.prefix.description,
                       attributes.nextHop?.description ?? "0.0.0.0",
                       attributes.multiExitDiscriminator.map(String.init) ?? "",
                       attributes.localPreference.map(String.init) ?? "",
                       asPath.isEmpty ? attributes.origin.code : "\(asPath) \(attributes.origin.code)"])
        }
        var lines = [received ? "Routes received from \(peer) (before import policy; r: rejected)"
                              : "Routes advertised to \(peer) (after export policy)", ""]
        lines.append(entries.isEmpty ? "No prefixes" : table.text)
        lines.append("")
        lines.append("Total number of prefixes \(entries.count)")
        let json = JSONValue.object([
            "peer": .string(peer.description),
            "direction": .string(received ? "received" : "advertised"),
            "routes": .array(entries.map { entry in
                .object([
                    "prefix": .string(entry.prefix.description),
                    "next_hop": .optional(entry.attributes.nextHop?.description),
                    "med": entry.attributes.multiExitDiscriminator.map { .integer($0) } ?? .null,
                    "local_pref": entry.attributes.localPreference.map { .integer($0) } ?? .null,
                    "as_path": .string(entry.attributes.asPath.description),
                    "origin": .string(entry.attributes.origin.name.lowercased()),
                    "communities": .array(entry.attributes.communities.map { .string($0.description) }),
                    "rejected": .bool(entry.rejected),
                ])
            }),
        ])
        return CommandResult(text: lines.joined(separator: "\n"), json: json, wantsJSON: wantsJSON)
    }
}

private extension String {
    func replacingSpaces() -> String { split(separator: " ").joined(separator: "_") }
}
