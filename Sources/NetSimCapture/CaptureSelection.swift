import NetSimEngine
import NetSimWire

/// A filter resolved against a simulation: the interfaces to capture on, in device and
/// interface order (the order of the pcapng Interface Description Blocks), and the protocols to
/// keep.
public struct CaptureSelection: Sendable, Equatable {
    public struct Port: Sendable, Equatable {
        public let device: Int
        public let interface: Int
        /// How the capture file names and describes it: "r1:eth0", "to r2:eth0".
        public let description: CaptureInterface
    }

    public let ports: [Port]
    /// Empty: every frame.
    public let protocols: [CaptureProtocol]
    private let positions: [Place: Int]

    /// Resolves `filter`'s names in `simulation`, reporting every unknown device or interface
    /// and every interface that is not cabled (nothing could ever be captured there).
    public init(_ filter: CaptureFilter, in simulation: Simulation) throws(CaptureFilterError) {
        var chosen = Set<Place>()
        var protocols: [CaptureProtocol] = []
        var problems: [String] = []
        var namesPlaces = false
        for term in filter.terms {
            if case .proto(let proto) = term {
                if !protocols.contains(proto) { protocols.append(proto) }
                continue
            }
            namesPlaces = true
            do {
                chosen.formUnion(try Self.places(term, in: simulation))
            } catch {
                problems.append("'\(term)': \(error.message)")
            }
        }
        guard problems.isEmpty else { throw CaptureFilterError(problems) }
        if !namesPlaces { chosen = Set(simulation.devices.flatMap(Self.cabledPlaces)) }
        let sorted = chosen.sorted()
        positions = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
        ports = sorted.map { place in
            let device = simulation.devices[place.device]
            let peers = simulation.peers(device: place.device, interface: place.interface)
            return Port(device: place.device, interface: place.interface,
                        description: CaptureInterface(name: "\(device.name):\(device.interfaces[place.interface].name)",
                                                      description: "to " + peers.joined(separator: ", ")))
        }
        self.protocols = protocols
    }

    /// The position of an interface among `ports` (its pcapng interface ID), nil when not captured.
    public func position(device: Int, interface: Int) -> Int? {
        positions[Place(device, interface)]
    }

    /// Whether a frame passes the protocol terms.
    public func accepts(_ frame: EthernetFrame) -> Bool {
        protocols.isEmpty || protocols.contains { $0.matches(frame) }
    }

    // MARK: Resolving names

    private struct Place: Hashable, Comparable {
        let device: Int
        let interface: Int

        init(_ device: Int, _ interface: Int) {
            self.device = device
            self.interface = interface
        }

        static func < (lhs: Place, rhs: Place) -> Bool { (lhs.device, lhs.interface) < (rhs.device, rhs.interface) }
    }

    private struct Problem: Error {
        let message: String
    }

    /// The interfaces a device, interface or link term names.
    private static func places(_ term: CaptureFilter.Term, in simulation: Simulation) throws(Problem) -> [Place] {
        switch term {
        case .proto:
            return []
        case .device(let name):
            let device = try device(name, in: simulation)
            let cabled = cabledPlaces(device)
            if cabled.isEmpty { throw Problem(message: "\(name) has no cabled interfaces") }
            return cabled
        case let .interface(deviceName, interfaceName), let .link(deviceName, interfaceName):
            let device = try device(deviceName, in: simulation)
            let index: Int
            do {
                index = try simulation.interfaceIndex(device: device.id, named: interfaceName)
            } catch {
                throw Problem(message: error.description)
            }
            guard let link = device.interfaces[index].link else {
                throw Problem(message: "\(deviceName):\(interfaceName) is not cabled to a link; nothing crosses it")
            }
            guard case .link = term else { return [Place(device.id, index)] }
            return simulation.links[link].endpoints.map { Place($0.device, $0.interface) }
        }
    }

    private static func device(_ name: String, in simulation: Simulation) throws(Problem) -> Device {
        guard let device = simulation.device(named: name) else {
            let known = simulation.devices.map(\.name).joined(separator: ", ")
            throw Problem(message: "no device '\(name)' (devices: \(known))")
        }
        return device
    }

    private static func cabledPlaces(_ device: Device) -> [Place] {
        device.interfaces.indices.filter { device.interfaces[$0].link != nil }.map { Place(device.id, $0) }
    }
}
