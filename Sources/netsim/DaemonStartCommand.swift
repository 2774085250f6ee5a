import ArgumentParser
import Foundation
import NetSimDaemon
import NetSimDaemonClient
import NetSimRouting

struct DaemonStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Validate a topology, start it as a background daemon and return once it has converged.")

    @Argument(help: "The daemon's name (letters, digits, '.', '_', '-').")
    var name: String

    @Argument(help: "The topology YAML file.")
    var topology: String

    @Option(name: .customLong("tick-interval"), help: "How often the daemon advances the simulation: the most an event may run late (e.g. 50ms).",
            transform: TimeArgument.parse)
    var tickInterval: SimTime = .milliseconds(100)

    @Option(help: "Simulated seconds per wall-clock second once converged (e.g. 10 runs ten times faster than real time).")
    var speed: Double = 1

    @Option(help: "Also serve the API on TCP at this IPv4 address and port (e.g. 127.0.0.1:7070); requests need the bearer token from the state directory's token file.")
    var listen: String?

    @Option(help: "Seed for every random choice in the run (link loss).")
    var seed: UInt64 = 1

    @Option(name: .customLong("stability-window"),
            help: "How long routing, adjacency and interface state must stay unchanged to count as converged.",
            transform: TimeArgument.parse)
    var stabilityWindow: SimTime = .seconds(1)

    @OptionGroup var threads: ThreadsOption

    func validate() throws {
        guard speed > 0, speed.isFinite, speed <= 1_000_000 else {
            throw ValidationError("--speed must be a number above 0 (and at most 1000000), not \(speed)")
        }
        guard tickInterval >= .milliseconds(1), tickInterval <= .seconds(10) else {
            throw ValidationError("--tick-interval must be between 1ms and 10s, not \(tickInterval)")
        }
        if let listen, DaemonEndpoint.parseListen(listen) == nil {
            throw ValidationError("--listen wants an IPv4 address and a port, like 127.0.0.1:7070, not '\(listen)'")
        }
        do { try DaemonHome.check(name: name) } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        // The same checks as `netsim validate`, before anything starts.
        if case .failure(let error) = TopologyInput.load(topology) {
            TopologyInput.report(error)
            throw ExitCode(2)
        }
        let home = DaemonHome.fromEnvironment()
        let directory = DaemonDirectory(home: home)
        if let existing = try? directory.entry(named: name), existing.state == .running {
            fail(DaemonClientError.alreadyRunning(name: name, pid: existing.pid ?? 0).description)
        }
        let absolute = URL(fileURLWithPath: topology).standardizedFileURL.path
        let options = DaemonOptions(name: name, topology: topology, topologyPath: absolute, tick: tickInterval,
                                    speed: speed, listen: listen, seed: seed, stabilityWindow: stabilityWindow,
                                    threads: threads.count, home: home)
        let readiness: DaemonReadiness
        do {
            readiness = try DaemonLauncher.launch(executable: DaemonLauncher.currentExecutable, options: options)
        } catch {
            fail(error.description)
        }
        switch readiness {
        case let .ready(pid, converged, devices, socket, listen):
            print("Daemon '\(name)' started (PID \(pid)): \(devices) devices, converged at t=\(SimTime(nanoseconds: Int64(converged * 1_000_000)))")
            print("Socket: \(socket)" + (listen.map { "; TCP: \($0) (token in \(home.root.path)/\(name)/token)" } ?? ""))
        case .failed(let message):
            fail("daemon '\(name)' did not start: \(message)")
        }
    }
}

/// Prints an error to standard error and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
    exit(1)
}
