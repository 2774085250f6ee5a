import NetSimWire

/// The call site of routing policy: import between Adj-RIB-In and Loc-RIB, export between
/// Loc-RIB and Adj-RIB-Out. Route-map evaluation is not part of the speaker yet: a neighbor with
/// an `import` or `export` route-map name has it reported once in the log and its routes pass
/// unchanged (the neighbor's weight applies). This is the one place the evaluator plugs in.
extension BGPInstance {
    /// The attributes and weight a received route enters the Loc-RIB with, or nil when denied.
    func applyImportPolicy(_ peer: BGPPeer, _ prefix: IPv4Prefix,
                           _ attributes: BGPPathAttributes) -> (BGPPathAttributes, UInt16)? {
        if let name = peer.configuration.importPolicy { reportPolicyUnavailable(name, peer: peer) }
        return (attributes, peer.configuration.weight)
    }

    /// The attributes a route is advertised with, or nil when denied. `localAddress` is the
    /// session's own address (what `next_hop: self` means).
    func applyExportPolicy(_ peer: BGPPeer, _ prefix: IPv4Prefix, _ attributes: BGPPathAttributes,
                           localAddress: IPv4Address) -> BGPPathAttributes? {
        if let name = peer.configuration.exportPolicy { reportPolicyUnavailable(name, peer: peer) }
        return attributes
    }

    private func reportPolicyUnavailable(_ name: String, peer: BGPPeer) {
        guard unreportedPolicies.remove("\(peer.address) \(name)") != nil else { return }
        log("BGP: route-map \(name) on neighbor \(peer.address) is not applied: route-map evaluation is not available")
    }
}
