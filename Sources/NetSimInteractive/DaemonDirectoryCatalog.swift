import NetSimDaemonClient

/// The daemons under a `DaemonHome` for the browser: the directory lists them without talking to
/// them; devices and events come from each daemon's API.
public struct DaemonDirectoryCatalog: DaemonCatalog {
    public let directory: DaemonDirectory

    public init(directory: DaemonDirectory) { self.directory = directory }

    public func daemons() -> [DaemonListing] {
        directory.entries().map { entry in
            DaemonListing(name: entry.name, pid: entry.pid, uptime: entry.record.map { UptimeFormat.short($0.uptime()) },
                          topology: entry.record?.topology, isRunning: entry.state == .running)
        }
    }

    public func devices(of daemon: String) async throws -> [DeviceListing] {
        let home = directory.home
        let devices = try await DaemonConsoleBackend.offThread { try DaemonClient.named(daemon, home: home).devices() }
        return devices.map { DeviceListing(name: $0.name, kind: $0.kind) }
    }

    public func backend(for daemon: String) throws -> any ConsoleBackend {
        DaemonConsoleBackend(client: try DaemonClient.named(daemon, home: directory.home))
    }
}
