import NetSimRouting
import NetSimWire

/// The LSAs this router originates (RFC 2328 §12.4) and keeping them current. Rather than
/// patching LSAs event by event, the instance recomputes the full set it should be advertising
/// and reconciles it with its database: new or changed contents are originated (no sooner than
/// MinLSInterval after the previous instance), unwanted ones are flushed by premature ageing.
extension OSPFInstance {
    struct WantedLSA {
        var area: IPv4Address
        var body: LSABody
    }

    func scoped(_ key: LSAKey, area: IPv4Address) -> ScopedLSAKey {
        ScopedLSAKey(area: key.type == .asExternal ? nil : area, key: key)
    }

    /// Area border router by FRR's default ("cisco", RFC 3509): more than one area with an
    /// interface up, and the backbone among the configured areas.
    public var isAreaBorderRouter: Bool {
        // One area (most routers) cannot make an ABR: no need to look at the interfaces.
        guard areaIDs.count > 1, areaIDs.contains(.zero) else { return false }
        let active = Set(interfaces.indices.filter { interface($0) { $0.isUp } }.map { interface($0) { $0.area } })
        return active.count > 1
    }

    func reconcileOriginations() {
        guard started else { return }
        let now = host.now
        let wanted = wantedLSAs()
        var retryAt: SimTime?
        for scopedKey in wanted.keys.sorted() {
            let want = wanted[scopedKey]!, key = scopedKey.key
            let current = entry(key, area: want.area)
            if let current, current.lsa.body == want.body, current.age(at: now) < LSAHeader.maxAge,
               !forcedOrigination.contains(scopedKey) {
                continue
            }
            if let last = lastOrigination[scopedKey], now - last < OSPFInstance.minLSInterval {
                let due = last + OSPFInstance.minLSInterval
                retryAt = retryAt.map { min($0, due) } ?? due
                continue
            }
            originate(key, want, replacing: current)
        }
        for (area, database) in allDatabases() {
            for key in database.sortedKeys where wanted[scoped(key, area: area)] == nil {
                let entry = database[key]!
                guard isSelfOriginated(entry.lsa), entry.age(at: now) < LSAHeader.maxAge else { continue }
                flush(key, area: area)
            }
        }
        if let retryAt, !isArmed(.originate) || retryAt < pendingOriginationAt ?? .never {
            pendingOriginationAt = retryAt
            arm(.originate, at: retryAt)
        }
    }

    private func allDatabases() -> [(IPv4Address, LinkStateDatabase)] {
        areaIDs.map { ($0, areaDatabases[$0]!) } + [(.zero, externalDatabase)]
    }

    private func originate(_ key: LSAKey, _ want: WantedLSA, replacing current: LinkStateDatabase.Entry?) {
        if let current, current.lsa.header.sequence == LSAHeader.maxSequence {
            // Sequence wrap (§12.1.6): flush the old instance; the next one starts over once it is gone.
            if current.age(at: host.now) < LSAHeader.maxAge { flush(key, area: want.area) }
            return
        }
        let sequence = current.map { $0.lsa.header.sequence + 1 } ?? LSAHeader.initialSequence
        let lsa = LSA.make(options: OSPFOptions.externalRouting, key: key, sequence: sequence, body: want.body)
        install(lsa, area: want.area)
        let scopedKey = scoped(key, area: want.area)
        lastOrigination[scopedKey] = host.now
        forcedOrigination.remove(scopedKey)
        arm(.refresh(scopedKey), after: OSPFInstance.lsRefreshTime)
        log("OSPF flooding \(describe(key, area: want.area)) seq \(hexSequence(sequence))")
        flood(lsa, area: want.area, receivedOn: nil, from: nil)
        lsaInstalled(key, area: want.area)
    }

    /// Premature ageing (§14.1): set the age to MaxAge and flood, so every router drops it.
    func flush(_ key: LSAKey, area: IPv4Address) {
        guard let entry = self.entry(key, area: area) else { return }
        var lsa = entry.lsa
        lsa.header.age = LSAHeader.maxAge
        install(lsa, area: area)
        cancel(.refresh(scoped(key, area: area)))
        log("OSPF flushing \(describe(key, area: area))")
        flood(lsa, area: area, receivedOn: nil, from: nil)
        lsaInstalled(key, area: area)
        removeFlushedLSAs()
    }

    /// §13.4: a newer instance of one of our own LSAs came back (from before a restart, or a
    /// router-ID change). Re-originate it past that sequence number, or flush it if unwanted.
    func receivedSelfOriginated(_ lsa: LSA, area: IPv4Address) {
        forcedOrigination.insert(scoped(lsa.key, area: area))
        reconcileOriginations()
    }

    /// "router-LSA 1.1.1.1 (area 0.0.0.0)", as the event log names an LSA.
    private func describe(_ key: LSAKey, area: IPv4Address) -> String {
        let scope = key.type == .asExternal ? "" : " (area \(area))"
        return "\(key.type)-LSA \(key.linkStateID)" + scope
    }

    private func hexSequence(_ sequence: Int32) -> String {
        "0x" + String(UInt32(bitPattern: sequence), radix: 16)
    }

    /// A database changed: routes must be recomputed.
    func lsaInstalled(_ key: LSAKey, area: IPv4Address) {
        host.ospfStateChanged()
        scheduleSPF()
    }

    func lsaRemoved(_ key: LSAKey, area: IPv4Address) {
        host.ospfStateChanged()
        scheduleSPF()
        if key.advertisingRouter == routerID { reconcileOriginations() }
    }

    // MARK: What to originate

    func wantedLSAs() -> [ScopedLSAKey: WantedLSA] {
        var wanted: [ScopedLSAKey: WantedLSA] = [:]
        let abr = isAreaBorderRouter
        for area in areaIDs {
            let key = LSAKey(type: .router, linkStateID: routerID, advertisingRouter: routerID)
            wanted[scoped(key, area: area)] = WantedLSA(area: area, body: .router(routerLSA(area: area, isABR: abr)))
        }
        for interface in interfaces where interface.state == .designatedRouter {
            let full = interface.neighbors.filter { $0.state == .full }.map(\.routerID)
            guard !full.isEmpty else { continue }
            let key = LSAKey(type: .network, linkStateID: interface.address.address, advertisingRouter: routerID)
            let body = NetworkLSABody(networkMask: interface.address.prefix.netmask, attachedRouters: [routerID] + full.sorted())
            wanted[scoped(key, area: interface.area)] = WantedLSA(area: interface.area, body: .network(body))
        }
        if abr { addSummaries(to: &wanted) }
        addExternals(to: &wanted)
        return wanted
    }

    private func routerLSA(area: IPv4Address, isABR: Bool) -> RouterLSABody {
        var links: [RouterLink] = []
        for interface in interfaces where interface.area == area && interface.isUp {
            let cost = interface.configuration.cost
            let own = interface.address.address
            if interface.state == .loopback {
                // §12.4.1.1: a loopback is a host route to the interface address, cost 0.
                links.append(RouterLink(kind: .stub, linkID: own, linkData: .broadcast, metric: 0))
                continue
            }
            let stub = RouterLink(kind: .stub, linkID: interface.address.prefix.network,
                                  linkData: interface.address.prefix.netmask, metric: cost)
            if interface.isPointToPoint {
                for neighbor in interface.neighbors where neighbor.state == .full {
                    links.append(RouterLink(kind: .pointToPoint, linkID: neighbor.routerID, linkData: own, metric: cost))
                }
                links.append(stub)
                continue
            }
            let dr = interface.designatedRouter
            let fullyAdjacentToDR = interface.neighbor(dr)?.state == .full
            let drWithAdjacency = interface.state == .designatedRouter
                && interface.neighbors.contains { $0.state == .full }
            if interface.state != .waiting && dr != .zero && (drWithAdjacency || fullyAdjacentToDR) {
                links.append(RouterLink(kind: .transit, linkID: dr, linkData: own, metric: cost))
            } else {
                links.append(stub)
            }
        }
        return RouterLSABody(isASBoundaryRouter: configuration.isASBoundaryRouter, isAreaBorderRouter: isABR,
                             links: links)
    }

    /// §12.4.3: type-3 summaries of intra-area routes into the other areas (and of inter-area
    /// routes into non-backbone areas), type-4 summaries for AS boundary routers.
    private func addSummaries(to wanted: inout [ScopedLSAKey: WantedLSA]) {
        for area in areaIDs {
            for (prefix, path) in routingTable.networks.sorted(by: { $0.key < $1.key }) {
                guard path.type == .intraArea || path.type == .interArea, let routeArea = path.area,
                      path.cost < ospfLSInfinity else { continue }
                if path.type == .intraArea && routeArea == area { continue }
                if path.type == .interArea && (area == .zero || routeArea == area) { continue }
                let key = LSAKey(type: .summaryNetwork, linkStateID: prefix.network, advertisingRouter: routerID)
                wanted[scoped(key, area: area)] = WantedLSA(area: area, body: .summary(SummaryLSABody(networkMask: prefix.netmask,
                                                                                  metric: path.cost)))
            }
            for (router, path) in routingTable.boundaryRouters.sorted(by: { $0.key < $1.key }) {
                guard let routeArea = path.area, path.cost < ospfLSInfinity else { continue }
                if path.type == .intraArea && routeArea == area { continue }
                if path.type == .interArea && (area == .zero || routeArea == area) { continue }
                let key = LSAKey(type: .summaryASBR, linkStateID: router, advertisingRouter: routerID)
                wanted[scoped(key, area: area)] = WantedLSA(area: area, body: .summary(SummaryLSABody(networkMask: .zero,
                                                                                                    metric: path.cost)))
            }
        }
    }

    /// §12.4.4: one AS-external-LSA per redistributed route, with FRR's choices: never the
    /// default route; no connected subnet that lies inside an OSPF interface's subnet (OSPF
    /// announces it already); and a route whose gateway sits on an operative OSPF interface's
    /// subnet carries that gateway as its forwarding address, so routers go straight to it.
    private func addExternals(to wanted: inout [ScopedLSAKey: WantedLSA]) {
        for redistribution in configuration.redistribute {
            for route in host.ospfSelectedRoutes(of: redistribution.routeSource) where route.prefix.length > 0 {
                if redistribution.source == .connected,
                   interfaces.contains(where: { $0.address.prefix.contains(route.prefix) }) { continue }
                let key = LSAKey(type: .asExternal, linkStateID: route.prefix.network, advertisingRouter: routerID)
                let scopedKey = scoped(key, area: .zero)
                guard wanted[scopedKey] == nil else { continue }
                var forwarding = IPv4Address.zero
                if let gateway = route.nextHops.lazy.compactMap(\.address).first,
                   interfaces.contains(where: { $0.isUp && $0.address.prefix.contains(gateway) }) {
                    forwarding = gateway
                }
                let body = ExternalLSABody(networkMask: route.prefix.netmask, isType2: redistribution.isType2,
                                           metric: min(redistribution.metric, ospfLSInfinity - 1),
                                           forwardingAddress: forwarding)
                wanted[scopedKey] = WantedLSA(area: .zero, body: .external(body))
            }
        }
    }
}
