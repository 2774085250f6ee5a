import NetSimRouting
import NetSimWire

/// Reliable flooding (RFC 2328 §13): receiving LS Updates, installing newer instances, flooding
/// them on, acknowledgements (delayed and direct), retransmission, and the removal of MaxAge
/// LSAs once every neighbor has acknowledged them (§14).
extension OSPFInstance {
    /// An LSA as it goes on the wire: its current age plus the interface's transmit delay.
    func transmitted(_ entry: LinkStateDatabase.Entry, interface position: Int) -> LSA {
        var lsa = entry.lsa
        let age = UInt32(entry.age(at: host.now)) + UInt32(interfaces[position].configuration.transmitDelay)
        lsa.header.age = UInt16(min(UInt32(LSAHeader.maxAge), age))
        return lsa
    }

    /// Sends LSAs in as many LS Update packets as the MTU requires.
    func sendUpdates(_ lsas: [LSA], interface position: Int, to destination: IPv4Address) {
        let budget = interface(position) { $0.updatePayloadBudget }
        // Packets are runs of `lsas`; when everything fits in one (the usual case) it goes as is.
        var start = 0, size = 0
        for index in lsas.indices {
            let length = Int(lsas[index].header.length)
            if index > start && size + length > budget {
                send(.linkStateUpdate(Array(lsas[start..<index])), interface: position, to: destination)
                start = index
                size = 0
            }
            size += length
        }
        if start < lsas.endIndex {
            send(.linkStateUpdate(start == 0 ? lsas : Array(lsas[start...])), interface: position, to: destination)
        }
    }

    // MARK: Receiving updates (§13)

    func receiveLinkStateUpdate(_ lsas: [LSA], from address: IPv4Address, interface position: Int) {
        // The sender's index stays valid for the whole packet: neighbors are added only by Hellos
        // and removed only by timers and interface changes, never while an update is handled.
        // Fields are read in place (`interface(_:_:)`): each copy of the interface would retain
        // its neighbors' lists, and these reads happen for every LSA of every update.
        guard let sender = interface(position, { $0.neighborPosition(address) }),
              interface(position, { $0.neighbor(at: sender) { $0.state } }) >= .exchange else { return }
        let (area, designatedRouter) = interface(position) { ($0.area, $0.designatedRouter) }
        let fromDR = designatedRouter == address
        let now = host.now
        for lsa in lsas {
            let key = lsa.key
            let current = stamp(key, area: area)
            let currentHeader = current?.header(at: now)
            // (4) A MaxAge LSA we do not have, with nobody mid-exchange: acknowledge and drop.
            if lsa.header.age >= LSAHeader.maxAge && current == nil && !anyNeighborExchanging() {
                send(.linkStateAck([lsa.header]), interface: position, to: address)
                continue
            }
            if currentHeader == nil || lsa.header.isNewer(than: currentHeader!) {
                // (5a) Too soon after the last instance: drop without acknowledging.
                if let current, now - current.installedAt < OSPFInstance.minLSArrival,
                   key.advertisingRouter != routerID {
                    continue
                }
                // (5c) before (5b): the lists are keyed by LSA, so the old instance must leave them
                // before flooding puts the new one on.
                removeFromRetransmissionLists(key)
                let floodedBack = flood(lsa, area: area, receivedOn: position, from: address)
                install(lsa, area: area)
                lsaInstalled(key, area: area)
                if !floodedBack {
                    let state = interface(position) { $0.state }
                    if state != .backup || fromDR { queueDelayedAck(lsa.header, interface: position) }
                }
                if isSelfOriginated(lsa) { receivedSelfOriginated(lsa, area: area) }
                continue
            }
            // (6) Something we requested turned out older than what we have.
            if interface(position, { $0.neighbor(at: sender) { $0.requested[key] != nil } }) {
                sequenceMismatch(address, interface: position, reason: "bad LS request for \(key)")
                return
            }
            let order = lsa.header.compareRecency(currentHeader!)
            if order == .orderedSame {
                // (7) A duplicate: an implied acknowledgement if we were waiting for one.
                if interfaces[position].neighbors[sender].retransmissionList.removeValue(forKey: key) != nil {
                    if fromDR && interface(position, { $0.state }) == .backup {
                        queueDelayedAck(lsa.header, interface: position)
                    }
                } else {
                    send(.linkStateAck([lsa.header]), interface: position, to: address)
                }
                continue
            }
            // (8) Ours is newer: send it back, unless it is being flushed at the top sequence number.
            if currentHeader!.age >= LSAHeader.maxAge && currentHeader!.sequence == LSAHeader.maxSequence { continue }
            if now - current!.installedAt >= OSPFInstance.minLSArrival, let entry = entry(key, area: area) {
                sendUpdates([transmitted(entry, interface: position)], interface: position, to: address)
            }
        }
        requestsAnswered(address, interface: position)
        removeFlushedLSAs()
    }

    /// §13.3: offer a new LSA to every neighbor in its flooding scope. Returns true when it went
    /// back out of the interface it arrived on.
    @discardableResult
    func flood(_ lsa: LSA, area: IPv4Address, receivedOn origin: Int?, from sender: IPv4Address?) -> Bool {
        var floodedBack = false
        for position in interfaces.indices {
            // Each interface is changed where it lies (`offer`); arming a timer touches only the
            // timers and the host, never `interfaces`, so it may run meanwhile. The closure does
            // not outlive the call, so it need not retain `self` (a retain per interface per LSA).
            let offer = interfaces[position].offer(lsa, area: area, receivedHere: position == origin, from: sender) {
                [unowned(unsafe) self] address, index, interval in
                armRetransmission(address, deviceInterface: index, interval: interval)
            }
            switch offer {
            case .notQueued: continue
            case .queued: break
            case .queuedBack: floodedBack = true
            }
            if !hasQueuedUpdates {
                hasQueuedUpdates = true
                host.ospfQueuedUpdates()
            }
        }
        return floodedBack
    }

    /// Sends every LS Update queued since the last call, interface by interface.
    public func sendQueuedUpdates() {
        guard hasQueuedUpdates else { return }
        hasQueuedUpdates = false
        for position in interfaces.indices where !interface(position, { $0.pendingFloods.isEmpty }) {
            let lsas = interfaces[position].takePendingFloods()
            guard interface(position, { $0.isUp }) else { continue }
            sendUpdates(lsas, interface: position, to: floodDestination(position))
        }
    }

    private func armRetransmission(_ address: IPv4Address, interface position: Int) {
        armRetransmission(address, deviceInterface: interfaces[position].index,
                          interval: interfaces[position].configuration.retransmitInterval)
    }

    private func armRetransmission(_ address: IPv4Address, deviceInterface index: Int, interval: UInt16) {
        let timer = OSPFTimer.updateRetransmit(interface: index, neighbor: address)
        if !isArmed(timer) {
            arm(timer, after: .seconds(Int64(interval)))
        }
    }

    /// Resends every unacknowledged LSA directly to the neighbor.
    func retransmitUpdates(_ address: IPv4Address, interface position: Int) {
        guard let neighbor = interfaces[position].neighbor(address), !neighbor.retransmissionList.isEmpty else { return }
        let area = interfaces[position].area
        let lsas = neighbor.retransmissionList.keys.sorted().compactMap { key -> LSA? in
            guard let entry = self.entry(key, area: area) else { return nil }
            return transmitted(entry, interface: position)
        }
        sendUpdates(lsas, interface: position, to: address)
        armRetransmission(address, interface: position)
    }

    func removeFromRetransmissionLists(_ key: LSAKey) {
        // Order does not matter here: nothing is sent, each list loses at most one entry.
        for position in interfaces.indices {
            interfaces[position].unlist(key)
        }
    }

    func anyNeighborExchanging() -> Bool {
        interfaces.contains { $0.neighbors.contains { $0.state == .exchange || $0.state == .loading } }
    }

    func isSelfOriginated(_ lsa: LSA) -> Bool {
        lsa.key.advertisingRouter == routerID
            || (lsa.key.type == .network && interfaces.contains { $0.address.address == lsa.key.linkStateID })
    }

    // MARK: Acknowledgements (§13.5, §13.7)

    private func queueDelayedAck(_ header: LSAHeader, interface position: Int) {
        // Pending acks always have their timer armed (sending them or the interface going down
        // empties the list), so only the first one needs to look at it.
        let first = interface(position) { $0.delayedAcks.isEmpty }
        interfaces[position].delayedAcks.append(header)
        guard first else { return }
        let timer = OSPFTimer.delayedAck(interface: interface(position) { $0.index })
        if !isArmed(timer) { arm(timer, after: OSPFInstance.delayedAckInterval) }
    }

    func sendDelayedAcks(_ position: Int) {
        let headers = interfaces[position].delayedAcks
        interfaces[position].delayedAcks = []
        guard !headers.isEmpty, interfaces[position].isUp else { return }
        let perPacket = max(1, interfaces[position].updatePayloadBudget / LSAHeader.wireLength)
        for start in stride(from: 0, to: headers.count, by: perPacket) {
            send(.linkStateAck(Array(headers[start..<min(start + perPacket, headers.count)])), interface: position,
                 to: floodDestination(position))
        }
    }

    func receiveLinkStateAck(_ headers: [LSAHeader], from address: IPv4Address, interface position: Int) {
        guard let sender = interface(position, { $0.neighborPosition(address) }),
              interface(position, { $0.neighbor(at: sender) { $0.state } }) >= .exchange else { return }
        if interfaces[position].acknowledge(headers, neighbor: sender) {
            cancel(.updateRetransmit(interface: interface(position) { $0.index }, neighbor: address))
        }
        removeFlushedLSAs()
    }

    // MARK: MaxAge (§14)

    /// Removes MaxAge LSAs that no neighbor still has to acknowledge, once nobody is mid-exchange.
    func removeFlushedLSAs() {
        guard !maxAgeLSAs.isEmpty, !anyNeighborExchanging() else { return }
        let now = host.now
        let pending = Set(interfaces.flatMap { $0.neighbors.flatMap { $0.retransmissionList.keys } })
        for scopedKey in maxAgeLSAs.sorted() where !pending.contains(scopedKey.key) {
            let area = scopedKey.area ?? .zero
            guard let entry = self.entry(scopedKey.key, area: area) else {
                maxAgeLSAs.remove(scopedKey)
                continue
            }
            guard entry.age(at: now) >= LSAHeader.maxAge else { continue }
            maxAgeLSAs.remove(scopedKey)
            removeFromDatabase(scopedKey.key, area: area)
            lsaRemoved(scopedKey.key, area: area)
        }
    }

    /// Arms the MaxAge timer for the next LSA that will age out: the new entry if it ages out
    /// before the moment already armed (the timer rescans everything when it fires).
    func scheduleMaxAgeCheck(for entry: LinkStateDatabase.Entry) {
        scheduleMaxAgeCheck(at: entry.maxAgeTime)
    }

    func scheduleMaxAgeCheck(at time: SimTime) {
        guard time > host.now else { return }
        if let armed = nextMaxAgeCheck, armed <= time, isArmed(.maxAge) { return }
        nextMaxAgeCheck = time
        arm(.maxAge, at: time)
    }

    private func rescheduleMaxAgeCheck() {
        for database in areaIDs.map({ areaDatabases[$0]! }) + [externalDatabase] {
            for key in database.sortedKeys { scheduleMaxAgeCheck(for: database[key]!) }
        }
    }

    /// LSAs that reached MaxAge by ageing are flooded once more (so others drop them too) and
    /// removed when acknowledged.
    func ageOutLSAs() {
        nextMaxAgeCheck = nil
        let now = host.now
        for area in areaIDs {
            for key in areaDatabases[area]!.sortedKeys {
                let entry = areaDatabases[area]![key]!
                guard entry.age(at: now) >= LSAHeader.maxAge, entry.maxAgeTime == now else { continue }
                var lsa = entry.lsa
                lsa.header.age = LSAHeader.maxAge
                maxAgeLSAs.insert(ScopedLSAKey(area: area, key: key))
                flood(lsa, area: area, receivedOn: nil, from: nil)
                lsaInstalled(key, area: area)
            }
        }
        for key in externalDatabase.sortedKeys {
            let entry = externalDatabase[key]!
            guard entry.age(at: now) >= LSAHeader.maxAge, entry.maxAgeTime == now else { continue }
            var lsa = entry.lsa
            lsa.header.age = LSAHeader.maxAge
            maxAgeLSAs.insert(ScopedLSAKey(area: nil, key: key))
            flood(lsa, area: .zero, receivedOn: nil, from: nil)
            lsaInstalled(key, area: .zero)
        }
        removeFlushedLSAs()
        rescheduleMaxAgeCheck()
    }
}
