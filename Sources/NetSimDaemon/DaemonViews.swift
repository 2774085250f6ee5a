import NetSimCapture
import NetSimCommands
import NetSimDaemonClient
import NetSimEngine
import NetSimRouting

/// The JSON bodies of the daemon's read endpoints, built on the simulation thread. Device
/// details reuse the console's own `--json` renderings, so the API and `exec --json` agree.
enum DaemonViews {
    static func status(_ simulation: Simulation, record: DaemonRecord, uptime: Int) -> JSONValue {
        .object([
            "name": .string(record.name),
            "pid": .integer(record.pid),
            "topology": .string(record.topology),
            "topology_path": .string(record.topologyPath),
            "started_at": .double(record.startedAt),
            "uptime_s": .integer(uptime),
            "tick_ms": .double(record.tickMilliseconds),
            "speed": .double(record.speed),
            "listen": .optional(record.listen),
            "sim_ms": .double(simulation.now.milliseconds),
            "converged_ms": simulation.convergedAt.map { .double($0.milliseconds) } ?? .null,
            "events": .integer(simulation.eventsProcessed),
            "devices": .array(simulation.devices.map {
                .object(["name": .string($0.name), "kind": .string($0.kind.rawValue)])
            }),
        ])
    }

    static func devices(_ simulation: Simulation) -> JSONValue {
        .array(simulation.devices.map { device in
            .object(["name": .string(device.name), "kind": .string(device.kind.rawValue),
                     "interfaces": .array(device.interfaces.map { .string($0.name) })])
        })
    }

    /// Nil when there is no such device.
    static func device(_ name: String, in simulation: Simulation, processor: CommandProcessor) -> JSONValue? {
        guard let device = simulation.device(named: name) else { return nil }
        func table(_ command: String) -> JSONValue {
            guard case .finished(let result) = processor.start(command + " --json", device: name, in: simulation),
                  result.succeeded else { return .null }
            return result.json
        }
        return .object([
            "name": .string(device.name),
            "kind": .string(device.kind.rawValue),
            "router_id": .optional(device.routerID?.description),
            "interfaces": table("show interfaces"),
            "ospf_neighbors": device.ospf == nil ? .null : table("show ip ospf neighbor"),
            "arp": device.hasIPStack ? table("show arp") : .null,
        ])
    }

    static func topology(_ simulation: Simulation, record: DaemonRecord) -> JSONValue {
        .object([
            "file": .string(record.topologyPath),
            "devices": .array(simulation.devices.map { device in
                .object([
                    "name": .string(device.name),
                    "kind": .string(device.kind.rawValue),
                    "router_id": .optional(device.routerID?.description),
                    "interfaces": .array(device.interfaces.map { interface in
                        .object(["name": .string(interface.name), "address": .optional(interface.address?.description),
                                 "mac": .string(interface.mac.description), "admin_up": .bool(interface.adminUp),
                                 "oper_up": .bool(interface.operUp), "link": interface.link.map { .integer($0) } ?? .null])
                    }),
                ])
            }),
            "links": .array(simulation.links.enumerated().map { index, link in
                .object([
                    "id": .integer(index),
                    "endpoints": .array(link.endpoints.map {
                        .string("\(simulation.devices[$0.device].name):\(simulation.devices[$0.device].interfaces[$0.interface].name)")
                    }),
                    "delay_ms": .double(link.delay.milliseconds),
                    "loss_percent": .double(link.lossPercent),
                    "mtu": .integer(link.mtu),
                    "frames_carried": .integer(link.framesCarried),
                    "frames_lost": .integer(link.framesLost),
                ])
            }),
        ])
    }

    /// A capture as `/v1/captures` shows it: `state` is running, written (stopped, file in
    /// place) or failed (stopped, a write failed: `error` says why, no file).
    static func capture(id: Int, recording: CaptureRecording, state: String, started: SimTime, stopped: SimTime?,
                        error: String?) -> JSONValue {
        let capture = recording.capture
        let ports = zip(capture.selection.ports, capture.portCounts).map { port, counts in
            JSONValue.object(["name": .string(port.description.name), "sent": .integer(counts.sent),
                              "received": .integer(counts.received), "bytes": .integer(counts.bytes)])
        }
        return .object([
            "id": .integer(id),
            "state": .string(state),
            "file": .string(recording.file.path),
            "format": .string(capture.format.rawValue),
            "filter": .optional(recording.request.filter),
            "started_ms": .double(started.milliseconds),
            "stopped_ms": stopped.map { .double($0.milliseconds) } ?? .null,
            "frames": .integer(capture.framesCaptured),
            "bytes": .integer(capture.bytesCaptured),
            "interfaces": .array(ports),
            "error": .optional(error),
        ])
    }
}
