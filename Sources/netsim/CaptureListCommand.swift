import ArgumentParser
import NetSimCommands
import NetSimDaemonClient
import NetSimRouting

struct CaptureListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the captures running in a daemon, with what each has captured so far.")

    @OptionGroup var daemon: DaemonChoice

    @Flag(help: "Print the captures as JSON (the API's /v1/captures).")
    var json = false

    func run() throws {
        let (name, client) = daemon.client()
        let captures: [CaptureInfo]
        do {
            captures = try client.captures()
        } catch {
            fail(error.description)
        }
        if json {
            print(JSONValue.array(captures.map(\.json)).compact)
            return
        }
        guard !captures.isEmpty else {
            print("No captures running in daemon '\(name)'.")
            return
        }
        var rows = [["ID", "SINCE", "FRAMES", "BYTES", "INTERFACES", "FORMAT", "FILE", "FILTER"]]
        for capture in captures {
            let since = SimTime(nanoseconds: Int64((capture.startedMilliseconds * 1e6).rounded()))
            rows.append([String(capture.id), "t=\(since)", String(capture.frames), String(capture.bytes),
                         String(capture.interfaces.count), capture.format, capture.file, capture.filter ?? "-"])
        }
        print(Columns.render(rows))
    }
}
