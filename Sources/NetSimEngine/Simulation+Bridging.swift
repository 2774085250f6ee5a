import NetSimRouting
import NetSimWire

/// Transparent bridging (IEEE 802.1D/Q) for switches: learn the source, forward to the known
/// port or flood within the VLAN. Access ports carry untagged frames of one VLAN; trunk ports
/// carry 802.1Q-tagged frames of their listed VLANs.
extension Simulation {
    func bridge(_ frame: EthernetFrame, device: Device, port: Int, trace: PacketTrace) {
        guard let ingress = device.interfaces[port].switchport else { return }
        let vlan: UInt16
        switch ingress {
        case .access(let own):
            guard frame.vlan == nil else { return device.interfaces[port].counters.drops += 1 }
            vlan = own
        case .trunk(let allowed):
            guard let tag = frame.vlan, allowed.contains(tag) else { return device.interfaces[port].counters.drops += 1 }
            vlan = tag
        }
        if !frame.source.isGroup { device.macTable.learn(frame.source, vlan: vlan, port: port, now: now) }
        let egress: [Int]
        if !frame.destination.isGroup, let known = device.macTable.port(for: frame.destination, vlan: vlan, now: now) {
            egress = known == port ? [] : [known]
        } else {
            egress = device.interfaces.indices.filter {
                $0 != port && device.interfaces[$0].operUp && device.interfaces[$0].switchport?.carries(vlan) == true
            }
        }
        for out in egress {
            var copy = frame
            if case .trunk = device.interfaces[out].switchport { copy.vlan = vlan } else { copy.vlan = nil }
            transmit(copy, device: device.id, interface: out, trace: trace)
        }
    }
}
