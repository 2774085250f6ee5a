import NetSimEngine
import NetSimISIS
import NetSimWire

/// The IS-IS show commands. Each needs the device's running IS-IS process and says so when
/// there is none.
extension CommandProcessor {
    func executeISIS(_ match: CommandGrammar.Match, device: Device,
                     simulation: Simulation) throws(CommandError) -> CommandResult {
        guard let instance = device.isis else { throw CommandError("IS-IS is not enabled on \(device.name)") }
        let json = match.json
        switch match.action {
        case .showISISNeighbors:
            return ISISNeighborRenderer.render(instance, now: simulation.now, wantsJSON: json)
        case .showISISDatabase:
            return ISISDatabaseRenderer.render(instance, detail: false, wantsJSON: json)
        case .showISISDatabaseDetail:
            return ISISDatabaseRenderer.render(instance, detail: true, wantsJSON: json)
        case .showISISInterfaces:
            return ISISInterfaceRenderer.render(instance, wantsJSON: json)
        case .showISISSPF:
            return ISISSPFRenderer.render(instance, device: device, wantsJSON: json)
        case .showISISRoute:
            return ISISRouteRenderer.render(instance, device: device, wantsJSON: json)
        default:
            throw CommandError("'\(match.action.rawValue)' is not an IS-IS command")
        }
    }
}
