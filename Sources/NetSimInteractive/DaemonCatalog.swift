/// The daemons the browser can show, their devices, and a console backend for each: the
/// daemon directory and client in `netsim daemon`, a fake in tests.
public protocol DaemonCatalog: Sendable {
    /// Every daemon with state on disk, running or stale, sorted by name.
    func daemons() -> [DaemonListing]
    /// The devices of a running daemon, in topology order.
    func devices(of daemon: String) async throws -> [DeviceListing]
    /// A backend talking to a running daemon (the log viewer follows its events).
    func backend(for daemon: String) throws -> any ConsoleBackend
}

public struct DaemonListing: Sendable, Equatable {
    public var name: String
    public var pid: Int32?
    /// How long it has been up ("2h 15m"); nil while it is starting or when it is stale.
    public var uptime: String?
    /// The topology file as given to `daemon start`.
    public var topology: String?
    public var isRunning: Bool

    public init(name: String, pid: Int32?, uptime: String?, topology: String?, isRunning: Bool) {
        self.name = name
        self.pid = pid
        self.uptime = uptime
        self.topology = topology
        self.isRunning = isRunning
    }
}

public struct DeviceListing: Sendable, Equatable {
    public var name: String
    /// router, host or switch.
    public var kind: String

    public init(name: String, kind: String) {
        self.name = name
        self.kind = kind
    }
}
