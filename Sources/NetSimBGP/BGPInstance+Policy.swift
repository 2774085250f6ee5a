import NetSimWire

/// The call site of routing policy: a neighbor's `import` route-map runs between the Adj-RIB-In
/// and the Loc-RIB, its `export` route-map between the Loc-RIB and the Adj-RIB-Out, both
/// evaluated by the configuration's `BGPPolicySet` (a name it does not define denies everything,
/// as in FRR). A neighbor without a route-map passes everything unchanged.
extension BGPInstance {
    /// The attributes and weight a received route enters the Loc-RIB with, or nil when denied.
    func applyImportPolicy(_ peer: BGPPeer, _ prefix: IPv4Prefix,
                           _ attributes: BGPPathAttributes) -> (BGPPathAttributes, UInt16)? {
        guard let name = peer.configuration.importPolicy else { return (attributes, peer.configuration.weight) }
        let context = BGPPolicyContext(direction: .import, peerAddress: peer.address,
                                       localAddress: peer.establishedConnection?.localAddress ?? .zero)
        let result = configuration.policies.evaluate(routeMap: name, prefix: prefix, attributes: attributes,
                                                     weight: UInt32(peer.configuration.weight), context: context)
        guard let route = result.route else { return nil }
        return (route.attributes, UInt16(clamping: route.weight))
    }

    /// The route a prefix is advertised with after the neighbor's export route-map, or nil when
    /// denied. `localAddress` is the session's own address (what `next_hop: self` means).
    func applyExportPolicy(_ peer: BGPPeer, _ prefix: IPv4Prefix, _ attributes: BGPPathAttributes,
                           localAddress: IPv4Address) -> BGPPolicyRoute? {
        guard let name = peer.configuration.exportPolicy else { return BGPPolicyRoute(attributes: attributes, weight: 0) }
        let context = BGPPolicyContext(direction: .export, peerAddress: peer.address, localAddress: localAddress)
        return configuration.policies.evaluate(routeMap: name, prefix: prefix, attributes: attributes, weight: 0,
                                               context: context).route
    }
}
