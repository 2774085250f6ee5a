import NetSimDaemonClient
import NetSimRouting

/// How a daemon was asked to run (`netsim daemon start` and its worker).
public struct DaemonOptions: Sendable {
    public var name: String
    /// The topology path as the user gave it (shown by `daemon list`).
    public var topology: String
    /// The same path made absolute (the worker may run elsewhere).
    public var topologyPath: String
    /// How often the live loop wakes: the most an event may run late.
    public var tick: SimTime
    /// Simulated seconds per wall-clock second.
    public var speed: Double
    /// "127.0.0.1:PORT" for the optional TCP listener.
    public var listen: String?
    public var seed: UInt64
    public var stabilityWindow: SimTime
    /// `Simulation.workerThreads`: threads for the events several devices have due at one instant.
    public var threads: Int
    public var home: DaemonHome

    public init(name: String, topology: String, topologyPath: String, tick: SimTime, speed: Double, listen: String?,
                seed: UInt64, stabilityWindow: SimTime, threads: Int = 1, home: DaemonHome) {
        self.name = name
        self.topology = topology
        self.topologyPath = topologyPath
        self.tick = tick
        self.speed = speed
        self.listen = listen
        self.seed = seed
        self.stabilityWindow = stabilityWindow
        self.threads = threads
        self.home = home
    }

    /// The worker's arguments after `netsim daemon worker`.
    public var workerArguments: [String] {
        var arguments = [name, topologyPath, "--display-topology", topology,
                         "--tick-interval", tick.description, "--speed", String(speed),
                         "--seed", String(seed), "--stability-window", stabilityWindow.description,
                         "--threads", String(threads)]
        if let listen { arguments += ["--listen", listen] }
        return arguments
    }
}
