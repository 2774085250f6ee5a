import ArgumentParser
import NetSimDaemonClient

struct DaemonStopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop a daemon: SIGTERM, then SIGKILL if it has not stopped within --timeout.")

    @Argument(help: "The daemon's name.")
    var name: String

    @Option(help: "Seconds to wait for a graceful stop before killing it.")
    var timeout: Double = 5

    func run() throws {
        do {
            switch try DaemonDirectory().stop(name, grace: timeout) {
            case .stopped(let pid): print("Daemon '\(name)' stopped (PID \(pid)).")
            case .killed(let pid): print("Daemon '\(name)' did not stop within \(timeout)s and was killed (PID \(pid)).")
            }
        } catch {
            fail(error.description)
        }
    }
}
