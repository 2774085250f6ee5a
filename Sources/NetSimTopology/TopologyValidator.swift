import NetSimWire

/// Semantic checks on a parsed topology: the things a schema cannot say, such as names being
/// unique, link endpoints existing and addresses on a link sharing a subnet.
///
/// All checks run and every problem is returned, sorted by location. The checks live in
/// extensions by subject: device and interface rules, OSPF, IS-IS, links, and the script.
public struct TopologyValidator {
    let spec: TopologySpec
    let gaps: ParseGaps
    /// Devices by name; with duplicate names, the first definition.
    let devicesByName: [String: DeviceSpec]
    var diagnostics: [Diagnostic] = []

    private init(spec: TopologySpec, gaps: ParseGaps) {
        self.spec = spec
        self.gaps = gaps
        devicesByName = Dictionary(spec.devices.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every semantic problem in `spec`, sorted by location; empty when the topology is sound.
    public static func validate(_ spec: TopologySpec) -> [Diagnostic] {
        validate(spec, gaps: ParseGaps())
    }

    /// Validates a spec that may have holes left by parse errors, skipping the checks that the
    /// holes would make wrong (see `ParseGaps`).
    static func validate(_ spec: TopologySpec, gaps: ParseGaps) -> [Diagnostic] {
        var validator = TopologyValidator(spec: spec, gaps: gaps)
        validator.checkDeviceList()
        validator.checkNames()
        for device in spec.devices {
            validator.checkDevice(device)
        }
        validator.checkUniqueAddresses()
        validator.checkOSPF()
        validator.checkISIS()
        validator.checkBGP()
        validator.checkLinks()
        validator.checkScript()
        return validator.diagnostics.sorted()
    }

    mutating func report(_ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(location: location, message: message, hint: hint))
    }

    // MARK: Topology-wide checks

    private mutating func checkDeviceList() {
        guard spec.devices.isEmpty, !gaps.devicesUnreadable else { return }
        report("the topology has no devices", at: spec.valueLocations["devices"] ?? spec.location,
               hint: "list at least one device under 'devices', e.g. - {name: r1, type: router}")
    }

    /// Names are unique (devices topology-wide, interfaces per device) and usable in
    /// "device:interface" endpoints and on command lines.
    private mutating func checkNames() {
        var firstDevice: [String: SourceLocation] = [:]
        for device in spec.devices {
            let location = device.valueLocations["name"] ?? device.location
            checkName(device.name, of: "device", at: location)
            if let first = firstDevice[device.name] {
                report("duplicate device name '\(device.name)'", at: location, hint: "first defined at \(first)")
            } else {
                firstDevice[device.name] = location
            }

            var firstInterface: [String: SourceLocation] = [:]
            for interface in device.interfaces {
                let location = interface.valueLocations["name"] ?? interface.location
                checkName(interface.name, of: "interface", at: location)
                if let first = firstInterface[interface.name] {
                    report("duplicate interface name '\(interface.name)' in device '\(device.name)'", at: location,
                           hint: "first defined at \(first)")
                } else {
                    firstInterface[interface.name] = location
                }
            }
        }
    }

    private mutating func checkName(_ name: String, of what: String, at location: SourceLocation) {
        if name.isEmpty {
            report("\(what) name must not be empty", at: location)
        } else if name.contains(where: { $0.isWhitespace || $0 == ":" }) {
            report("invalid \(what) name '\(name)': names must not contain whitespace or ':'", at: location,
                   hint: "endpoints are written 'device:interface', so names use letters, digits, '-', '_', '/' or '.'")
        }
    }

    /// No IPv4 address is configured twice anywhere in the topology.
    private mutating func checkUniqueAddresses() {
        var owners: [IPv4Address: (owner: String, location: SourceLocation)] = [:]
        for device in spec.devices {
            for interface in device.interfaces {
                guard let address = interface.address?.address else { continue }
                let location = interface.valueLocations["ip"] ?? interface.location
                if let first = owners[address] {
                    report("IP address \(address) of '\(device.name):\(interface.name)' is already used by "
                           + "'\(first.owner)'", at: location, hint: "first assigned at \(first.location)")
                } else {
                    owners[address] = ("\(device.name):\(interface.name)", location)
                }
            }
        }
    }

    /// Script steps name devices that exist.
    private mutating func checkScript() {
        let names = spec.devices.map(\.name)
        for step in spec.script where devicesByName[step.device] == nil {
            report("script step names unknown device '\(step.device)'",
                   at: step.valueLocations["device"] ?? step.location,
                   hint: SpellingSuggestion.hint(for: step.device, among: names)
                       ?? "devices are: \(names.joined(separator: ", "))")
        }
    }
}
