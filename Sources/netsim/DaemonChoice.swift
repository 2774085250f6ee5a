import ArgumentParser
import NetSimDaemonClient

/// `--name D` of the commands that talk to one daemon without naming it first: optional when
/// exactly one daemon runs.
struct DaemonChoice: ParsableArguments {
    @Option(help: "The daemon's name; may be left out when only one daemon runs.")
    var name: String?

    /// The chosen daemon's name, or why there is none to choose (exit status 1).
    func resolvedName() -> String {
        if let name { return name }
        let running = DaemonDirectory().entries().filter { $0.state == .running }.map(\.name)
        switch running.count {
        case 1: return running[0]
        case 0: fail("no daemon is running (start one with: netsim daemon start NAME TOPOLOGY.yaml)")
        default: fail("\(running.count) daemons are running (\(running.joined(separator: ", "))); choose one with --name")
        }
    }

    func client() -> (name: String, client: DaemonClient) {
        let name = resolvedName()
        do {
            return (name, try DaemonClient.named(name))
        } catch {
            fail(error.description)
        }
    }
}
