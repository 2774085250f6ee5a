import Foundation
import NetSimDaemonClient
#if canImport(Glibc)
import Glibc
#endif

/// Starts a daemon worker in the background and waits for its readiness line.
///
/// The worker is this same executable (`netsim daemon worker ...`) spawned in a session of its
/// own (so the terminal's signals and hang-up do not reach it), with standard input from
/// /dev/null, standard output to a pipe read here, and standard error appended to `daemon.err`.
/// When the worker reports (ready, or why not) and lets go of the pipe, the launcher returns.
public enum DaemonLauncher {
    public static func launch(executable: String, options: DaemonOptions) throws(DaemonClientError) -> DaemonReadiness {
        let paths = try options.home.paths(for: options.name)
        do {
            try FileManager.default.createDirectory(at: paths.directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .connection("cannot create \(paths.directory.path): \(error)")
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw .connection("pipe(): \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, paths.errorLog.path,
                                         O_WRONLY | O_CREAT | O_APPEND, 0o600)
        // Nothing else of ours (a caller's pipes above all) may stay open in the daemon.
        for descriptor in openDescriptors() where descriptor > STDERR_FILENO {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(spawnSetSID))

        let argv = [executable, "daemon", "worker"] + options.workerArguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, &cArguments, environ)
        close(writeEnd)
        guard status == 0 else {
            close(readEnd)
            throw .connection("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            output += buffer[..<count]
        }
        close(readEnd)
        if let readiness = DaemonReadiness.parse(String(decoding: output, as: UTF8.self)) { return readiness }
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, WNOHANG)
        let lastWords = (try? String(contentsOf: paths.errorLog, encoding: .utf8))?
            .split(separator: "\n").suffix(5).joined(separator: "\n") ?? ""
        return .failed("the daemon exited before it was ready" + (lastWords.isEmpty ? "" : ":\n" + lastWords))
    }

    /// glibc's POSIX_SPAWN_SETSID, which Swift's Glibc module does not export.
    private static let spawnSetSID: Int32 = 0x80

    /// The descriptors open in this process now (from /proc/self/fd).
    private static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap(Int32.init).filter { fcntl($0, F_GETFD) >= 0 }.sorted()
    }

    /// This executable's path, for spawning the worker.
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
