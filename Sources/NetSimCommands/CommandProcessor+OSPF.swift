import NetSimEngine
import NetSimOSPF
import NetSimWire

/// The OSPF show commands. Each needs the device's running OSPF process and says so when there
/// is none.
extension CommandProcessor {
    func executeOSPF(_ match: CommandGrammar.Match, device: Device,
                     simulation: Simulation) throws(CommandError) -> CommandResult {
        guard let instance = device.ospf else { throw CommandError("OSPF is not enabled on \(device.name)") }
        let json = match.json
        let arguments = match.arguments
        switch match.action {
        case .showOSPF:
            return OSPFSummaryRenderer.render(instance, wantsJSON: json)
        case .showOSPFNeighbors:
            return OSPFNeighborRenderer.render(instance, now: simulation.now, wantsJSON: json)
        case .showOSPFInterfaces:
            return OSPFInterfaceRenderer.render(instance.interfaces, instance: instance, device: device, wantsJSON: json)
        case .showOSPFInterface:
            let index = try interfaceIndex(arguments[0], device: device, simulation: simulation)
            guard let interface = instance.interface(atDeviceIndex: index) else {
                throw CommandError("OSPF is not enabled on \(device.name) interface \(device.interfaces[index].name)")
            }
            return OSPFInterfaceRenderer.render([interface], instance: instance, device: device, wantsJSON: json)
        case .showOSPFDatabase:
            return OSPFDatabaseRenderer.renderSummary(instance, wantsJSON: json)
        case .showOSPFDatabaseType, .showOSPFDatabaseLSA:
            guard let type = LSAType.allCases.first(where: { $0.description == arguments[0] }) else {
                throw CommandError("unknown LSA type '\(arguments[0])'")
            }
            let linkStateID = arguments.count > 1 ? try address(arguments[1]) : nil
            return OSPFDatabaseRenderer.renderDetail(instance, type: type, linkStateID: linkStateID, wantsJSON: json)
        default:
            throw CommandError("'\(match.action.rawValue)' is not an OSPF command")
        }
    }
}
