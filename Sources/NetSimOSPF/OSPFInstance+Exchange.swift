import NetSimRouting
import NetSimWire

/// Database exchange (RFC 2328 §10.6-10.9): master/slave negotiation, Database Description
/// packets with sequence numbers, and LS Requests for what the neighbor has that we lack.
extension OSPFInstance {
    /// Enters ExStart: claim mastership with an empty DD packet, retransmitted until answered.
    func startExchange(_ address: IPv4Address, interface position: Int) {
        guard var neighbor = interfaces[position].neighbor(address) else { return }
        neighbor.clearAdjacencyLists()
        neighbor.isMaster = true
        // Any starting number works; derive it from the clock so a restart picks a new one.
        neighbor.ddSequence = UInt32(truncatingIfNeeded: host.now.nanoseconds / 1_000_000) &+ 1
        neighbor.pendingRequests = []
        interfaces[position].setNeighbor(neighbor)
        cancelNeighborTimers(address, interface: position)
        setNeighborState(address, interface: position, .exchangeStart)
        let description = OSPFDatabaseDescription(interfaceMTU: UInt16(clamping: interfaces[position].mtu),
                                                  options: OSPFOptions.externalRouting, isInit: true, hasMore: true,
                                                  isMaster: true, sequence: neighbor.ddSequence, headers: [])
        sendDescription(description, to: address, interface: position)
    }

    private func sendDescription(_ description: OSPFDatabaseDescription, to address: IPv4Address, interface position: Int) {
        interfaces[position].withNeighbor(address) { $0.lastSentDescription = description }
        send(.databaseDescription(description), interface: position, to: address)
        if interfaces[position].neighbor(address)?.isMaster == true {
            arm(.exchangeRetransmit(interface: interfaces[position].index, neighbor: address),
                after: .seconds(Int64(interfaces[position].configuration.retransmitInterval)))
        }
    }

    func receiveDatabaseDescription(_ description: OSPFDatabaseDescription, from address: IPv4Address,
                                    interface position: Int) {
        guard var neighbor = interfaces[position].neighbor(address) else { return }
        // An MTU larger than ours would bring packets we cannot receive (FRR checks this too).
        guard Int(description.interfaceMTU) <= interfaces[position].mtu else {
            log("OSPF DD from \(neighbor.routerID) on \(interfaces[position].name) refused: MTU \(description.interfaceMTU) > \(interfaces[position].mtu)")
            return
        }
        if neighbor.state == .initializing {
            // The neighbor has heard us, or it would not be describing its database.
            if shouldFormAdjacency(address, interface: position) {
                startExchange(address, interface: position)
            } else {
                setNeighborState(address, interface: position, .twoWay)
            }
            guard let updated = interfaces[position].neighbor(address) else { return }
            neighbor = updated
        }
        switch neighbor.state {
        case .down, .initializing, .twoWay:
            return
        case .exchangeStart:
            if description.isInit && description.hasMore && description.isMaster && description.headers.isEmpty
                && neighbor.routerID > routerID {
                neighbor.isMaster = false
                neighbor.ddSequence = description.sequence
            } else if !description.isInit && !description.isMaster && description.sequence == neighbor.ddSequence
                        && neighbor.routerID < routerID {
                neighbor.isMaster = true
            } else {
                return
            }
            neighbor.options = description.options
            neighbor.summaryList = summaryHeaders(for: interfaces[position].area)
            interfaces[position].setNeighbor(neighbor)
            cancel(.exchangeRetransmit(interface: interfaces[position].index, neighbor: address))
            setNeighborState(address, interface: position, .exchange)
            acceptDescription(description, from: address, interface: position)
        case .exchange:
            if isDuplicate(description, of: neighbor) {
                if !neighbor.isMaster, let last = neighbor.lastSentDescription {
                    send(.databaseDescription(last), interface: position, to: address)
                }
                return
            }
            let expected = neighbor.isMaster ? neighbor.ddSequence : neighbor.ddSequence &+ 1
            guard description.isMaster != neighbor.isMaster, !description.isInit,
                  description.options == neighbor.options, description.sequence == expected else {
                sequenceMismatch(address, interface: position, reason: "unexpected DD sequence")
                return
            }
            acceptDescription(description, from: address, interface: position)
        case .loading, .full:
            if isDuplicate(description, of: neighbor) {
                if !neighbor.isMaster, let last = neighbor.lastSentDescription {
                    send(.databaseDescription(last), interface: position, to: address)
                }
                return
            }
            sequenceMismatch(address, interface: position, reason: "DD after exchange")
        }
    }

    private func isDuplicate(_ description: OSPFDatabaseDescription, of neighbor: OSPFNeighbor) -> Bool {
        guard let last = neighbor.lastReceivedDescription else { return false }
        return last.sequence == description.sequence && last.isInit == description.isInit
            && last.hasMore == description.hasMore && last.isMaster == description.isMaster
    }

    /// §10.8: note what the neighbor has that we lack, then answer (slave) or continue (master).
    private func acceptDescription(_ description: OSPFDatabaseDescription, from address: IPv4Address,
                                   interface position: Int) {
        guard var neighbor = interfaces[position].neighbor(address) else { return }
        let area = interfaces[position].area
        for header in description.headers {
            let ours = entry(header.key, area: area)
            if ours == nil || header.isNewer(than: ours!.header(at: host.now)) {
                if neighbor.requested[header.key] == nil { neighbor.requestList.append(header.key) }
                neighbor.requested[header.key] = header
            }
        }
        neighbor.lastReceivedDescription = description
        let take = min(neighbor.summaryList.count, interfaces[position].headersPerDescription)
        if neighbor.isMaster {
            neighbor.ddSequence &+= 1
            let finished = !description.hasMore && neighbor.lastSentDescription?.hasMore == false
            interfaces[position].setNeighbor(neighbor)
            if finished {
                cancel(.exchangeRetransmit(interface: interfaces[position].index, neighbor: address))
                exchangeDone(address, interface: position)
                return
            }
            let headers = Array(neighbor.summaryList.prefix(take))
            interfaces[position].withNeighbor(address) { $0.summaryList.removeFirst(take) }
            let next = OSPFDatabaseDescription(interfaceMTU: UInt16(clamping: interfaces[position].mtu),
                                               options: OSPFOptions.externalRouting, isInit: false,
                                               hasMore: neighbor.summaryList.count > take, isMaster: true,
                                               sequence: neighbor.ddSequence, headers: headers)
            sendDescription(next, to: address, interface: position)
        } else {
            neighbor.ddSequence = description.sequence
            let headers = Array(neighbor.summaryList.prefix(take))
            neighbor.summaryList.removeFirst(take)
            interfaces[position].setNeighbor(neighbor)
            let reply = OSPFDatabaseDescription(interfaceMTU: UInt16(clamping: interfaces[position].mtu),
                                                options: OSPFOptions.externalRouting, isInit: false,
                                                hasMore: !neighbor.summaryList.isEmpty, isMaster: false,
                                                sequence: description.sequence, headers: headers)
            sendDescription(reply, to: address, interface: position)
            if !description.hasMore && !reply.hasMore { exchangeDone(address, interface: position) }
        }
    }

    /// The headers of every LSA in the area's database and, for a normal area, the AS-external ones.
    private func summaryHeaders(for area: IPv4Address) -> [LSAHeader] {
        let now = host.now
        let databases = [areaDatabases[area]!, externalDatabase]
        return databases.flatMap { database in
            database.sortedKeys.compactMap { key -> LSAHeader? in
                let header = database[key]!.header(at: now)
                return header.age < LSAHeader.maxAge ? header : nil
            }
        }
    }

    private func exchangeDone(_ address: IPv4Address, interface position: Int) {
        guard let neighbor = interfaces[position].neighbor(address) else { return }
        if neighbor.requestList.isEmpty {
            setNeighborState(address, interface: position, .full)
        } else {
            setNeighborState(address, interface: position, .loading)
            sendRequests(to: address, interface: position)
        }
    }

    /// SeqNumberMismatch / BadLSReq: start the exchange over.
    func sequenceMismatch(_ address: IPv4Address, interface position: Int, reason: String) {
        guard let neighbor = interfaces[position].neighbor(address) else { return }
        log("OSPF exchange with \(neighbor.routerID) on \(interfaces[position].name) restarted (\(reason))")
        startExchange(address, interface: position)
    }

    /// The master's retransmission of its last DD packet; while Loading, of the LS Request.
    func retransmitExchange(_ address: IPv4Address, interface position: Int) {
        guard let neighbor = interfaces[position].neighbor(address) else { return }
        switch neighbor.state {
        case .exchangeStart, .exchange:
            if neighbor.isMaster, let last = neighbor.lastSentDescription {
                sendDescription(last, to: address, interface: position)
            }
        case .loading:
            interfaces[position].withNeighbor(address) { $0.pendingRequests = [] }
            sendRequests(to: address, interface: position)
        default:
            return
        }
    }

    // MARK: LS Requests

    /// Sends the next batch of requests once the previous one has been answered.
    func sendRequests(to address: IPv4Address, interface position: Int) {
        guard var neighbor = interfaces[position].neighbor(address), neighbor.pendingRequests.isEmpty,
              !neighbor.requestList.isEmpty else { return }
        let batch = Array(neighbor.requestList.prefix(interfaces[position].updatePayloadBudget / 12))
        neighbor.pendingRequests = Set(batch)
        interfaces[position].setNeighbor(neighbor)
        send(.linkStateRequest(batch), interface: position, to: address)
        arm(.exchangeRetransmit(interface: interfaces[position].index, neighbor: address),
            after: .seconds(Int64(interfaces[position].configuration.retransmitInterval)))
    }

    /// §10.7: answer with the requested LSAs; a request for something we lack is BadLSReq.
    func receiveLinkStateRequest(_ keys: [LSAKey], from address: IPv4Address, interface position: Int) {
        guard let neighbor = interfaces[position].neighbor(address), neighbor.state >= .exchange else { return }
        let area = interfaces[position].area
        var lsas: [LSA] = []
        for key in keys {
            guard let entry = self.entry(key, area: area) else {
                sequenceMismatch(address, interface: position, reason: "request for unknown LSA \(key)")
                return
            }
            lsas.append(transmitted(entry, interface: position))
        }
        sendUpdates(lsas, interface: position, to: address)
    }

    /// A request (or several) was answered: go on, or finish loading.
    func requestsAnswered(_ address: IPv4Address, interface position: Int) {
        // Read in place: a copy of the neighbor would copy its lists, and this runs for every update.
        guard let index = interface(position, { $0.neighborPosition(address) }),
              interface(position, { $0.neighbor(at: index) { $0.state } }) == .loading else { return }
        if interface(position, { $0.neighbor(at: index) { $0.requestList.isEmpty } }) {
            cancel(.exchangeRetransmit(interface: interface(position) { $0.index }, neighbor: address))
            interfaces[position].withNeighbor(address) { $0.pendingRequests = [] }
            setNeighborState(address, interface: position, .full)
        } else if interface(position, { $0.neighbor(at: index) { $0.pendingRequests.isEmpty } }) {
            sendRequests(to: address, interface: position)
        }
    }
}
