import NetSimRouting
import NetSimWire

/// The LSPs this router originates (ISO 10589 §7.3.7-7.3.10, RFC 1195 §5, RFC 5305): its own
/// LSP of each level, in as many fragments as its TLVs need, and a pseudonode LSP for each LAN
/// level where it is the DIS. Contents are recomputed on every change; an LSP whose contents
/// changed (or whose refresh is due) is issued with the next sequence number, no sooner than
/// `lspGenerationInterval` after the previous generation. LSPs no longer wanted are purged.
extension ISISInstance {
    /// The most bytes one LSP may take (the size FRR and IOS use, within a 1500-byte MTU).
    public static let maximumLSPSize = 1492

    /// ISO 10589 originatingLSPBufferSize: 1492 bytes, less where a circuit's MTU (less the LLC
    /// header) is smaller, so every LSP fits every link it is flooded over.
    var lspBufferSize: Int {
        circuits.filter { !$0.configuration.passive }.map { $0.mtu - EthernetPayload.osiLLCHeader.count }
            .reduce(Self.maximumLSPSize, min)
    }

    /// Asks for the LSPs to be re-issued, within the generation interval, when what this router
    /// wants to announce differs from what it announces.
    func requestOrigination() {
        guard started, !isArmed(.originate), originationDue() else { return }
        let now = host.now
        let earliest = lastGeneration.map { $0 + configuration.timers.lspGenerationInterval } ?? now
        arm(.originate, at: max(now, earliest))
    }

    /// Issues every LSP whose contents changed, re-issues refreshed ones, purges unwanted ones.
    func reconcileOriginations() {
        guard started else { return }
        let now = host.now
        var generated = false
        for level in levels {
            let wanted = desiredLSPs(level)
            let wantedIDs = Set(wanted.map(\.id))
            for lsp in wanted {
                let stored = databases[level]?[lsp.id]
                if isAnnounced(lsp, level: level) && !refreshDue && forcedReissue[level]?.contains(lsp.id) != true {
                    continue
                }
                let sequence = max(ownSequence[level]?[lsp.id] ?? 0, stored?.lsp.sequenceNumber ?? 0) &+ 1
                ownSequence[level, default: [:]][lsp.id] = sequence
                let issued = ISISLSP.make(
                    level: level, remainingLifetime: UInt16(clamping: configuration.timers.lspLifetime.wholeSeconds),
                    lspID: lsp.id, sequenceNumber: sequence, attached: lsp.attached, overload: lsp.overload,
                    isType: lsp.isType, tlvs: lsp.tlvs)
                databases[level]!.install(issued, at: now, zeroAgeLifetime: configuration.timers.zeroAgeLifetime)
                flood(lsp.id, level: level)
                log("IS-IS flooding \(level) LSP \(lsp.id) seq \(Self.hex(sequence))")
                generated = true
            }
            for id in (originating[level] ?? []).subtracting(wantedIDs).sorted() {
                guard let entry = databases[level]?[id], !entry.isPurged else { continue }
                databases[level]!.purge(id, at: now, zeroAgeLifetime: configuration.timers.zeroAgeLifetime)
                flood(id, level: level)
                log("IS-IS purging \(level) LSP \(id)")
                generated = true
            }
            originating[level] = wantedIDs
        }
        refreshDue = false
        forcedReissue = [:]
        if generated {
            lastGeneration = now
            armExpiry()
            scheduleSPF()
            host.isisStateChanged()
        }
    }

    /// True when the database holds this LSP, live, with these contents.
    private func isAnnounced(_ lsp: WantedLSP, level: ISISLevel) -> Bool {
        guard let entry = databases[level]?[lsp.id], !entry.isPurged else { return false }
        return entry.lsp.tlvs == lsp.tlvs && entry.lsp.attached == lsp.attached && entry.lsp.overload == lsp.overload
            && entry.lsp.isType == lsp.isType
    }

    /// Whether some LSP must be issued or purged: contents changed, or an LSP no longer wanted.
    private func originationDue() -> Bool {
        levels.contains { level in
            let wanted = desiredLSPs(level)
            let wantedIDs = Set(wanted.map(\.id))
            return wanted.contains { !isAnnounced($0, level: level) }
                || (originating[level] ?? []).contains { id in
                    !wantedIDs.contains(id) && databases[level]?[id].map { !$0.isPurged } == true
                }
        }
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// An LSP as this router wants it, before sequence number and checksum.
    struct WantedLSP {
        var id: ISISLSPID
        var attached: Bool
        var overload: Bool
        var isType: ISISLevels
        var tlvs: [ISISTLV]
    }

    /// The IS type field: level 1 for level-1-only routers, 3 for every level-2-capable one.
    var isType: ISISLevels { configuration.level == .level1 ? .level1 : .level1And2 }

    func desiredLSPs(_ level: ISISLevel) -> [WantedLSP] {
        let node = ISISNodeID(systemID: systemID)
        var header: [ISISTLV] = [.areaAddresses(configuration.areas), .protocolsSupported([ISISTLV.nlpidIPv4]),
                                 .hostname(configuration.hostname)]
        let addresses = circuits.filter { $0.isUp && $0.levels.contains(level) }.map(\.address.address)
        header += ISISTLV.packed(addresses, size: { _ in 4 }) { .ipInterfaceAddresses($0) }
        let body = neighborTLVs(isNeighbors(level)) + prefixTLVs(advertisedPrefixes(level))
        let attached = level == .level1 && configuration.level == .level1And2 && reachesOtherAreas
        var result = fragments(header + body).enumerated().map { number, tlvs in
            WantedLSP(id: ISISLSPID(node: node, fragment: UInt8(number)), attached: attached,
                      overload: configuration.overload, isType: isType, tlvs: tlvs)
        }
        for position in circuits.indices where circuits[position].isBroadcast && circuits[position].sendsHellos
            && circuits[position].isDesignated(level, systemID: systemID) {
            let members = circuits[position].upAdjacencies(level).map { ISISNodeID(systemID: $0.systemID) } + [node]
            let pseudonode = ownLANID(position)
            let neighbors = Set(members).sorted().map { (neighbor: $0, metric: UInt32(0)) }
            for (number, tlvs) in fragments(neighborTLVs(neighbors)).enumerated() {
                result.append(WantedLSP(id: ISISLSPID(node: pseudonode, fragment: UInt8(number)), attached: false,
                                        overload: false, isType: isType, tlvs: tlvs))
            }
        }
        return result
    }

    /// The IS neighbors of this router at a level: point-to-point neighbors and LAN pseudonodes.
    private func isNeighbors(_ level: ISISLevel) -> [(neighbor: ISISNodeID, metric: UInt32)] {
        var result: [(neighbor: ISISNodeID, metric: UInt32)] = []
        for circuit in circuits where circuit.sendsHellos && circuit.levels.contains(level) {
            let metric = circuit.configuration.metric
            let up = circuit.upAdjacencies(level)
            if circuit.isPointToPoint {
                result += up.map { (ISISNodeID(systemID: $0.systemID), metric) }
            } else if let lanID = circuit.designatedIS[level] {
                let designated = lanID.systemID == systemID
                if designated ? !up.isEmpty : up.contains(where: { $0.systemID == lanID.systemID }) {
                    result.append((lanID, metric))
                }
            }
        }
        return result.sorted { ($0.neighbor, $0.metric) < ($1.neighbor, $1.metric) }
    }

    /// One announced prefix with its metric and up/down bit.
    struct AnnouncedPrefix: Equatable {
        var prefix: IPv4Prefix
        var metric: UInt32
        var down: Bool
    }

    /// The prefixes this router announces at a level: its circuits' subnets; at level 2 on an
    /// L1L2 router also its level-1 routes (RFC 1195 §3.2, RFC 5302 §3.2: not those that came
    /// down from level 2); at level 1, with leaking on, its level-2 routes with the down bit set.
    func advertisedPrefixes(_ level: ISISLevel) -> [AnnouncedPrefix] {
        var best: [IPv4Prefix: AnnouncedPrefix] = [:]
        func offer(_ candidate: AnnouncedPrefix) {
            if let current = best[candidate.prefix], current.metric <= candidate.metric { return }
            best[candidate.prefix] = candidate
        }
        // Every circuit's prefix goes into the LSPs of every level the router runs, whatever the
        // circuit's own levels (RFC 1195 does not tie them; FRR's lsp_build does the same).
        for circuit in circuits where circuit.isUp {
            offer(AnnouncedPrefix(prefix: circuit.address.prefix, metric: circuit.configuration.metric, down: false))
        }
        let own = Set(best.keys)
        if configuration.level == .level1And2 {
            if level == .level2 {
                for (prefix, route) in levelRoutes[.level1] ?? [:] where !route.down && !own.contains(prefix)
                    && prefix != .defaultRoute {
                    offer(AnnouncedPrefix(prefix: prefix, metric: route.metric, down: false))
                }
            } else if configuration.leakL2IntoL1 {
                // Not over an intra-area route; another router's leak of the same prefix does not
                // stop ours (two L1L2 routers would otherwise take turns withdrawing it).
                let level1 = levelRoutes[.level1] ?? [:]
                for (prefix, route) in levelRoutes[.level2] ?? [:]
                where level1[prefix].map(\.down) != false && !own.contains(prefix) {
                    offer(AnnouncedPrefix(prefix: prefix, metric: route.metric, down: true))
                }
            }
        }
        return best.values.sorted { $0.prefix < $1.prefix }
    }

    private func neighborTLVs(_ neighbors: [(neighbor: ISISNodeID, metric: UInt32)]) -> [ISISTLV] {
        switch configuration.metricStyle {
        case .wide:
            let entries = neighbors.map {
                ISISExtendedISReach(neighbor: $0.neighbor, metric: min($0.metric, ISISExtendedISReach.maximumMetric))
            }
            return ISISTLV.packed(entries, size: { _ in 11 }) { .extendedISReachability($0) }
        case .narrow:
            let entries = neighbors.map {
                ISISNarrowISReach(neighbor: $0.neighbor, metric: UInt8(min($0.metric, 63)))
            }
            return ISISTLV.packed(entries, overhead: 1, size: { _ in 11 }) { .isReachability($0) }
        }
    }

    private func prefixTLVs(_ prefixes: [AnnouncedPrefix]) -> [ISISTLV] {
        switch configuration.metricStyle {
        case .wide:
            let entries = prefixes.map {
                ISISExtendedPrefix(prefix: $0.prefix, metric: min($0.metric, ISISExtendedPrefix.maximumMetric),
                                   down: $0.down)
            }
            return ISISTLV.packed(entries, size: \.wireLength) { .extendedIPReachability($0) }
        case .narrow:
            let entries = prefixes.map {
                ISISNarrowPrefix(prefix: $0.prefix, metric: UInt8(min($0.metric, 63)), down: $0.down)
            }
            return ISISTLV.packed(entries, size: { _ in 12 }) { .ipInternalReachability($0) }
        }
    }

    /// TLVs spread over fragments of at most `lspBufferSize` bytes, in order (at least one).
    private func fragments(_ tlvs: [ISISTLV]) -> [[ISISTLV]] {
        let headerLength = 27, limit = lspBufferSize
        var result: [[ISISTLV]] = [[]]
        var size = headerLength
        for tlv in tlvs {
            if size + tlv.wireLength > limit && !result[result.count - 1].isEmpty {
                guard result.count < 256 else { break }
                result.append([])
                size = headerLength
            }
            result[result.count - 1].append(tlv)
            size += tlv.wireLength
        }
        return result
    }
}
