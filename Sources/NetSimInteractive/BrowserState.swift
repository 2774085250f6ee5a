import NetSimTerminal

/// What the daemon browser shows and where the user is in it, changed only by keys and by
/// data arriving; `BrowserView` draws it, `DaemonBrowser` fetches what it asks for.
///
/// ```
///   daemons --Enter on a running daemon--> devices --Enter--> (attach session) --exit--> devices
///      |  ^                                  |   |
///      |  +-------------q / Esc--------------+   +--l--> log --q / Esc--> devices
///      +--l--> log --q / Esc--> daemons
///   daemons --q / Ctrl-C--> quit              (Ctrl-C quits from anywhere)
/// ```
public struct BrowserState: Sendable, Equatable {
    public enum Screen: Sendable, Equatable {
        case daemons
        case devices(daemon: String)
        /// The log of a daemon; `returnTo` is the level it was opened from.
        indirect case log(daemon: String, returnTo: Screen)
    }

    /// What the driver must do after a key.
    public enum Action: Sendable, Equatable {
        case quit
        case loadDevices(daemon: String)
        case attach(daemon: String, device: String)
        case followLog(daemon: String)
        case stopLog
    }

    public static let logLimit = 2000

    public private(set) var screen: Screen = .daemons
    public var daemons: [DaemonListing] = [] {
        didSet { daemonSelection = BrowserState.clamp(daemonSelection, daemons.count) }
    }
    public var devices: [DeviceListing] = [] {
        didSet { deviceSelection = BrowserState.clamp(deviceSelection, devices.count) }
    }
    public private(set) var daemonSelection = 0
    public private(set) var deviceSelection = 0
    public private(set) var log: [String] = []
    /// Lines scrolled back from the newest; 0 follows new lines as they come.
    public private(set) var logScroll = 0
    /// A one-line message in the footer (an error, a daemon that went away).
    public var status: String?

    public init() {}

    public var selectedDaemon: DaemonListing? { daemons.indices.contains(daemonSelection) ? daemons[daemonSelection] : nil }
    public var selectedDevice: DeviceListing? { devices.indices.contains(deviceSelection) ? devices[deviceSelection] : nil }

    /// Selects a daemon by position (the list was reloaded and the selection moved).
    public mutating func select(daemon index: Int) { daemonSelection = BrowserState.clamp(index, daemons.count) }

    public mutating func appendLog(_ line: String) {
        log.append(line)
        if log.count > BrowserState.logLimit { log.removeFirst(log.count - BrowserState.logLimit) }
        if logScroll > 0 { logScroll = min(logScroll + 1, max(log.count - 1, 0)) }
    }

    /// `page` is how many lines the view shows at once (for PgUp/PgDn).
    public mutating func handle(_ key: Key, page: Int) -> Action? {
        if key == .control("c") { return .quit }
        switch screen {
        case .daemons:
            switch key {
            case .up, .character("k"): daemonSelection = BrowserState.clamp(daemonSelection - 1, daemons.count)
            case .down, .character("j"): daemonSelection = BrowserState.clamp(daemonSelection + 1, daemons.count)
            case .home: daemonSelection = 0
            case .end: daemonSelection = BrowserState.clamp(daemons.count - 1, daemons.count)
            case .enter:
                guard let daemon = selectedDaemon else { return nil }
                guard daemon.isRunning else {
                    status = "\(daemon.name) is not running (netsim daemon list --clean removes it)"
                    return nil
                }
                status = nil
                devices = []
                deviceSelection = 0
                screen = .devices(daemon: daemon.name)
                return .loadDevices(daemon: daemon.name)
            case .character("l"):
                guard let daemon = selectedDaemon, daemon.isRunning else { return nil }
                return openLog(daemon.name)
            case .character("q"), .escape: return .quit
            default: break
            }
        case .devices(let daemon):
            switch key {
            case .up, .character("k"): deviceSelection = BrowserState.clamp(deviceSelection - 1, devices.count)
            case .down, .character("j"): deviceSelection = BrowserState.clamp(deviceSelection + 1, devices.count)
            case .home: deviceSelection = 0
            case .end: deviceSelection = BrowserState.clamp(devices.count - 1, devices.count)
            case .enter:
                guard let device = selectedDevice else { return nil }
                return .attach(daemon: daemon, device: device.name)
            case .character("l"): return openLog(daemon)
            case .character("q"), .escape, .backspace:
                status = nil
                screen = .daemons
            default: break
            }
        case .log(_, let returnTo):
            let top = max(log.count - 1, 0)
            switch key {
            case .up, .character("k"): logScroll = min(logScroll + 1, top)
            case .down, .character("j"): logScroll = max(logScroll - 1, 0)
            case .pageUp: logScroll = min(logScroll + max(page - 1, 1), top)
            case .pageDown: logScroll = max(logScroll - max(page - 1, 1), 0)
            case .home: logScroll = top
            case .end: logScroll = 0
            case .character("q"), .escape, .backspace:
                screen = returnTo
                return .stopLog
            default: break
            }
        }
        return nil
    }

    private mutating func openLog(_ daemon: String) -> Action {
        log = []
        logScroll = 0
        screen = .log(daemon: daemon, returnTo: screen)
        return .followLog(daemon: daemon)
    }

    private static func clamp(_ value: Int, _ count: Int) -> Int { max(0, min(value, count - 1)) }
}
