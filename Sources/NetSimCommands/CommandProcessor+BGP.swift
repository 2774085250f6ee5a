import NetSimBGP
import NetSimEngine
import NetSimWire

/// The BGP commands. Each needs the device's running BGP speaker and says so when there is none.
extension CommandProcessor {
    func executeBGP(_ match: CommandGrammar.Match, device: Device,
                    simulation: Simulation) throws(CommandError) -> CommandResult {
        guard let instance = device.bgp else { throw CommandError("BGP is not enabled on \(device.name)") }
        let json = match.json, arguments = match.arguments
        switch match.action {
        case .showBGP:
            return BGPTableRenderer.render(instance, wantsJSON: json)
        case .showBGPSummary:
            return BGPSummaryRenderer.render(instance, now: simulation.now, wantsJSON: json)
        case .showBGPNeighbors:
            return try BGPNeighborRenderer.render(instance, address: nil, now: simulation.now, wantsJSON: json)
        case .showBGPNeighbor:
            return try BGPNeighborRenderer.render(instance, address: arguments[0], now: simulation.now, wantsJSON: json)
        case .showBGPNeighborRoutes:
            return try BGPNeighborRenderer.renderRoutes(instance, address: arguments[0], direction: arguments[1],
                                                        wantsJSON: json)
        case .showBGPRoute:
            return try BGPRouteRenderer.render(arguments[0], instance: instance, wantsJSON: json)
        case .clearBGP, .clearBGPSoft:
            let peer = try address(arguments[0])
            let kind: BGPClearKind = match.action == .clearBGP ? .hard : (arguments[1] == "in" ? .softIn : .softOut)
            guard simulation.clearBGP(device: device.id, peer: peer, kind) else {
                throw CommandError("no such neighbor: \(peer)")
            }
            let what = match.action == .clearBGP ? "session reset" : "soft reconfiguration \(arguments[1])bound"
            return clearResult("BGP neighbor \(peer): \(what)")
        case .clearBGPAll:
            for peer in instance.neighborAddresses { _ = simulation.clearBGP(device: device.id, peer: peer, .hard) }
            let count = instance.neighborAddresses.count
            return clearResult("BGP: \(count) neighbor\(count == 1 ? "" : "s") cleared")
        case .clearBGPProcess, .clearBGPProcessGraceful:
            let graceful = match.action == .clearBGPProcessGraceful
            if graceful, !instance.configuration.gracefulRestart {
                throw CommandError("graceful restart is not configured on \(device.name) (bgp: { graceful_restart: true })")
            }
            simulation.restartBGP(device: device.id, graceful: graceful)
            return clearResult("BGP process restarted" + (graceful ? " gracefully" : ""))
        default:
            throw CommandError("'\(match.action.rawValue)' is not a BGP command")
        }
    }

    private func clearResult(_ text: String) -> CommandResult {
        CommandResult(text: text, json: .object(["message": .string(text)]))
    }
}
