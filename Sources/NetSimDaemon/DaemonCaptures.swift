import Foundation
import NetSimCapture
import NetSimCommands
import NetSimEngine
import NetSimRouting
import NetSimWire

/// The packet captures of a daemon (`netsim capture start|stop|list`, `/v1/captures`), each
/// written by the same `CaptureRequest`, writers and frame encoder as `netsim run --pcap`.
///
/// ```
///   start --> running --stop (API, or the daemon stopping)--> committed: the file is renamed
///               |   every pass of the live loop: buffered          into place and reported
///               |   records flushed to ".FILE.tmp-PID"     \-> failed: a write failed; the
///               v                                              temporary file is removed
///           frames of every running capture come from one frame observer, in capture-ID order
/// ```
/// Confined to the simulation thread: `SimulationHost` calls `flush` and `stopAll` from its
/// loop, and the API reaches the other methods only through `SimulationHost.perform` jobs. The
/// frame observer is set while a capture runs and cleared when none does, so a daemon that
/// captures nothing pays nothing.
final class DaemonCaptures: @unchecked Sendable {
    /// Why a capture did not start.
    enum StartError: Error, Sendable {
        /// The request itself is wrong (filter, format or file).
        case invalid(CaptureRequestError)
        /// Another running capture writes that file.
        case fileInUse(path: String, id: Int)
    }

    private struct Running {
        let id: Int
        let recording: CaptureRecording
        let started: SimTime
    }

    /// Frame to bytes: the codec the netsim executable injects (ADR 0006).
    private let encode: @Sendable (EthernetFrame) -> [UInt8]
    /// Goes into each pcapng section header, followed by ", capture N".
    private let comment: String
    private let eventLog: DaemonEventLog
    private var running: [Running] = []
    private var nextID = 1

    init(comment: String, eventLog: DaemonEventLog, encode: @escaping @Sendable (EthernetFrame) -> [UInt8]) {
        self.comment = comment
        self.eventLog = eventLog
        self.encode = encode
    }

    var isEmpty: Bool { running.isEmpty }

    /// Starts a capture now; its file's temporary copy exists when this returns.
    func start(_ request: CaptureRequest, in simulation: Simulation) -> Result<JSONValue, StartError> {
        let destination = URL(fileURLWithPath: request.path).standardizedFileURL.path
        if let other = running.first(where: { URL(fileURLWithPath: $0.recording.file.path).standardizedFileURL.path == destination }) {
            return .failure(.fileInUse(path: destination, id: other.id))
        }
        let recording: CaptureRecording
        do {
            recording = try request.open(on: simulation, comment: "\(comment), capture \(nextID)", encode: encode)
        } catch {
            return .failure(.invalid(error))
        }
        let entry = Running(id: nextID, recording: recording, started: simulation.now)
        nextID += 1
        running.append(entry)
        observe(simulation)
        let capture = recording.capture
        eventLog.record(time: simulation.now, category: "capture", device: nil,
                        message: "capture \(entry.id) started: \(Self.count(capture.selection.ports.count, "interface")) "
                            + "to \(recording.file.path) (\(capture.format.rawValue)"
                            + (request.filter.map { ", filter \($0)" } ?? "") + ")")
        return .success(view(entry, state: "running", stopped: nil, error: nil))
    }

    /// The running captures, by ID.
    func list() -> JSONValue { .array(running.map { view($0, state: "running", stopped: nil, error: nil) }) }

    /// One running capture; nil when there is none with that ID.
    func status(_ id: Int) -> JSONValue? {
        running.first { $0.id == id }.map { view($0, state: "running", stopped: nil, error: nil) }
    }

    var runningIDs: [Int] { running.map(\.id) }

    /// Stops a capture and puts its file in place; nil when there is no such capture.
    func stop(_ id: Int, in simulation: Simulation) -> JSONValue? {
        guard let index = running.firstIndex(where: { $0.id == id }) else { return nil }
        let entry = running.remove(at: index)
        observe(simulation)
        return finish(entry, at: simulation.now, reason: nil)
    }

    /// Stops every capture (the daemon is stopping, or `capture stop --all`), in ID order.
    func stopAll(in simulation: Simulation, reason: String? = nil) -> [JSONValue] {
        let ending = running
        running = []
        observe(simulation)
        return ending.map { finish($0, at: simulation.now, reason: reason) }
    }

    /// Hands buffered records to the temporary files, so they hold the capture up to this pass.
    /// A failed write is remembered by the file and reported when the capture stops.
    func flush() {
        for entry in running { try? entry.recording.file.flush() }
    }

    // MARK: Internals

    /// One observer for all running captures, in ID order; none when nothing is captured.
    private func observe(_ simulation: Simulation) {
        guard !running.isEmpty else {
            simulation.frameObserver = nil
            return
        }
        let captures = running.map(\.recording.capture)
        simulation.frameObserver = { frame in
            for capture in captures { capture.record(frame) }
        }
    }

    private func finish(_ entry: Running, at time: SimTime, reason: String?) -> JSONValue {
        let capture = entry.recording.capture
        let path = entry.recording.file.path
        do {
            try entry.recording.finish()
        } catch {
            eventLog.record(time: time, category: "capture", device: nil,
                            message: "capture \(entry.id) failed: \(error.description)")
            return view(entry, state: "failed", stopped: time, error: error.description)
        }
        eventLog.record(time: time, category: "capture", device: nil,
                        message: "capture \(entry.id) stopped\(reason.map { " (\($0))" } ?? ""): captured "
                            + "\(Self.count(capture.framesCaptured, "frame")) on "
                            + "\(Self.count(capture.selection.ports.count, "interface")) to \(path)")
        return view(entry, state: "written", stopped: time, error: nil)
    }

    private func view(_ entry: Running, state: String, stopped: SimTime?, error: String?) -> JSONValue {
        DaemonViews.capture(id: entry.id, recording: entry.recording, state: state, started: entry.started,
                            stopped: stopped, error: error ?? entry.recording.capture.writeError.map { "\($0)" })
    }

    private static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
}
