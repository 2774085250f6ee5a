import ArgumentParser
import NetSimDaemonClient

struct DaemonListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the daemons: name, PID, uptime and topology; stale ones (crashed or killed) are flagged.")

    @Flag(help: "Remove what stale daemons left behind (their daemon.log stays).")
    var clean = false

    func run() throws {
        let directory = DaemonDirectory()
        let entries = directory.entries()
        let running = entries.filter { $0.state == .running }
        var rows = [["NAME", "PID", "UPTIME", "TOPOLOGY"]]
        for entry in running {
            rows.append([entry.name, entry.pid.map(String.init) ?? "-",
                         entry.record.map { UptimeFormat.short($0.uptime()) } ?? "starting",
                         entry.record?.topology ?? "-"])
        }
        if running.isEmpty {
            print("No daemons running.")
        } else {
            print(Columns.render(rows))
        }
        for entry in entries where entry.state == .stale {
            let pid = entry.pid.map { "PID \($0)" } ?? "no PID"
            if clean {
                if directory.clean(entry) { print("Removed stale daemon '\(entry.name)' (\(pid) is gone).") }
            } else {
                print("Stale: '\(entry.name)' (\(pid) is gone; 'netsim daemon list --clean' removes it)")
            }
        }
    }
}

/// Left-aligned columns two spaces apart.
enum Columns {
    static func render(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }.joined()
        }.joined(separator: "\n")
    }
}
