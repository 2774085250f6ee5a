import NetSimRouting
import NetSimWire

/// Hellos, the interface and neighbor state machines, and DR/BDR election (RFC 2328 §9, §10).
extension OSPFInstance {
    // MARK: Interface state machine

    func interfaceUp(_ position: Int) {
        let interface = interfaces[position]
        if interface.configuration.isLoopback {
            setInterfaceState(position, .loopback)
        } else if interface.isPointToPoint {
            setInterfaceState(position, .pointToPoint)
        } else if interface.configuration.passive {
            // Nobody to wait for: the router is DR of its own segment (with no adjacencies).
            interfaces[position].designatedRouter = interface.configuration.priority > 0 ? interface.address.address : .zero
            setInterfaceState(position, interface.configuration.priority > 0 ? .designatedRouter : .drOther)
        } else if interface.configuration.priority == 0 {
            setInterfaceState(position, .drOther)
        } else {
            setInterfaceState(position, .waiting)
            arm(.wait(interface: interface.index), after: .seconds(Int64(interface.configuration.deadInterval)))
        }
        if !interface.configuration.passive {
            sendHello(position)
            arm(.hello(interface: interface.index), after: .seconds(Int64(interface.configuration.helloInterval)))
        }
        reconcileOriginations()
    }

    func interfaceDown(_ position: Int) {
        let index = interfaces[position].index
        for neighbor in interfaces[position].neighbors {
            neighborDied(neighbor.address, interface: position, reason: "interface down")
        }
        cancel(.hello(interface: index))
        cancel(.wait(interface: index))
        cancel(.delayedAck(interface: index))
        interfaces[position].delayedAcks = []
        interfaces[position].pendingFloods = []
        interfaces[position].pendingFloodIndex = [:]
        interfaces[position].designatedRouter = .zero
        interfaces[position].backupDesignatedRouter = .zero
        setInterfaceState(position, .down)
        reconcileOriginations()
    }

    func setInterfaceState(_ position: Int, _ state: OSPFInterface.State) {
        guard interfaces[position].state != state else { return }
        interfaces[position].state = state
        host.ospfStateChanged()
    }

    // MARK: Hellos

    func sendHello(_ position: Int) {
        let interface = interfaces[position]
        let hello = OSPFHello(networkMask: interface.address.prefix.netmask,
                              helloInterval: interface.configuration.helloInterval,
                              options: OSPFOptions.externalRouting, priority: interface.configuration.priority,
                              deadInterval: interface.configuration.deadInterval,
                              designatedRouter: interface.designatedRouter,
                              backupDesignatedRouter: interface.backupDesignatedRouter,
                              neighbors: interface.neighbors.map(\.routerID).sorted())
        send(.hello(hello), interface: position, to: OSPFPacket.allSPFRouters)
    }

    /// §10.5: parameter checks, then the neighbor state machine and, on broadcast networks,
    /// the events that drive DR election.
    func receiveHello(_ hello: OSPFHello, from neighborID: IPv4Address, source: IPv4Address, interface position: Int) {
        let interface = interfaces[position]
        guard hello.helloInterval == interface.configuration.helloInterval,
              hello.deadInterval == interface.configuration.deadInterval,
              interface.isPointToPoint || hello.networkMask == interface.address.prefix.netmask,
              hello.options & OSPFOptions.externalRouting != 0 else { return }
        let existing = interface.neighbor(source)
        let isNew = existing == nil
        var neighbor = existing ?? OSPFNeighbor(routerID: neighborID, address: source, priority: hello.priority)
        let previousPriority = neighbor.priority
        let previousDR = neighbor.designatedRouter, previousBDR = neighbor.backupDesignatedRouter
        neighbor.routerID = neighborID
        neighbor.priority = hello.priority
        neighbor.designatedRouter = hello.designatedRouter
        neighbor.backupDesignatedRouter = hello.backupDesignatedRouter
        neighbor.options = hello.options
        neighbor.deadline = host.now + .seconds(Int64(interface.configuration.deadInterval))
        interfaces[position].setNeighbor(neighbor)
        arm(.inactivity(interface: interface.index, neighbor: source),
            after: .seconds(Int64(interface.configuration.deadInterval)))
        if neighbor.state == .down { setNeighborState(source, interface: position, .initializing) }

        if hello.neighbors.contains(routerID) {
            if interfaces[position].neighbor(source)?.state == .initializing { twoWayReceived(source, interface: position) }
        } else if let state = interfaces[position].neighbor(source)?.state, state >= .twoWay {
            // 1-WayReceived: the neighbor no longer lists us.
            interfaces[position].withNeighbor(source) { $0.clearAdjacencyLists() }
            setNeighborState(source, interface: position, .initializing)
        }

        guard !interfaces[position].isPointToPoint else { return }
        let declaresDR = hello.designatedRouter == source, declaresBDR = hello.backupDesignatedRouter == source
        if interfaces[position].state == .waiting {
            if (declaresDR && hello.backupDesignatedRouter == .zero) || declaresBDR {
                // BackupSeen: an existing DR/BDR pair is visible; no need to wait any longer.
                cancel(.wait(interface: interface.index))
                electDesignatedRouter(position)
            }
            return
        }
        let drChanged = declaresDR != (previousDR == source), bdrChanged = declaresBDR != (previousBDR == source)
        if !isNew && (previousPriority != hello.priority || drChanged || bdrChanged) {
            neighborChange(position)
        }
    }

    // MARK: Neighbor state machine

    func setNeighborState(_ address: IPv4Address, interface position: Int, _ state: OSPFNeighbor.State) {
        guard var neighbor = interfaces[position].neighbor(address), neighbor.state != state else { return }
        let previous = neighbor.state
        neighbor.state = state
        interfaces[position].setNeighbor(neighbor)
        host.ospfStateChanged()
        let name = interfaces[position].name
        if state == .full {
            log("OSPF adjacency with \(neighbor.routerID) on \(name) Full")
        } else if previous == .full && state != .down {
            log("OSPF adjacency with \(neighbor.routerID) on \(name) down (\(previous.rawValue) -> \(state.rawValue))")
        }
        if previous == .full || state == .full { reconcileOriginations() }
        // NeighborChange on broadcast networks when bidirectional communication starts or ends.
        if !interfaces[position].isPointToPoint, (previous >= .twoWay) != (state >= .twoWay) {
            neighborChange(position)
        }
    }

    private func twoWayReceived(_ address: IPv4Address, interface position: Int) {
        if shouldFormAdjacency(address, interface: position) {
            startExchange(address, interface: position)
        } else {
            setNeighborState(address, interface: position, .twoWay)
        }
    }

    /// §10.4: always on point-to-point; on broadcast only between the DR/BDR and the others.
    func shouldFormAdjacency(_ address: IPv4Address, interface position: Int) -> Bool {
        let interface = interfaces[position]
        if interface.isPointToPoint { return true }
        if interface.state == .designatedRouter || interface.state == .backup { return true }
        return interface.designatedRouter == address || interface.backupDesignatedRouter == address
    }

    /// AdjOK?: after a DR change, start or tear down adjacencies to match §10.4.
    func adjacencyCheck(_ position: Int) {
        for neighbor in interfaces[position].neighbors where neighbor.state >= .twoWay {
            let wanted = shouldFormAdjacency(neighbor.address, interface: position)
            if neighbor.state == .twoWay && wanted {
                startExchange(neighbor.address, interface: position)
            } else if neighbor.state > .twoWay && !wanted {
                interfaces[position].withNeighbor(neighbor.address) { $0.clearAdjacencyLists() }
                cancelNeighborTimers(neighbor.address, interface: position)
                setNeighborState(neighbor.address, interface: position, .twoWay)
            }
        }
    }

    /// KillNbr / InactivityTimer / LLDown: the neighbor is gone.
    func neighborDied(_ address: IPv4Address, interface position: Int, reason: String) {
        guard let neighbor = interfaces[position].neighbor(address) else { return }
        log("OSPF neighbor \(neighbor.routerID) on \(interfaces[position].name) down (\(reason))")
        interfaces[position].withNeighbor(address) { $0.clearAdjacencyLists() }
        setNeighborState(address, interface: position, .down)
        cancelNeighborTimers(address, interface: position)
        cancel(.inactivity(interface: interfaces[position].index, neighbor: address))
        interfaces[position].removeNeighbor(address)
        removeFlushedLSAs()
    }

    func cancelNeighborTimers(_ address: IPv4Address, interface position: Int) {
        let index = interfaces[position].index
        cancel(.exchangeRetransmit(interface: index, neighbor: address))
        cancel(.updateRetransmit(interface: index, neighbor: address))
    }

    // MARK: DR election (§9.4)

    /// NeighborChange: re-run the election unless the interface is still waiting.
    func neighborChange(_ position: Int) {
        let state = interfaces[position].state
        guard state == .designatedRouter || state == .backup || state == .drOther else { return }
        electDesignatedRouter(position)
    }

    func electDesignatedRouter(_ position: Int) {
        let interface = interfaces[position]
        let ownAddress = interface.address.address
        let oldDR = interface.designatedRouter, oldBDR = interface.backupDesignatedRouter
        var ownDR = oldDR, ownBDR = oldBDR
        var (dr, bdr) = election(position, ownDR: ownDR, ownBDR: ownBDR)
        // Step 4: if this router's own role changed, run steps 2 and 3 again with its new declarations.
        let wasDR = oldDR == ownAddress, wasBDR = oldBDR == ownAddress
        if (dr == ownAddress) != wasDR || (bdr == ownAddress) != wasBDR {
            ownDR = dr
            ownBDR = bdr
            (dr, bdr) = election(position, ownDR: ownDR, ownBDR: ownBDR)
        }
        interfaces[position].designatedRouter = dr
        interfaces[position].backupDesignatedRouter = bdr
        let newState: OSPFInterface.State = dr == ownAddress ? .designatedRouter : bdr == ownAddress ? .backup : .drOther
        let changed = dr != oldDR || bdr != oldBDR || newState != interface.state
        setInterfaceState(position, newState)
        if changed {
            log("OSPF \(interface.name) DR \(routerIDName(dr, position)) BDR \(routerIDName(bdr, position)), this router \(newState.rawValue)")
            adjacencyCheck(position)
            reconcileOriginations()
        }
    }

    private func routerIDName(_ address: IPv4Address, _ position: Int) -> String {
        if address == .zero { return "none" }
        if address == interfaces[position].address.address { return "\(routerID)" }
        return interfaces[position].neighbor(address).map { "\($0.routerID)" } ?? "\(address)"
    }

    /// Steps 2 and 3 of §9.4 over this router and its neighbors in state 2-Way or higher.
    private func election(_ position: Int, ownDR: IPv4Address, ownBDR: IPv4Address)
        -> (dr: IPv4Address, bdr: IPv4Address) {
        struct Candidate {
            var routerID: IPv4Address
            var address: IPv4Address
            var priority: UInt8
            var declaresDR: Bool
            var declaresBDR: Bool
        }
        let interface = interfaces[position]
        var candidates: [Candidate] = []
        if interface.configuration.priority > 0 {
            candidates.append(Candidate(routerID: routerID, address: interface.address.address,
                                        priority: interface.configuration.priority,
                                        declaresDR: ownDR == interface.address.address,
                                        declaresBDR: ownBDR == interface.address.address))
        }
        for neighbor in interface.neighbors where neighbor.state >= .twoWay && neighbor.priority > 0 {
            candidates.append(Candidate(routerID: neighbor.routerID, address: neighbor.address,
                                        priority: neighbor.priority,
                                        declaresDR: neighbor.designatedRouter == neighbor.address,
                                        declaresBDR: neighbor.backupDesignatedRouter == neighbor.address))
        }
        func best(_ pool: [Candidate]) -> Candidate? {
            pool.max { ($0.priority, $0.routerID) < ($1.priority, $1.routerID) }
        }
        let notDR = candidates.filter { !$0.declaresDR }
        let bdr = best(notDR.filter(\.declaresBDR)) ?? best(notDR)
        let dr = best(candidates.filter(\.declaresDR)) ?? bdr
        return (dr?.address ?? .zero, dr?.address == bdr?.address ? .zero : bdr?.address ?? .zero)
    }
}
