import ArgumentParser
import NetSimCommands
import NetSimDaemonClient
import NetSimRouting

struct DaemonStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a running daemon: PID, uptime, tick, topology, clock and devices.")

    @Argument(help: "The daemon's name.")
    var name: String

    @Flag(help: "Print the status as JSON (the API's /v1/status).")
    var json = false

    func run() throws {
        let status: DaemonStatus
        do {
            status = try DaemonClient.named(name).status()
        } catch {
            fail(error.description)
        }
        if json {
            print(statusJSON(status).compact)
            return
        }
        func time(_ milliseconds: Double) -> String { SimTime(nanoseconds: Int64(milliseconds * 1_000_000)).description }
        print("""
            Daemon: \(status.name)
            PID: \(status.pid)
            Uptime: \(UptimeFormat.long(status.uptimeSeconds))
            Tick interval: \(time(status.tickMilliseconds))
            Speed: \(JSONValue.double(status.speed).compact)x
            Topology: \(status.topology)
            Devices: \(status.devices.map { "\($0.name) (\($0.kind))" }.joined(separator: ", "))
            Simulated time: t=\(time(status.simulatedMilliseconds))\
            \(status.convergedAtMilliseconds.map { " (converged at t=\(time($0)))" } ?? "")
            Events: \(status.events)
            """ + (status.listen.map { "\nTCP listener: \($0)" } ?? ""))
    }

    private func statusJSON(_ status: DaemonStatus) -> JSONValue {
        .object([
            "name": .string(status.name), "pid": .integer(status.pid), "topology": .string(status.topology),
            "topology_path": .string(status.topologyPath), "started_at": .double(status.startedAt),
            "uptime_s": .integer(status.uptimeSeconds), "tick_ms": .double(status.tickMilliseconds),
            "speed": .double(status.speed), "sim_ms": .double(status.simulatedMilliseconds),
            "converged_ms": status.convergedAtMilliseconds.map { .double($0) } ?? .null,
            "events": .integer(status.events), "listen": .optional(status.listen),
            "devices": .array(status.devices.map { .object(["name": .string($0.name), "kind": .string($0.kind)]) }),
        ])
    }
}
