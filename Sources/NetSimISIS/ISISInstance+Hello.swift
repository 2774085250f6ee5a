import NetSimRouting
import NetSimWire

/// Hellos and adjacencies (ISO 10589 §8.2, §8.4; RFC 5303).
///
/// Point-to-point adjacency (RFC 5303 three-way handshake), by the state the neighbor reports
/// about us in TLV 240:
///
///     (none) --Hello reporting Down--> Initializing --Hello reporting Initializing or Up--> Up
///     Up --Hello reporting Down--> Initializing;  any --holding time expires--> (removed)
///
/// LAN adjacency, per level:
///
///     (none) --LAN Hello--> Initializing --Hello listing our MAC in TLV 6--> Up
///     Up --Hello no longer listing us--> Initializing;  any --holding time expires--> (removed)
///
/// Level-1 adjacencies need an area address in common. The DIS of a LAN level is the Up
/// neighbor or this router with the highest priority, then the highest MAC address; only a
/// router with at least one Up adjacency takes part.
extension ISISInstance {
    func circuitUp(_ position: Int) {
        circuits[position].isUp = true
        if circuits[position].sendsHellos {
            if circuits[position].isPointToPoint {
                sendHello(position, level: nil)
            } else {
                for level in circuits[position].levels.levels { sendHello(position, level: level) }
            }
        }
        requestOrigination()
        host.isisStateChanged()
    }

    func circuitDown(_ position: Int) {
        let circuit = circuits[position]
        for (level, adjacency) in circuit.allAdjacencies where adjacency.state == .up {
            logAdjacency(adjacency, level: level, position: position, state: "Down", reason: "interface down")
        }
        circuits[position].isUp = false
        circuits[position].pointToPointAdjacency = nil
        circuits[position].lanAdjacencies = [:]
        circuits[position].designatedIS = [:]
        circuits[position].sendRouting = [:]
        circuits[position].sendSequenceNumbers = [:]
        let index = circuit.index
        cancel(.hello(interface: index, level: nil))
        cancel(.holding(interface: index))
        cancel(.flood(interface: index))
        floodArmedAt[index] = nil
        for level in ISISLevel.allCases {
            cancel(.hello(interface: index, level: level))
            cancel(.csnp(interface: index, level: level))
            cancel(.psnp(interface: index, level: level))
        }
        requestOrigination()
        scheduleSPF()
        host.isisStateChanged()
    }

    // MARK: Sending Hellos

    /// Sends a Hello (of a level on a LAN, nil for point-to-point) and arms the next one.
    func sendHello(_ position: Int, level: ISISLevel?) {
        let circuit = circuits[position]
        let settings = circuit.configuration
        var interval = SimTime.seconds(Int64(settings.helloInterval))
        var holding = settings.holdTime
        var tlvs: [ISISTLV] = [.areaAddresses(configuration.areas), .protocolsSupported([ISISTLV.nlpidIPv4])]
        let pdu: ISISPDU
        if let level {
            // ISO 10589 §8.4.1: the DIS sends Hellos three times as often, with a third of the holding time.
            if circuit.isDesignated(level, systemID: systemID) {
                interval = .milliseconds(Int64(settings.helloInterval) * 1000 / 3)
                holding = max(1, holding / 3)
            }
            let neighbors = (circuit.lanAdjacencies[level] ?? [:]).keys.sorted()
            tlvs += ISISTLV.packed(neighbors, size: { _ in 6 }) { .isNeighbors($0) }
            tlvs.append(.ipInterfaceAddresses([circuit.address.address]))
            let hello = ISISLANHello(level: level, circuitType: circuit.levels, sourceID: systemID, holdingTime: holding,
                                     priority: min(settings.priority, ISISLANHello.maximumPriority),
                                     lanID: circuit.designatedIS[level] ?? ownLANID(position), tlvs: tlvs)
            pdu = .lanHello(hello)
        } else {
            tlvs.append(.ipInterfaceAddresses([circuit.address.address]))
            tlvs.append(.threeWayAdjacency(threeWayState(position)))
            pdu = .pointToPointHello(ISISPointToPointHello(circuitType: circuit.levels, sourceID: systemID,
                                                           holdingTime: holding, localCircuitID: circuit.circuitID,
                                                           tlvs: tlvs))
        }
        send(padded(pdu, to: maximumPDUSize(position)), circuit: position)
        hellosSent += 1
        arm(.hello(interface: circuit.index, level: level), after: interval)
    }

    /// Hellos are padded to the largest PDU the circuit carries (ISO 10589 §8.2.3, §8.4.1), which
    /// proves the link passes full-size LSPs.
    private func padded(_ pdu: ISISPDU, to size: Int) -> ISISPDU {
        let padding = ISISTLV.padding(totalBytes: size - pdu.wireLength)
        switch pdu {
        case .lanHello(var hello):
            hello.tlvs += padding
            return .lanHello(hello)
        case .pointToPointHello(var hello):
            hello.tlvs += padding
            return .pointToPointHello(hello)
        default:
            return pdu
        }
    }

    /// Our TLV 240 on a point-to-point circuit: our state and, once heard, the neighbor.
    private func threeWayState(_ position: Int) -> ISISThreeWayAdjacency {
        let circuit = circuits[position]
        let local = UInt32(circuit.index + 1)
        guard let adjacency = circuit.pointToPointAdjacency else {
            return ISISThreeWayAdjacency(state: .down, extendedLocalCircuitID: local)
        }
        return ISISThreeWayAdjacency(
            state: adjacency.state == .up ? .up : .initializing, extendedLocalCircuitID: local,
            neighbor: .init(systemID: adjacency.systemID, extendedCircuitID: adjacency.extendedCircuitID ?? 0))
    }

    /// The LAN ID this router would use as DIS: its system ID and the circuit's ID.
    func ownLANID(_ position: Int) -> ISISNodeID {
        ISISNodeID(systemID: systemID, pseudonode: circuits[position].circuitID)
    }

    /// Sends the next Hello soon instead of a whole interval later (an adjacency changed).
    private func triggerHello(_ position: Int, level: ISISLevel?) {
        guard circuits[position].sendsHellos else { return }
        arm(.hello(interface: circuits[position].index, level: level), after: configuration.timers.triggeredHelloDelay)
    }

    // MARK: Receiving Hellos

    func receivePointToPointHello(_ hello: ISISPointToPointHello, from source: MACAddress, circuit position: Int) {
        guard circuits[position].isPointToPoint, hello.sourceID != systemID else { return }
        let circuit = circuits[position]
        let areas = hello.tlvs.flatMap { tlv -> [ISISAreaAddress] in
            if case .areaAddresses(let areas) = tlv { return areas }
            return []
        }
        var threeWay: ISISThreeWayAdjacency?
        for case .threeWayAdjacency(let value) in hello.tlvs { threeWay = value }
        // RFC 5303 §3.2: a Hello about another system is not for us.
        if let neighbor = threeWay?.neighbor, neighbor.systemID != systemID { return }
        let previous = circuit.pointToPointAdjacency
        if let previous, previous.systemID != hello.sourceID {
            dropPointToPointAdjacency(position, reason: "neighbor changed")
        }
        guard let usage = usableLevels(circuit.levels, theirs: hello.circuitType, areas: areas) else {
            if circuits[position].pointToPointAdjacency != nil {
                dropPointToPointAdjacency(position, reason: "no level in common")
            }
            return
        }
        let current = circuits[position].pointToPointAdjacency?.state
        let next: ISISAdjacency.State?
        switch threeWay?.state {
        case .down?: next = .initializing
        case .initializing?: next = .up
        case .up?: next = current == nil ? nil : .up
        case nil: next = .up  // a neighbor without RFC 5303 support: the ISO two-way adjacency
        }
        guard let next else {
            triggerHello(position, level: nil)
            return
        }
        let now = host.now
        let adjacency = ISISAdjacency(
            systemID: hello.sourceID, mac: source, state: next, levels: usage, circuitType: hello.circuitType,
            areas: areas, addresses: interfaceAddresses(in: hello.tlvs), holdingTime: hello.holdingTime,
            expiresAt: now + .seconds(Int64(hello.holdingTime)), priority: 0, lanID: nil,
            extendedCircuitID: threeWay?.extendedLocalCircuitID,
            upSince: next == .up ? (circuits[position].pointToPointAdjacency?.upSince ?? now) : nil)
        let levelsChanged = circuits[position].pointToPointAdjacency?.levels != usage
        circuits[position].pointToPointAdjacency = adjacency
        armHolding(position)
        guard current != next || levelsChanged else { return }
        if current == nil { host.isisStateChanged() }
        triggerHello(position, level: nil)
        if next == .up || current == .up {
            logAdjacency(adjacency, level: nil, position: position, state: next == .up ? "Up" : "Down",
                         reason: next == .up ? nil : "neighbor restarted")
            adjacencyChanged(position)
        }
        if next == .up && current != .up {
            // ISO 10589 §7.3.17 (with RFC 5303): a CSNP of each level starts the database exchange.
            for level in usage.levels { sendCompleteSequenceNumbers(position, level: level) }
        }
    }

    func receiveLANHello(_ hello: ISISLANHello, from source: MACAddress, circuit position: Int) {
        let level = hello.level
        guard circuits[position].isBroadcast, circuits[position].levels.contains(level), hello.sourceID != systemID
        else { return }
        let areas = hello.tlvs.flatMap { tlv -> [ISISAreaAddress] in
            if case .areaAddresses(let areas) = tlv { return areas }
            return []
        }
        if level == .level1 && Set(areas).isDisjoint(with: configuration.areas) {
            if circuits[position].lanAdjacencies[level]?[source] != nil {
                removeLANAdjacency(position, level: level, mac: source, reason: "area mismatch")
            }
            return
        }
        let listsUs = hello.tlvs.contains { tlv in
            if case .isNeighbors(let macs) = tlv { return macs.contains(circuits[position].mac) }
            return false
        }
        let now = host.now
        let previous = circuits[position].lanAdjacencies[level]?[source]
        let state: ISISAdjacency.State = listsUs ? .up : .initializing
        let adjacency = ISISAdjacency(
            systemID: hello.sourceID, mac: source, state: state, levels: level == .level1 ? .level1 : .level2,
            circuitType: hello.circuitType, areas: areas, addresses: interfaceAddresses(in: hello.tlvs),
            holdingTime: hello.holdingTime, expiresAt: now + .seconds(Int64(hello.holdingTime)),
            priority: hello.priority, lanID: hello.lanID, extendedCircuitID: nil,
            upSince: state == .up ? (previous?.upSince ?? now) : nil)
        circuits[position].lanAdjacencies[level, default: [:]][source] = adjacency
        armHolding(position)
        if previous == nil {
            // A new neighbor: answer soon, listing it, so that it can come Up.
            triggerHello(position, level: level)
            host.isisStateChanged()
        }
        if previous?.state != state {
            if state == .up || previous?.state == .up {
                logAdjacency(adjacency, level: level, position: position, state: state == .up ? "Up" : "Down",
                             reason: state == .up ? nil : "neighbor no longer lists us")
            }
            adjacencyChanged(position)
        } else if previous?.priority != hello.priority || previous?.lanID != hello.lanID {
            electDesignatedIS(position, level: level)
        }
    }

    /// The levels a point-to-point adjacency serves: both ends' circuit types, level 1 only with
    /// an area in common (ISO 10589 §8.2.5.2); nil when nothing is left.
    private func usableLevels(_ ours: ISISLevels, theirs: ISISLevels, areas: [ISISAreaAddress]) -> ISISLevels? {
        guard var shared = ours.intersection(theirs) else { return nil }
        if shared.contains(.level1) && Set(areas).isDisjoint(with: configuration.areas) {
            guard let remaining = shared.intersection(.level2) else { return nil }
            shared = remaining
        }
        return shared
    }

    private func interfaceAddresses(in tlvs: [ISISTLV]) -> [IPv4Address] {
        tlvs.flatMap { tlv -> [IPv4Address] in
            if case .ipInterfaceAddresses(let addresses) = tlv { return addresses }
            return []
        }
    }

    // MARK: Adjacency changes

    /// An adjacency came up or went down: DIS, LSPs and routes follow.
    private func adjacencyChanged(_ position: Int) {
        if circuits[position].isBroadcast {
            for level in circuits[position].levels.levels { electDesignatedIS(position, level: level) }
        }
        requestOrigination()
        scheduleSPF()
        host.isisStateChanged()
    }

    private func dropPointToPointAdjacency(_ position: Int, reason: String) {
        guard let adjacency = circuits[position].pointToPointAdjacency else { return }
        circuits[position].pointToPointAdjacency = nil
        circuits[position].sendRouting = [:]
        circuits[position].sendSequenceNumbers = [:]
        if adjacency.state == .up {
            logAdjacency(adjacency, level: nil, position: position, state: "Down", reason: reason)
        }
        adjacencyChanged(position)
    }

    private func removeLANAdjacency(_ position: Int, level: ISISLevel, mac: MACAddress, reason: String) {
        guard let adjacency = circuits[position].lanAdjacencies[level]?.removeValue(forKey: mac) else { return }
        if adjacency.state == .up {
            logAdjacency(adjacency, level: level, position: position, state: "Down", reason: reason)
        }
        adjacencyChanged(position)
    }

    /// Removes the adjacencies whose holding time ran out, then re-arms for the next.
    func expireAdjacencies(_ position: Int) {
        let now = host.now
        if let adjacency = circuits[position].pointToPointAdjacency, adjacency.expiresAt <= now {
            dropPointToPointAdjacency(position, reason: "holding time expired")
        }
        for level in ISISLevel.allCases {
            let expired = (circuits[position].lanAdjacencies[level] ?? [:]).values.filter { $0.expiresAt <= now }
                .map(\.mac).sorted()
            for mac in expired { removeLANAdjacency(position, level: level, mac: mac, reason: "holding time expired") }
        }
        armHolding(position)
    }

    private func armHolding(_ position: Int) {
        let index = circuits[position].index
        guard let next = circuits[position].allAdjacencies.map(\.adjacency.expiresAt).min() else {
            cancel(.holding(interface: index))
            return
        }
        arm(.holding(interface: index), at: next)
    }

    /// ISO 10589 §8.4.5: elects the DIS of a LAN level and takes up or gives up the pseudonode.
    func electDesignatedIS(_ position: Int, level: ISISLevel) {
        let circuit = circuits[position]
        let up = circuit.upAdjacencies(level)
        var elected: ISISNodeID?
        if !up.isEmpty {
            let ownKey = (circuit.configuration.priority, circuit.mac)
            let best = up.max { ($0.priority, $0.mac) < ($1.priority, $1.mac) }!
            if ownKey > (best.priority, best.mac) {
                elected = ownLANID(position)
            } else if let lanID = best.lanID, lanID.systemID == best.systemID {
                elected = lanID
            }
        }
        guard circuit.designatedIS[level] != elected else { return }
        let wasDesignated = circuit.isDesignated(level, systemID: systemID)
        circuits[position].designatedIS[level] = elected
        let isDesignated = circuits[position].isDesignated(level, systemID: systemID)
        if let elected {
            log("IS-IS \(level) DIS on \(circuit.name) is \(isDesignated ? "this router" : displayName(elected.systemID))"
                + " (LAN ID \(elected))")
        }
        if isDesignated && !wasDesignated {
            sendHello(position, level: level)
            arm(.csnp(interface: circuit.index, level: level), after: configuration.timers.triggeredHelloDelay)
        } else if !isDesignated {
            cancel(.csnp(interface: circuit.index, level: level))
        }
        requestOrigination()
        scheduleSPF()
        host.isisStateChanged()
    }

    func logAdjacency(_ adjacency: ISISAdjacency, level: ISISLevel?, position: Int, state: String, reason: String?) {
        let levels = level.map(\.description) ?? adjacency.levels.description
        log("IS-IS \(levels) adjacency with \(displayName(adjacency.systemID)) on \(circuits[position].name) \(state)"
            + (reason.map { " (\($0))" } ?? ""))
    }
}
