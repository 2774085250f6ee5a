import NetSimRouting
import NetSimWire

/// The IPv4 stack of routers and hosts: Ethernet input filtering, ARP (RFC 826), local delivery,
/// forwarding with longest-prefix match and TTL (RFC 1812), and output through ARP resolution.
extension Simulation {
    func receiveFrame(_ frame: EthernetFrame, device: Device, interface: Int, trace: PacketTrace) {
        let port = device.interfaces[interface]
        guard frame.vlan == nil,
              frame.destination == port.mac || frame.destination.isBroadcast || acceptsGroup(frame.destination, device: device)
        else { return }
        switch frame.payload {
        case .arp(let arp):
            receiveARP(arp, device: device, interface: interface)
        case .ipv4(let packet):
            receiveIPv4(packet, device: device, interface: interface, trace: trace)
        case .isis(let pdu):
            receiveISIS(pdu, source: frame.source, device: device, interface: interface)
        }
    }

    // MARK: ARP

    private func receiveARP(_ arp: ARPPacket, device: Device, interface: Int) {
        guard let own = device.interfaces[interface].address else { return }
        let forUs = arp.targetIP == own.address
        // RFC 826: update an existing entry from any ARP packet; create one only when targeted.
        if forUs || device.arp.knows(arp.senderIP), own.prefix.contains(arp.senderIP) {
            device.arp.learn(arp.senderIP, mac: arp.senderMAC, interface: interface, now: now)
            flushPending(device: device, target: arp.senderIP, mac: arp.senderMAC)
        }
        guard forUs, arp.operation == .request else { return }
        let reply = ARPPacket(operation: .reply, senderMAC: device.interfaces[interface].mac, senderIP: own.address,
                              targetMAC: arp.senderMAC, targetIP: arp.senderIP)
        transmit(EthernetFrame(destination: arp.senderMAC, source: device.interfaces[interface].mac, payload: .arp(reply)),
                 device: device.id, interface: interface, trace: .empty)
    }

    private func sendARPRequest(device: Device, interface: Int, target: IPv4Address) {
        guard let own = device.interfaces[interface].address else { return }
        let request = ARPPacket(operation: .request, senderMAC: device.interfaces[interface].mac, senderIP: own.address,
                                targetMAC: .zero, targetIP: target)
        transmit(EthernetFrame(destination: .broadcast, source: device.interfaces[interface].mac, payload: .arp(request)),
                 device: device.id, interface: interface, trace: .empty)
    }

    private func flushPending(device: Device, target: IPv4Address, mac: MACAddress) {
        guard let pending = device.arp.pending.removeValue(forKey: target) else { return }
        for (packet, trace) in pending.packets {
            transmit(EthernetFrame(destination: mac, source: device.interfaces[pending.interface].mac, payload: .ipv4(packet)),
                     device: device.id, interface: pending.interface, trace: trace)
        }
    }

    func arpRetry(device: Device, interface: Int, target: IPv4Address) {
        guard var pending = device.arp.pending[target], pending.interface == interface else { return }
        if pending.attempts >= ARPCache.maxAttempts || !device.interfaces[interface].operUp {
            device.arp.pending[target] = nil
            for (packet, trace) in pending.packets {
                resolutionFailed(packet, device: device, trace: trace, nextHop: target, interface: interface)
            }
            return
        }
        pending.attempts += 1
        device.arp.pending[target] = pending
        sendARPRequest(device: device, interface: interface, target: target)
        schedule(.arpRetry(device: device.id, interface: interface, target: target), after: ARPCache.retryInterval)
    }

    /// A packet could not be delivered because its next hop never answered ARP: tell the sender
    /// (a local probe, or the remote source with ICMP host unreachable, as Linux does).
    private func resolutionFailed(_ packet: IPv4Packet, device: Device, trace: PacketTrace, nextHop: IPv4Address,
                                  interface: Int) {
        if trace.devices == [device.id] && device.ownsAddress(packet.source), case .tcp = packet.payload {
            tcpUndeliverable(packet, device: device)
        } else if trace.devices == [device.id] && device.ownsAddress(packet.source) {
            probeUndeliverable(packet, device: device,
                               reason: "no ARP reply from \(nextHop) on \(device.interfaces[interface].name)")
        } else {
            sendICMPError(.destinationUnreachable(code: .host, quoted: QuotedDatagram(quoting: packet)),
                          about: packet, device: device, trace: trace)
        }
    }

    // MARK: Input

    private func receiveIPv4(_ packet: IPv4Packet, device: Device, interface: Int, trace: PacketTrace) {
        var trace = trace
        trace.record(device.id)
        if device.isLocalDestination(packet.destination) || packet.destination.isBroadcast
            || device.isSubnetBroadcast(packet.destination, on: interface) || isJoinedGroup(packet.destination, device: device) {
            deliverLocally(packet, device: device, interface: interface, trace: trace)
        } else if device.forwardsIP {
            forward(packet, device: device, interface: interface, trace: trace)
        }
    }

    private func forward(_ packet: IPv4Packet, device: Device, interface: Int, trace: PacketTrace) {
        guard !packet.destination.isMulticast, !packet.source.isMulticast else { return }
        // The routing decision comes first, as in Linux: a packet with nowhere to go earns
        // "network unreachable" even when its TTL has also run out.
        guard let route = device.rib.fib.lookup(packet.destination) else {
            sendICMPError(.destinationUnreachable(code: .network, quoted: QuotedDatagram(quoting: packet)),
                          about: packet, device: device, trace: trace)
            return
        }
        if packet.ttl <= 1 {
            sendICMPError(.timeExceeded(quoted: QuotedDatagram(quoting: packet)), about: packet, device: device, trace: trace)
            return
        }
        var forwarded = packet
        forwarded.ttl -= 1
        output(forwarded, device: device, route: route, trace: trace, originatedHere: false)
    }

    // MARK: Output

    /// Originates a packet from this device. Returns why it could not be sent, or nil when it
    /// left (or waits for ARP).
    @discardableResult
    func sendLocal(_ packet: IPv4Packet, device: Device, trace: PacketTrace) -> String? {
        var trace = trace
        trace.record(device.id)
        if device.isLocalDestination(packet.destination) {
            // Addressed to ourselves: loop back without touching a link.
            deliverLocally(packet, device: device, interface: nil, trace: trace)
            return nil
        }
        guard let route = device.rib.fib.lookup(packet.destination) else { return "no route to \(packet.destination)" }
        return output(packet, device: device, route: route, trace: trace, originatedHere: true)
    }

    /// The source address a locally originated packet to `destination` should carry: the
    /// address of the outgoing interface (falling back to any configured address).
    func sourceAddress(toward destination: IPv4Address, device: Device) -> IPv4Address? {
        if device.isLocalDestination(destination) { return destination }
        if let route = device.rib.fib.lookup(destination), let hop = route.nextHops.first,
           let address = device.interfaces[hop.interface].address?.address {
            return address
        }
        return device.interfaces.lazy.compactMap { $0.address?.address }.first
    }

    /// Sends a packet toward the next hop `route` picks. A packet this device originated reports
    /// failures to its caller (as a socket error would); a forwarded one earns its source an ICMP error.
    @discardableResult
    private func output(_ packet: IPv4Packet, device: Device, route: Route, trace: PacketTrace,
                        originatedHere: Bool) -> String? {
        let hop = route.nextHops.count == 1 ? route.nextHops[0] : route.nextHops[ecmpIndex(packet, device: device, count: route.nextHops.count)]
        return output(packet, device: device, interface: hop.interface, nextHop: hop.address ?? packet.destination,
                      trace: trace, originatedHere: originatedHere)
    }

    /// Sends a packet out of a chosen interface toward `nextHop`, resolving its MAC with ARP.
    @discardableResult
    func output(_ packet: IPv4Packet, device: Device, interface: Int, nextHop: IPv4Address, trace: PacketTrace,
                originatedHere: Bool) -> String? {
        guard device.interfaces[interface].operUp, let linkID = device.interfaces[interface].link else {
            device.interfaces[interface].counters.drops += 1
            return "interface \(device.interfaces[interface].name) is down"
        }
        if packet.totalLength > links[linkID].mtu {
            device.interfaces[interface].counters.drops += 1
            if packet.dontFragment && !originatedHere {
                sendICMPError(.destinationUnreachable(code: .fragmentationNeeded, quoted: QuotedDatagram(quoting: packet)),
                              about: packet, device: device, trace: trace)
            }
            return "packet of \(packet.totalLength) bytes exceeds the MTU \(links[linkID].mtu) of \(device.interfaces[interface].name) (fragmentation is not supported)"
        }
        let port = device.interfaces[interface]
        if packet.destination.isBroadcast || device.isSubnetBroadcast(packet.destination, on: interface) {
            transmit(EthernetFrame(destination: .broadcast, source: port.mac, payload: .ipv4(packet)),
                     device: device.id, interface: interface, trace: trace)
            return nil
        }
        if let mac = device.arp.lookup(nextHop, interface: interface, now: now) {
            transmit(EthernetFrame(destination: mac, source: port.mac, payload: .ipv4(packet)),
                     device: device.id, interface: interface, trace: trace)
            return nil
        }
        if var pending = device.arp.pending[nextHop] {
            if pending.packets.count >= ARPCache.maxQueuedPerTarget { pending.packets.removeFirst() }
            pending.packets.append((packet, trace))
            device.arp.pending[nextHop] = pending
        } else {
            device.arp.pending[nextHop] = ARPCache.Pending(interface: interface, attempts: 1, packets: [(packet, trace)])
            sendARPRequest(device: device, interface: interface, target: nextHop)
            schedule(.arpRetry(device: device.id, interface: interface, target: nextHop), after: ARPCache.retryInterval)
        }
        return nil
    }

    /// Picks one of several equal-cost next hops by hashing source and destination (Linux's
    /// default layer-3 policy), salted per device so that paths do not polarise.
    private func ecmpIndex(_ packet: IPv4Packet, device: Device, count: Int) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(device.id)
        for word in [packet.source.value, packet.destination.value] {
            for shift in stride(from: 0, to: 32, by: 8) {
                hash ^= UInt64(word >> UInt32(shift) & 0xFF)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        return Int(hash % UInt64(count))
    }
}
