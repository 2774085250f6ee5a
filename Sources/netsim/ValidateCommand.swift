import ArgumentParser
import NetSimTopology

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a topology file and report every problem with its file:line:column (exit status 2).")

    @Argument(help: "The topology YAML file.")
    var file: String

    func run() throws {
        switch TopologyInput.load(file) {
        case .success(let spec):
            let links = spec.links.count
            print("\(file): OK (\(spec.devices.count) devices, \(links) link\(links == 1 ? "" : "s"), "
                  + "\(spec.script.count) script step\(spec.script.count == 1 ? "" : "s"))")
        case .failure(let error):
            TopologyInput.report(error)
            throw ExitCode(2)
        }
    }
}
