import NetSimRouting
import NetSimWire

/// Route calculation (RFC 2328 §16) and its scheduling with FRR's SPF throttle: the first run
/// after `spfDelay`, later ones no closer together than a hold time that doubles while changes
/// keep coming (up to `spfMaximumHold`) and resets once things calm down.
extension OSPFInstance {
    func scheduleSPF() {
        guard !isArmed(.spf) else { return }
        let now = host.now
        var delay = OSPFInstance.spfDelay
        if let last = lastSPFAt {
            let elapsed = now - last
            let hold = SimTime(nanoseconds: min(OSPFInstance.spfInitialHold.nanoseconds * spfHoldMultiplier,
                                                OSPFInstance.spfMaximumHold.nanoseconds))
            if elapsed < hold {
                if hold < OSPFInstance.spfMaximumHold { spfHoldMultiplier += 1 }
                delay = max(OSPFInstance.spfDelay, hold - elapsed)
            } else {
                spfHoldMultiplier = 1
            }
        }
        arm(.spf, after: delay)
    }

    func runSPF() {
        let now = host.now
        lastSPFAt = now
        spfRuns += 1
        var inputs: [OSPFRoutingTable.AreaInput] = []
        for area in areaIDs {
            let local = interfaces.filter { $0.area == area && $0.isUp }.map { interface in
                ShortestPathTree.LocalInterface(
                    index: interface.index, address: interface.address,
                    neighborAddresses: Dictionary(interface.neighbors.filter { $0.state == .full }
                        .map { ($0.routerID, $0.address) }, uniquingKeysWith: { first, _ in first }))
            }
            let database = areaDatabases[area]!
            inputs.append(.init(id: area, database: database,
                                tree: ShortestPathTree(database: database, root: routerID, interfaces: local, now: now)))
        }
        let table = OSPFRoutingTable(areas: inputs, externals: externalDatabase, routerID: routerID,
                                     isABR: isAreaBorderRouter, now: now)
        let changed = table != routingTable
        // An unchanged table gives the same routes: nothing to install. Otherwise the RIB gets
        // the routes of the prefixes whose paths changed, new and previous, and leaves the rest
        // alone. (The previous routes are rebuilt rather than kept: a copy per router would
        // double the memory routes take.)
        if changed {
            let prefixes = table.changedPrefixes(since: routingTable)
            host.ospfInstallRoutes(table.routes(for: prefixes), replacing: routingTable.routes(for: prefixes))
        }
        routingTable = table
        log("OSPF SPF run \(spfRuns): \(table.networks.count) routes" + (changed ? ", changed" : ", unchanged"))
        if changed { host.ospfStateChanged() }
        if isAreaBorderRouter { reconcileOriginations() }
    }
}
