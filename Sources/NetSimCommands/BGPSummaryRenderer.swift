import NetSimBGP
import NetSimRouting

/// `show bgp summary`: the speaker's identity and one row per neighbor — version, AS, messages
/// received and sent, time in the current state, and the state or (when Established) the
/// prefixes accepted from it, as FRR prints them. Columns FRR fills from queues netsim does not
/// have (TblVer, InQ, OutQ) are left out rather than shown as zeros.
/// JSON: `{router_id, local_as, table_version, peers: [{peer, remote_as, state, admin_shutdown,
/// messages_received, messages_sent, up_down_ms, prefixes_received, prefixes_accepted,
/// prefixes_sent, description}]}`.
enum BGPSummaryRenderer {
    static func render(_ instance: BGPInstance, now: SimTime, wantsJSON: Bool) -> CommandResult {
        let peers = instance.peerViews
        var table = TextTable(["Neighbor", "V", "AS", "MsgRcvd", "MsgSent", "Up/Down", "State/PfxRcd", "PfxSnt", "Desc"])
        var rows: [JSONValue] = []
        for peer in peers {
            let received = peer.messagesReceived.values.reduce(0, +), sent = peer.messagesSent.values.reduce(0, +)
            let since = peer.state == .established ? peer.establishedAt : peer.lastResetAt
            let upDown = since.map { now - $0 }
            table.add([peer.address.description, "4", String(peer.remoteAS), String(received), String(sent),
                       upDown.map(BGPFormat.uptime) ?? "never", stateColumn(peer), String(peer.prefixesAdvertised),
                       peer.description ?? "N/A"])
            rows.append(.object([
                "peer": .string(peer.address.description),
                "remote_as": .integer(peer.remoteAS),
                "state": .string(peer.state.description),
                "admin_shutdown": .bool(peer.adminShutdown),
                "messages_received": .integer(received),
                "messages_sent": .integer(sent),
                "up_down_ms": upDown.map { .double($0.milliseconds) } ?? .null,
                "prefixes_received": .integer(peer.prefixesReceived),
                "prefixes_accepted": .integer(peer.prefixesAccepted),
                "prefixes_sent": .integer(peer.prefixesAdvertised),
                "description": .optional(peer.description),
            ]))
        }
        let lines = [
            "BGP router identifier \(instance.routerID), local AS number \(instance.localAS)",
            "BGP table version \(instance.tableVersion)",
            "",
            table.text,
            "",
            "Total number of neighbors \(peers.count)",
        ]
        let json = JSONValue.object([
            "router_id": .string(instance.routerID.description),
            "local_as": .integer(instance.localAS),
            "table_version": .integer(instance.tableVersion),
            "peers": .array(rows),
        ])
        return CommandResult(text: lines.joined(separator: "\n"), json: json, wantsJSON: wantsJSON)
    }

    /// The accepted prefix count of an Established session, else the state (`Idle (Admin)` when
    /// shut down).
    static func stateColumn(_ peer: BGPInstance.PeerView) -> String {
        if peer.adminShutdown { return "Idle (Admin)" }
        return peer.state == .established ? String(peer.prefixesAccepted) : peer.state.description
    }
}
