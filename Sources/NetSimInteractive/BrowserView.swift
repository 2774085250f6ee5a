import NetSimTerminal

/// Draws the daemon browser: a framed list with the selection marked `>` and highlighted, a
/// key help line below the frame, and the log viewer's newest lines. Lists longer than the
/// frame scroll to keep the selection in view.
public enum BrowserView {
    public static func render(_ state: BrowserState, size: TerminalSize) -> ScreenBuffer {
        var screen = ScreenBuffer(size: size)
        let bottom = max(size.rows - 2, 2)
        let right = max(size.columns - 1, 1)
        let firstRow = 2
        let lastRow = bottom - (state.status == nil ? 1 : 2)
        let rows = max(lastRow - firstRow + 1, 1)
        let footer: String
        switch state.screen {
        case .daemons:
            screen.box(top: 0, left: 0, bottom: bottom, right: right, title: "Running Daemons")
            footer = " Up/Down: Navigate  Enter: Select  l: Logs  q: Quit"
            if state.daemons.isEmpty {
                screen.put("No daemons. Start one with: netsim daemon start NAME TOPOLOGY.yaml", row: firstRow, column: 2)
            }
            let width = state.daemons.map(\.name.count).max() ?? 0
            let perPage = max((rows + 1) / 3, 1)
            let offset = scrollOffset(selection: state.daemonSelection, count: state.daemons.count, visible: perPage)
            for (slot, index) in (offset..<min(offset + perPage, state.daemons.count)).enumerated() {
                let daemon = state.daemons[index]
                let row = firstRow + slot * 3
                let selected = index == state.daemonSelection
                let line = (selected ? "> " : "  ") + daemon.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + "  (" + describe(daemon) + ")"
                screen.put(line, row: row, column: 2, style: daemon.isRunning ? .normal : .dim)
                if selected { screen.highlight(row: row, from: 2, to: 2 + line.count, style: .reverse) }
                if let topology = daemon.topology { screen.put("    " + topology, row: row + 1, column: 2, style: .dim) }
            }
        case .devices(let daemon):
            screen.box(top: 0, left: 0, bottom: bottom, right: right, title: "\(daemon): Devices")
            footer = " Up/Down: Navigate  Enter: Select  l: Logs  q: Back"
            if state.devices.isEmpty { screen.put("Loading devices...", row: firstRow, column: 2) }
            let width = state.devices.map(\.name.count).max() ?? 0
            let offset = scrollOffset(selection: state.deviceSelection, count: state.devices.count, visible: rows)
            for (slot, index) in (offset..<min(offset + rows, state.devices.count)).enumerated() {
                let device = state.devices[index]
                let selected = index == state.deviceSelection
                let line = (selected ? "> " : "  ") + device.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + "  (" + device.kind + ")"
                screen.put(line, row: firstRow + slot, column: 2)
                if selected { screen.highlight(row: firstRow + slot, from: 2, to: 2 + line.count, style: .reverse) }
            }
        case .log(let daemon, _):
            let following = state.logScroll == 0 ? "live" : "\(state.logScroll) lines back"
            screen.box(top: 0, left: 0, bottom: bottom, right: right, title: "\(daemon): Log (\(following))")
            footer = " Up/Down/PgUp/PgDn: Scroll  End: Follow  q: Back"
            let end = state.log.count - state.logScroll
            let start = max(0, end - (rows + 1))
            for (slot, line) in state.log[start..<end].enumerated() {
                screen.put(String(line.prefix(max(right - 2, 0))), row: firstRow - 1 + slot, column: 2)
            }
        }
        if let status = state.status {
            screen.put(String(status.prefix(max(right - 3, 0))), row: bottom - 1, column: 2, style: .bold)
        }
        screen.put(footer, row: bottom + 1, column: 0)
        return screen
    }

    private static func describe(_ daemon: DaemonListing) -> String {
        let pid = daemon.pid.map { "PID \($0)" } ?? "no PID"
        guard daemon.isRunning else { return "stale, " + pid }
        return pid + ", " + (daemon.uptime ?? "starting")
    }

    /// The first item to show so that the selected one is visible.
    private static func scrollOffset(selection: Int, count: Int, visible: Int) -> Int {
        guard count > visible else { return 0 }
        return min(max(selection - visible + 1, 0), count - visible)
    }
}
