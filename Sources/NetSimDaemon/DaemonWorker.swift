import Foundation
import Hummingbird
import Logging
import NetSimCommands
import NetSimDaemonClient
import NetSimEngine
import NetSimRouting
import NetSimTopology
import NetSimWire
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// The daemon process (`netsim daemon worker`, started by `DaemonLauncher`).
///
/// ```
///   lock PID file --> converge --> bind socket (+ TCP) --> write daemon.json, report "ready"
///        |               |               |                    |
///        +---------------+---------------+-- report "error", clean up, exit 1
///                                                             v
///                                   serve until SIGTERM/SIGINT --> end event streams, finish
///                                   requests, stop the simulation, remove socket/record/token/PID
/// ```
/// Everything it creates is private to its user (umask 077: socket, log, token, PID file 0600).
public enum DaemonWorker {
    /// `encodeFrame` turns a simulated frame into the bytes a capture file holds (the netsim
    /// executable injects the wire codec, as for `run --pcap`).
    public static func run(options: DaemonOptions, spec: TopologySpec,
                           encodeFrame: @escaping @Sendable (EthernetFrame) -> [UInt8]) async -> Int32 {
        umask(0o077)
        let paths: DaemonPaths
        do {
            paths = try options.home.paths(for: options.name)
            try FileManager.default.createDirectory(at: paths.directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            return report(.failed("cannot create the state directory: \(error)"))
        }
        let lock: PIDFileLock
        do {
            lock = try PIDFileLock.acquire(paths.pidFile)
        } catch {
            return report(.failed(error.description))
        }
        // The lock is ours: whatever a previous daemon of this name left is stale.
        for file in [paths.record, paths.token] { unlink(file.path) }

        let eventLog = DaemonEventLog(file: paths.log)
        let pid = getpid()
        eventLog.recordDaemon("daemon \(options.name) starting (PID \(pid), topology \(options.topologyPath))")
        let simulation = SimulationBuilder.build(spec, seed: options.seed, stabilityWindow: options.stabilityWindow)
        simulation.workerThreads = options.threads
        let captures = DaemonCaptures(comment: "netsim daemon \(options.name): \(spec.name), seed \(options.seed)",
                                      eventLog: eventLog, encode: encodeFrame)
        let host = SimulationHost(simulation: simulation, pace: .init(tick: options.tick, speed: options.speed),
                                  eventLog: eventLog, captures: captures)
        let summary: ScenarioRunner.Summary
        switch await host.start(limits: .init()) {
        case .success(let converged):
            summary = converged
        case .failure(let failure):
            eventLog.recordDaemon("daemon not started: \(failure)")
            lock.release()
            return report(.failed(failure.description))
        }
        let record = DaemonRecord(name: options.name, pid: pid, topology: options.topology,
                                  topologyPath: options.topologyPath, startedAt: Date().timeIntervalSince1970,
                                  tickMilliseconds: options.tick.milliseconds, speed: options.speed,
                                  listen: options.listen)
        let outcome = await serve(options: options, paths: paths, record: record, host: host, eventLog: eventLog,
                                  devices: spec.devices.map(\.name), convergedAt: summary.convergedAt ?? summary.simulatedTime)
        host.stop()
        eventLog.recordDaemon("daemon \(options.name) stopped")
        for file in [paths.socket, paths.record, paths.token] { unlink(file.path) }
        lock.release()
        return outcome
    }

    private static func serve(options: DaemonOptions, paths: DaemonPaths, record: DaemonRecord, host: SimulationHost,
                              eventLog: DaemonEventLog, devices: [String], convergedAt: SimTime) async -> Int32 {
        var logger = Logger(label: "netsim-daemon")
        logger.logLevel = .warning
        let socketPath = paths.socket.path
        if let problem = prepareSocketPath(socketPath) { return report(.failed(problem)) }

        var listenAddress: (host: String, port: UInt16)?
        var token: String?
        if let listen = options.listen {
            guard let parsed = DaemonEndpoint.parseListen(listen) else {
                return report(.failed("--listen wants an IPv4 address and a port, like 127.0.0.1:7070, not '\(listen)'"))
            }
            listenAddress = parsed
            let generated = BearerToken.generate()
            do {
                try BearerToken.write(generated, to: paths.token)
            } catch {
                return report(.failed("cannot write \(paths.token.path): \(error)"))
            }
            token = generated
        }

        let api = DaemonAPI(host: host, eventLog: eventLog, record: record, deviceNames: Set(devices))
        let readiness = ListenerCount(expected: listenAddress == nil ? 1 : 2) {
            do {
                try record.write(to: paths.record)
            } catch {
                return "cannot write \(paths.record.path): \(error)"
            }
            eventLog.recordDaemon("daemon \(options.name) ready on \(socketPath)"
                                + (options.listen.map { " and \($0)" } ?? ""))
            _ = report(.ready(pid: record.pid, convergedMilliseconds: convergedAt.milliseconds, devices: devices.count,
                              socket: socketPath, listen: options.listen))
            detachStandardOutput()
            return nil
        }
        var services: [any Service] = [
            Application(router: api.makeRouter(token: nil),
                        configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: nil),
                        onServerRunning: { _ in
                            chmod(socketPath, 0o600)
                            await readiness.listenerUp()
                        },
                        logger: logger),
        ]
        if let listenAddress, let token {
            services.append(Application(router: api.makeRouter(token: token),
                                        configuration: .init(address: .hostname(listenAddress.host,
                                                                                port: Int(listenAddress.port)),
                                                             serverName: nil),
                                        onServerRunning: { _ in await readiness.listenerUp() },
                                        logger: logger))
        }
        let group = ServiceGroup(configuration: .init(services: services, logger: logger))
        let signals = StopSignals { [eventLog] in
            eventLog.recordDaemon("daemon \(options.name) stopping")
            // Event streams never end on their own: close them so the servers can drain.
            eventLog.closeSubscriptions()
            host.abandonWaitingCommands()
            Task { await group.triggerGracefulShutdown() }
        }
        defer { signals.cancel() }
        do {
            try await group.run()
        } catch {
            if await readiness.isReady { return 1 }
            return report(.failed("cannot serve the API: \(error)"))
        }
        if let failure = await readiness.failure { return report(.failed(failure)) }
        return 0
    }

    /// Clears the way for the socket: an old socket goes (the PID lock proves nobody serves it);
    /// anything else at that path is reported rather than deleted.
    private static func prepareSocketPath(_ path: String) -> String? {
        guard path.utf8.count < 104 else {
            return "socket path too long for a Unix socket (\(path.utf8.count) bytes): \(path); set a shorter NETSIM_HOME"
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            return "\(path) exists and is not a socket; remove it first"
        }
        unlink(path)
        return nil
    }

    /// Writes the readiness line for the launcher; returns the exit status that goes with it.
    @discardableResult
    static func report(_ readiness: DaemonReadiness) -> Int32 {
        FileHandle.standardOutput.write(Data((readiness.line + "\n").utf8))
        if case .failed(let message) = readiness {
            FileHandle.standardError.write(Data(("netsim daemon: " + message + "\n").utf8))
            return 1
        }
        return 0
    }

    /// Points standard output at /dev/null so the launcher sees the end of its pipe and returns.
    private static func detachStandardOutput() {
        let null = open("/dev/null", O_WRONLY)
        guard null >= 0 else { return }
        dup2(null, STDOUT_FILENO)
        close(null)
    }
}

/// Counts listeners coming up; when all are, runs `onReady` once (which may report a failure).
actor ListenerCount {
    private let expected: Int
    private var up = 0
    private let onReady: @Sendable () -> String?
    private(set) var isReady = false
    private(set) var failure: String?

    init(expected: Int, onReady: @escaping @Sendable () -> String?) {
        self.expected = expected
        self.onReady = onReady
    }

    func listenerUp() {
        up += 1
        guard up == expected else { return }
        failure = onReady()
        isReady = failure == nil
    }
}

/// SIGTERM and SIGINT (what `daemon stop` sends) start a graceful stop; SIGHUP is ignored (the
/// daemon has no terminal).
final class StopSignals: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []

    init(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGHUP, SIG_IGN)
        let fired = NSLock()
        nonisolated(unsafe) var done = false
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let first = fired.withLock {
                    defer { done = true }
                    return !done
                }
                if first { handler() }
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() { sources.forEach { $0.cancel() } }
}

/// The TCP listener's bearer token: 32 random bytes in hex, stored mode 0600.
enum BearerToken {
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    static func write(_ token: String, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: Data((token + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
