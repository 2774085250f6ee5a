import NetSimRouting
import NetSimWire

/// The update process (ISO 10589 §7.3.15-7.3.17): receiving LSPs, the SRM and SSN flags,
/// sequence number PDUs, purges and lifetimes.
///
/// An LSP that arrives is compared with the stored copy: a newer one is installed and flagged
/// SRM on every other circuit of its level (and acknowledged with SSN on point-to-point); the
/// same one clears SRM toward the sender; an older one sets SRM so the sender gets ours. A
/// CSNP or PSNP entry does the same comparison without the LSP; a CSNP also flags our LSPs it
/// leaves out. On a LAN SRM clears once sent; on point-to-point it stays until acknowledged
/// and the LSP is sent again every `lspRetransmit`. An LSP whose lifetime runs out, or that
/// arrives with none, is a purge: kept as a bare header for ZeroAgeLifetime, then removed.
extension ISISInstance {
    // MARK: Flags

    /// Flags an LSP for sending on every circuit of its level with an Up adjacency there, but one.
    func flood(_ id: ISISLSPID, level: ISISLevel, except excluded: Int? = nil) {
        for position in circuitPositions(level) where position != excluded {
            setSendRouting(id, level: level, circuit: position)
        }
    }

    func setSendRouting(_ id: ISISLSPID, level: ISISLevel, circuit position: Int) {
        guard circuit(position, { $0.hasUpAdjacency(level) }) else { return }
        let now = host.now
        circuits[position].sendRouting[level, default: [:]][id] = now
        armFlood(position, at: now)
    }

    func clearSendRouting(_ id: ISISLSPID, level: ISISLevel, circuit position: Int) {
        circuits[position].sendRouting[level]?[id] = nil
    }

    private func armFlood(_ position: Int, at time: SimTime) {
        let index = circuit(position, { $0.index })
        if let armed = floodArmedAt[index], armed <= time, isArmed(.flood(interface: index)) { return }
        floodArmedAt[index] = time
        arm(.flood(interface: index), at: time)
    }

    /// Puts an entry in the next PSNP of a circuit: an acknowledgement on point-to-point, or a
    /// request (an older or zero sequence number) on either kind.
    func setSendSequenceNumber(_ entry: ISISLSPEntry, level: ISISLevel, circuit position: Int) {
        circuits[position].sendSequenceNumbers[level, default: [:]][entry.lspID] = entry
        armIfIdle(.psnp(interface: circuit(position, { $0.index }), level: level), after: configuration.timers.psnpInterval)
    }

    private func acknowledge(_ entry: ISISLSPEntry, level: ISISLevel, circuit position: Int) {
        if circuit(position, { $0.isPointToPoint }) { setSendSequenceNumber(entry, level: level, circuit: position) }
    }

    // MARK: Sending

    /// Sends the LSPs whose SRM flag is due on a circuit, then arms for the next retransmission.
    func sendFlaggedLSPs(_ position: Int) {
        let now = host.now
        let index = circuit(position, { $0.index })
        floodArmedAt[index] = nil
        var next: SimTime?
        for level in circuit(position, { $0.levels.levels }) {
            let flags = circuit(position, { $0.sendRouting[level] }) ?? [:]
            guard !flags.isEmpty else { continue }
            guard circuit(position, { $0.hasUpAdjacency(level) }) else {
                circuits[position].sendRouting[level] = [:]
                continue
            }
            var due: [ISISLSPID] = []
            for (id, time) in flags where time <= now { due.append(id) }
            due.sort()
            for id in due {
                guard let entry = databases[level]?.entry(id) else {
                    circuits[position].sendRouting[level]?[id] = nil
                    continue
                }
                send(.lsp(entry.current(at: now)), circuit: position)
                lspsSent += 1
                if circuit(position, { $0.isPointToPoint }) {
                    let again = now + configuration.timers.lspRetransmit
                    circuits[position].sendRouting[level]?[id] = again
                    next = min(next ?? again, again)
                } else {
                    circuits[position].sendRouting[level]?[id] = nil
                }
            }
            for (_, due) in circuit(position, { $0.sendRouting[level] }) ?? [:] where due > now {
                next = min(next ?? due, due)
            }
        }
        if let next { armFlood(position, at: next) }
    }

    /// Sends the gathered PSNP entries of a circuit level.
    func sendPSNP(_ position: Int, level: ISISLevel) {
        let entries = (circuits[position].sendSequenceNumbers[level] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
        circuits[position].sendSequenceNumbers[level] = [:]
        guard !entries.isEmpty, circuit(position, { $0.hasUpAdjacency(level) }) else { return }
        let source = ISISNodeID(systemID: systemID)
        for chunk in chunks(entries, headerLength: 17, position: position) {
            send(.psnp(ISISPSNP(level: level, sourceID: source, tlvs: lspEntryTLVs(chunk))), circuit: position)
        }
    }

    /// The DIS's periodic CSNP on a LAN.
    func sendPeriodicCSNP(_ position: Int, level: ISISLevel) {
        guard circuit(position, { $0.sendsHellos }), circuit(position, { $0.isDesignated(level, systemID: systemID) }) else { return }
        sendCompleteSequenceNumbers(position, level: level)
        arm(.csnp(interface: circuit(position, { $0.index }), level: level), after: configuration.timers.csnpInterval)
    }

    /// The whole database of a level in as many CSNPs as it takes, their ranges covering every ID.
    func sendCompleteSequenceNumbers(_ position: Int, level: ISISLevel) {
        guard let database = databases[level] else { return }
        let now = host.now
        let entries = database.sortedIDs.map { database[$0]!.summary(at: now) }
        let groups = chunks(entries, headerLength: 33, position: position)
        let source = ISISNodeID(systemID: systemID)
        guard !groups.isEmpty else {
            send(.csnp(ISISCSNP(level: level, sourceID: source, startLSPID: .first, endLSPID: .last, tlvs: [])),
                 circuit: position)
            return
        }
        for (number, group) in groups.enumerated() {
            let start = number == 0 ? ISISLSPID.first : group[0].lspID
            let end = number == groups.count - 1 ? ISISLSPID.last : groups[number + 1][0].lspID.predecessor
            send(.csnp(ISISCSNP(level: level, sourceID: source, startLSPID: start, endLSPID: end,
                                tlvs: lspEntryTLVs(group))), circuit: position)
        }
    }

    /// LSP entries split into groups that fit one SNP each (15 entries per TLV 9).
    private func chunks(_ entries: [ISISLSPEntry], headerLength: Int, position: Int) -> [[ISISLSPEntry]] {
        let perTLV = ISISTLV.maximumValueLength / 16
        let perPDU = max(1, (maximumPDUSize(position) - headerLength) / (2 + 16 * perTLV) * perTLV)
        return stride(from: 0, to: entries.count, by: perPDU).map { Array(entries[$0..<min($0 + perPDU, entries.count)]) }
    }

    private func lspEntryTLVs(_ entries: [ISISLSPEntry]) -> [ISISTLV] {
        ISISTLV.packed(entries, size: { _ in 16 }) { .lspEntries($0) }
    }

    // MARK: Receiving

    /// Whether a PDU of a level from this MAC comes over an Up adjacency.
    private func hasUpAdjacency(_ level: ISISLevel, from source: MACAddress, circuit position: Int) -> Bool {
        circuit(position, { $0.hasUpAdjacency(level, from: source) })
    }

    func receiveLSP(_ lsp: ISISLSP, from source: MACAddress, circuit position: Int) {
        let level = lsp.level
        guard hasUpAdjacency(level, from: source, circuit: position), databases[level] != nil else { return }
        let now = host.now
        let id = lsp.lspID
        let received = lsp.entry
        let stored = databases[level]!.summary(of: id, at: now)
        let recency = stored.map { ISISRecency.compare(received, with: $0) } ?? .newer
        if id.systemID == systemID {
            receiveOwnLSP(lsp, recency: recency, circuit: position)
            return
        }
        if lsp.remainingLifetime == 0 && stored == nil {
            // A purge of an LSP we never had: acknowledge, keep nothing (ISO 10589 §7.3.16.4).
            acknowledge(received, level: level, circuit: position)
            return
        }
        switch recency {
        case .newer:
            databases[level]!.install(lsp, at: now, zeroAgeLifetime: configuration.timers.zeroAgeLifetime)
            flood(id, level: level, except: position)
            clearSendRouting(id, level: level, circuit: position)
            acknowledge(received, level: level, circuit: position)
            armExpiry(at: databases[level]!.entry(id)!.nextDeadline)
            scheduleSPF()
            host.isisStateChanged()
        case .same:
            clearSendRouting(id, level: level, circuit: position)
            acknowledge(received, level: level, circuit: position)
        case .older:
            setSendRouting(id, level: level, circuit: position)
        }
    }

    /// ISO 10589 §7.3.16.1: our own LSP came back. A newer copy than ours (from before a restart,
    /// or a purge) makes us re-issue ours above its sequence number, or purge it if we no longer
    /// originate it.
    private func receiveOwnLSP(_ lsp: ISISLSP, recency: ISISRecency, circuit position: Int) {
        let level = lsp.level, id = lsp.lspID
        switch recency {
        case .newer:
            acknowledge(lsp.entry, level: level, circuit: position)
            if originating[level]?.contains(id) == true {
                ownSequence[level, default: [:]][id] = max(ownSequence[level]?[id] ?? 0, lsp.sequenceNumber)
                forcedReissue[level, default: []].insert(id)
                arm(.originate, after: .zero)
            } else {
                let now = host.now
                databases[level]!.install(lsp, at: now, zeroAgeLifetime: configuration.timers.zeroAgeLifetime)
                if lsp.remainingLifetime != 0 {
                    databases[level]!.purge(id, at: now, zeroAgeLifetime: configuration.timers.zeroAgeLifetime)
                }
                flood(id, level: level)
                armExpiry()
            }
        case .same:
            clearSendRouting(id, level: level, circuit: position)
            acknowledge(lsp.entry, level: level, circuit: position)
        case .older:
            setSendRouting(id, level: level, circuit: position)
        }
    }

    /// ISO 10589 §7.3.15.2: a CSNP (with its range) or a PSNP (nil range) from a neighbor.
    func receiveSequenceNumbers(_ level: ISISLevel, entries: [ISISLSPEntry], range: ClosedRange<ISISLSPID>?,
                                from source: MACAddress, circuit position: Int) {
        guard hasUpAdjacency(level, from: source, circuit: position), let database = databases[level] else { return }
        // On a LAN only the DIS answers PSNPs.
        if range == nil && circuit(position, { $0.isBroadcast }) && !circuit(position, { $0.isDesignated(level, systemID: systemID) }) {
            return
        }
        let now = host.now
        for entry in entries {
            guard let stored = database[entry.lspID] else {
                if entry.remainingLifetime != 0 && entry.sequenceNumber != 0 {
                    setSendSequenceNumber(ISISLSPEntry(remainingLifetime: 0, lspID: entry.lspID, sequenceNumber: 0,
                                                       checksum: 0), level: level, circuit: position)
                }
                continue
            }
            let mine = stored.summary(at: now)
            switch ISISRecency.compare(entry, with: mine) {
            case .same: clearSendRouting(entry.lspID, level: level, circuit: position)
            case .older: setSendRouting(entry.lspID, level: level, circuit: position)
            case .newer:
                clearSendRouting(entry.lspID, level: level, circuit: position)
                setSendSequenceNumber(mine, level: level, circuit: position)
            }
        }
        guard let range else { return }
        let listed = Set(entries.map(\.lspID))
        for id in database.sortedIDs where range.contains(id) && !listed.contains(id) {
            let entry = database[id]!
            if !entry.isPurged && entry.lsp.sequenceNumber != 0 {
                setSendRouting(id, level: level, circuit: position)
            }
        }
    }

    // MARK: Lifetimes

    /// Purges LSPs whose lifetime ran out and drops purges whose zero-age holding ended.
    func expireLSPs() {
        expiryArmedAt = nil
        let now = host.now
        var changed = false
        for level in levels {
            guard var database = databases[level] else { continue }
            for id in database.sortedIDs {
                let entry = database[id]!
                if let until = entry.zeroAgeUntil {
                    if until <= now { database.remove(id) }
                } else if entry.expiresAt <= now {
                    database.purge(id, at: now, zeroAgeLifetime: configuration.timers.zeroAgeLifetime)
                    databases[level] = database
                    flood(id, level: level)
                    database = databases[level]!
                    log("IS-IS \(level) LSP \(id) expired, purged")
                    changed = true
                }
            }
            databases[level] = database
        }
        if changed {
            scheduleSPF()
            host.isisStateChanged()
        }
        armExpiry()
    }

    /// Arms the expiry timer for the earliest deadline of every database (after a scan).
    func armExpiry() {
        guard let next = levels.compactMap({ databases[$0]?.nextExpiry }).min() else { return }
        armExpiry(at: next)
    }

    /// Arms the expiry timer for `time` unless it is armed for earlier already (one new entry).
    func armExpiry(at time: SimTime) {
        if let armed = expiryArmedAt, armed <= time, isArmed(.expiry) { return }
        expiryArmedAt = time
        arm(.expiry, at: max(time, host.now))
    }
}

extension ISISLSPID {
    /// The ID just before this one (the end of a CSNP range that the next one starts after).
    var predecessor: ISISLSPID {
        let value = (UInt64(node.systemID.value) << 16 | UInt64(node.pseudonode) << 8 | UInt64(fragment)) &- 1
        return ISISLSPID(node: ISISNodeID(systemID: ISISSystemID(value >> 16), pseudonode: UInt8(value >> 8 & 0xFF)),
                         fragment: UInt8(value & 0xFF))
    }
}
