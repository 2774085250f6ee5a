import NetSimEngine
import NetSimRouting
import NetSimWire

/// Runs console command lines against a device of a simulation. The one implementation behind
/// `netsim run` scripts and the daemon's commands (`exec`, the API).
public struct CommandProcessor {
    public let grammar: CommandGrammar

    public init(grammar: CommandGrammar = .console) { self.grammar = grammar }

    /// Parses and starts a command on a device. Queries finish at once; probes keep running in
    /// simulated time (see `PendingCommand`). Never throws: errors become failed results.
    public func start(_ line: String, device deviceName: String, in simulation: Simulation) -> CommandStart {
        let wantsJSON = CommandGrammar.words(of: line).contains("--json")
        guard let device = simulation.device(named: deviceName) else {
            let known = simulation.devices.map(\.name).joined(separator: ", ")
            return .finished(.failure(CommandError("no device '\(deviceName)' (devices: \(known))"), wantsJSON: wantsJSON))
        }
        let match: CommandGrammar.Match
        switch grammar.match(line) {
        case .success(let found): match = found
        case .failure(let error): return .finished(.failure(error, wantsJSON: wantsJSON))
        }
        do {
            return try execute(match, device: device, simulation: simulation)
        } catch {
            return .finished(.failure(error, wantsJSON: match.json))
        }
    }

    private func execute(_ match: CommandGrammar.Match, device: Device,
                         simulation: Simulation) throws(CommandError) -> CommandStart {
        let json = match.json
        let arguments = match.arguments
        switch match.action {
        case .showIPRoute:
            try requireIPStack(device)
            return .finished(RouteTableRenderer.render(device: device, wantsJSON: json))
        case .showIPRouteFor:
            try requireIPStack(device)
            return .finished(try RouteTableRenderer.renderLookup(arguments[0], device: device, wantsJSON: json))
        case .showInterfaces:
            return .finished(InterfaceRenderer.render(device: device, simulation: simulation, wantsJSON: json))
        case .showInterface:
            let index = try interfaceIndex(arguments[0], device: device, simulation: simulation)
            return .finished(InterfaceRenderer.renderDetail(device: device, interface: index, simulation: simulation,
                                                            wantsJSON: json))
        case .showARP:
            try requireIPStack(device)
            return .finished(NeighborTableRenderer.renderARP(device: device, simulation: simulation, wantsJSON: json))
        case .showMACTable:
            guard device.kind == .switch else {
                throw CommandError("\(device.name) is a \(device.kind.rawValue); only switches have a MAC address table")
            }
            return .finished(NeighborTableRenderer.renderMACTable(device: device, simulation: simulation, wantsJSON: json))
        case .showIPProtocols:
            try requireIPStack(device)
            return .finished(ProtocolsRenderer.render(device: device, wantsJSON: json))
        case .showOSPF, .showOSPFNeighbors, .showOSPFInterfaces, .showOSPFInterface, .showOSPFDatabase,
             .showOSPFDatabaseType, .showOSPFDatabaseLSA:
            return .finished(try executeOSPF(match, device: device, simulation: simulation))
        case .showISISNeighbors, .showISISDatabase, .showISISDatabaseDetail, .showISISInterfaces, .showISISSPF,
             .showISISRoute:
            return .finished(try executeISIS(match, device: device, simulation: simulation))
        case .showBGP, .showBGPSummary, .showBGPNeighbors, .showBGPNeighbor, .showBGPNeighborRoutes, .showBGPRoute,
             .clearBGP, .clearBGPSoft, .clearBGPAll, .clearBGPProcess, .clearBGPProcessGraceful:
            return .finished(try executeBGP(match, device: device, simulation: simulation))
        case .ping:
            try requireIPStack(device)
            let target = try address(arguments[0])
            let probe = simulation.startPing(device: device.id, target: target, count: match.options["-c"] ?? 5,
                                             dataLength: match.options["-s"] ?? 56)
            return .running(PendingCommand(kind: .ping, probe: probe, wantsJSON: json))
        case .traceroute:
            try requireIPStack(device)
            let target = try address(arguments[0])
            let probe = simulation.startTraceroute(device: device.id, target: target, maxTTL: match.options["-m"] ?? 30)
            return .running(PendingCommand(kind: .traceroute, probe: probe, wantsJSON: json))
        case .routeAdd, .routeAddWithDistance:
            let prefix = try prefix(arguments[0])
            let gateway = try address(arguments[1])
            var distance: UInt8 = 1
            if match.action == .routeAddWithDistance {
                guard let value = UInt8(arguments[2]), value >= 1 else {
                    throw CommandError("distance must be between 1 and 255, not \(arguments[2])")
                }
                distance = value
            }
            do {
                try simulation.addStaticRoute(device: device.id, StaticRoute(prefix: prefix, gateway: gateway,
                                                                             interface: nil, distance: distance))
            } catch {
                throw CommandError(error.description)
            }
            return .finished(message("static route \(prefix) via \(gateway) added (distance \(distance))"))
        case .routeDelete, .routeDeleteVia:
            let prefix = try prefix(arguments[0])
            let gateway = match.action == .routeDeleteVia ? try address(arguments[1]) : nil
            let removed: Int
            do {
                removed = try simulation.removeStaticRoute(device: device.id, prefix: prefix, gateway: gateway)
            } catch {
                throw CommandError(error.description)
            }
            return .finished(message("\(removed) static route\(removed == 1 ? "" : "s") for \(prefix) removed"))
        case .interfaceShutdown, .interfaceNoShutdown:
            let index = try interfaceIndex(arguments[0], device: device, simulation: simulation)
            let up = match.action == .interfaceNoShutdown
            let changed = simulation.setAdminState(device: device.id, interface: index, up: up)
            let name = device.interfaces[index].name
            return .finished(message("Interface \(name) " + (up ? "admin-up" : "admin-down") + (changed ? "" : " (unchanged)")))
        case .help:
            let width = grammar.commands.map(\.syntax.count).max() ?? 0
            let lines = grammar.commands.map { $0.syntax.padded(to: width + 2) + $0.help }
            let json = JSONValue.array(grammar.commands.map {
                .object(["syntax": .string($0.syntax), "help": .string($0.help)])
            })
            return .finished(CommandResult(text: (["Commands (any unique prefix of a word works, e.g. 'sh ip ro'):"] + lines)
                .joined(separator: "\n"), json: json))
        }
    }

    private func message(_ text: String) -> CommandResult {
        CommandResult(text: text, json: .object(["message": .string(text)]))
    }

    private func requireIPStack(_ device: Device) throws(CommandError) {
        guard device.hasIPStack else {
            throw CommandError("\(device.name) is a switch; it has no IP stack (try 'show mac address-table')")
        }
    }

    func interfaceIndex(_ name: String, device: Device, simulation: Simulation) throws(CommandError) -> Int {
        do {
            return try simulation.interfaceIndex(device: device.id, named: name)
        } catch {
            throw CommandError(error.description)
        }
    }

    func address(_ text: String) throws(CommandError) -> IPv4Address {
        guard let address = IPv4Address(text) else { throw CommandError("'\(text)' is not an IPv4 address") }
        return address
    }

    private func prefix(_ text: String) throws(CommandError) -> IPv4Prefix {
        guard let cidr = InterfaceAddress(text) else {
            throw CommandError("'\(text)' is not an IPv4 prefix (expected a.b.c.d/len)")
        }
        guard cidr.address == cidr.prefix.network else {
            throw CommandError("'\(text)' has host bits set; did you mean \(cidr.prefix)?")
        }
        return cidr.prefix
    }
}
