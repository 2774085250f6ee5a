import NetSimRouting
import NetSimWire

/// The discrete-event simulator: devices, links, the clock and the agenda.
///
/// Life cycle:
/// ```
///   building --start()--> running --(stable for stabilityWindow)--> converged
///      addDevice/addLink      step()/run(until:)        keeps running; later changes
///                                                       are reported as reconvergence
/// ```
/// Time only moves when an event is taken off the queue, so idle periods cost nothing. All
/// state is owned by this object; outside drivers (the script runner, the daemon) call in
/// between events, from one thread. With `workerThreads` above one, `run` hands the events
/// several devices have due at the same instant to that many threads, with results identical
/// to a one-thread run (ADR 0024).
public final class Simulation {
    public let seed: UInt64
    /// How long nothing convergence-relevant may change before the network counts as converged.
    public let stabilityWindow: SimTime
    public internal(set) var now = SimTime.zero
    public private(set) var devices: [Device] = []
    public internal(set) var links: [Link] = []
    public internal(set) var eventsProcessed: UInt64 = 0
    public private(set) var started = false
    /// How many threads `run` may use for the events of one instant (1: the calling thread
    /// only). Any value gives the same results; it changes only how fast they come.
    public var workerThreads = 1
    /// How many instants ran their devices' events on more than one thread.
    public internal(set) var instantsRunInParallel: UInt64 = 0

    /// When the network first converged, once it has.
    public private(set) var convergedAt: SimTime?
    /// The time of the last change to routing, adjacency or interface state.
    public private(set) var lastStateChange = SimTime.zero
    private var convergenceCheckScheduled = false
    private var reportedStableSince: SimTime?

    /// Receives every event-log entry as it happens.
    public var logHandler: ((LogEntry) -> Void)?
    /// Called when an outside driver's wake-up time comes (see `scheduleWakeUp`).
    public var wakeUpHandler: ((Int) -> Void)?
    /// Called when a ping or traceroute session finishes.
    public var probeCompletionHandler: ((Int) -> Void)?
    /// Sees every frame an interface sends or receives (packet capture). Nil costs nothing; the
    /// observer must not change the simulation.
    public var frameObserver: ((CapturedFrame) -> Void)?

    var queue = EventQueue()
    var linkRandom: [SeededRandom] = []
    var probes: [ProbeSession] = []
    /// Devices whose OSPF instance has LS Updates waiting (see `sendQueuedUpdates`).
    var devicesWithQueuedUpdates: [Int] = []
    /// Ping and traceroute sessions still running: while there are any, events run one by one
    /// (a probe's answer reaches a session object shared by the whole simulation).
    var unfinishedProbes = 0
    let instantBatch = InstantBatch()
    private var nextWakeUpToken = 0
    private var deviceIndex: [String: Int] = [:]

    public init(seed: UInt64 = 1, stabilityWindow: SimTime = .seconds(1)) {
        self.seed = seed
        self.stabilityWindow = stabilityWindow
    }

    // MARK: Building

    /// Adds a device. Interface MAC addresses are derived from the device and port numbers.
    @discardableResult
    public func addDevice(name: String, kind: DeviceKind, routerID: IPv4Address? = nil,
                          interfaces: [(name: String, address: InterfaceAddress?, switchport: Switchport?,
                                        adminUp: Bool)]) -> Int {
        precondition(!started, "devices are added before the simulation starts")
        precondition(deviceIndex[name] == nil, "duplicate device name \(name)")
        let id = devices.count
        let built = interfaces.enumerated().map { port, spec in
            Interface(name: spec.name, mac: .local(device: id + 1, port: port), address: spec.address,
                      switchport: kind == .switch ? (spec.switchport ?? .access(vlan: 1)) : nil,
                      adminUp: spec.adminUp)
        }
        devices.append(Device(id: id, name: name, kind: kind, routerID: routerID, interfaces: built))
        deviceIndex[name] = id
        return id
    }

    /// Cables interfaces together: two endpoints make a point-to-point link, more a shared segment.
    @discardableResult
    public func addLink(_ endpoints: [(device: Int, interface: Int)], delay: SimTime = .milliseconds(1),
                        lossPercent: Double = 0, mtu: Int = 1500) -> Int {
        precondition(endpoints.count >= 2, "a link needs two endpoints")
        let id = links.count
        for endpoint in endpoints {
            precondition(devices[endpoint.device].interfaces[endpoint.interface].link == nil, "interface cabled twice")
            devices[endpoint.device].interfaces[endpoint.interface].link = id
        }
        links.append(Link(endpoints: endpoints.map { Link.Endpoint(device: $0.device, interface: $0.interface) },
                          delay: delay, lossPercent: lossPercent, mtu: mtu))
        linkRandom.append(SeededRandom(seed: seed, stream: UInt64(id)))
        return id
    }

    public func device(named name: String) -> Device? {
        deviceIndex[name].map { devices[$0] }
    }

    /// Brings every interface to its operational state and installs connected and static routes.
    public func start() {
        guard !started else { return }
        started = true
        log(.engine, nil, "Network initialized: \(devices.count) devices, \(links.count) links")
        for device in devices {
            for index in device.interfaces.indices {
                device.interfaces[index].operUp = computeOperUp(device: device.id, interface: index)
            }
            if device.hasIPStack { reselectRoutes(device) }
        }
        startProtocols()
        sendQueuedUpdates()
        noteStateChange()
    }

    // MARK: Running

    /// Processes the next event. Returns false when nothing is left to do.
    @discardableResult
    public func step() -> Bool {
        sendQueuedUpdatesBeforeTimeMoves()
        guard let (time, event) = queue.pop() else { return false }
        now = time
        eventsProcessed += 1
        handle(event)
        return true
    }

    /// The time of the next pending event, if any.
    public var nextEventTime: SimTime? { queue.nextTime }

    /// Runs events up to and including `deadline`, stopping early when `stop` says so or the
    /// event budget runs out; the clock ends at `deadline` if the queue ran dry before it.
    public func run(until deadline: SimTime, maxEvents: UInt64 = .max, stop: () -> Bool = { false }) -> RunOutcome {
        let (sum, overflow) = eventsProcessed.addingReportingOverflow(maxEvents)
        let budgetEnd = overflow ? UInt64.max : sum
        while !stop() {
            sendQueuedUpdatesBeforeTimeMoves()
            guard let next = queue.nextTime, next <= deadline else {
                if deadline != .never { now = max(now, deadline) }
                return .reachedDeadline
            }
            if eventsProcessed >= budgetEnd { return .exhaustedEventBudget }
            advance(budget: budgetEnd - eventsProcessed)
        }
        return .stopped
    }

    public enum RunOutcome: Sendable, Equatable {
        case stopped
        case reachedDeadline
        case exhaustedEventBudget
    }

    /// Asks to be woken (through `wakeUpHandler`) at a simulated time; returns the token passed back.
    @discardableResult
    public func scheduleWakeUp(at time: SimTime) -> Int {
        nextWakeUpToken += 1
        queue.schedule(.wakeUp(token: nextWakeUpToken), at: max(time, now))
        return nextWakeUpToken
    }

    func schedule(_ event: SimEvent, after delay: SimTime) {
        enqueue(event, at: now + delay)
    }

    func handle(_ event: SimEvent) {
        switch event {
        case let .frameArrival(frame, device, interface, trace):
            receive(frame, device: device, interface: interface, trace: trace)
        case let .arpRetry(device, interface, target):
            arpRetry(device: devices[device], interface: interface, target: target)
        case let .probeSend(session):
            probeSend(session)
        case let .probeTimeout(session, probe):
            probeTimedOut(session, probe: probe)
        case .convergenceCheck:
            checkConvergence()
        case let .ospfTimer(device, timer, token):
            devices[device].ospf?.timerFired(timer, token: token)
        case let .isisTimer(device, timer, token):
            devices[device].isis?.timerFired(timer, token: token)
        case let .bgpTimer(device, timer, token):
            devices[device].bgp?.timerFired(timer, token: token)
        case let .bgpRoutesChanged(device):
            bgpRoutesChangedEvent(device: device)
        case let .tcpTimer(device, connection, timer, token):
            tcpTimerFired(device: device, connection: connection, timer: timer, token: token)
        case let .wakeUp(token):
            wakeUpHandler?(token)
        }
    }

    // MARK: Convergence

    /// Records that routing, adjacency or interface state changed now.
    func noteStateChange() {
        if let recorder = EffectRecorder.current { return recorder.append(.stateChanged) }
        lastStateChange = now
        reportedStableSince = nil
        if !convergenceCheckScheduled {
            convergenceCheckScheduled = true
            queue.schedule(.convergenceCheck, at: now + stabilityWindow)
        }
    }

    private func checkConvergence() {
        let due = lastStateChange + stabilityWindow
        guard now >= due else {
            queue.schedule(.convergenceCheck, at: due)
            return
        }
        if protocolsBusy() {
            // A protocol is mid-way (a wait timer, a database exchange, an unacknowledged
            // update): not converged, however quiet the routing tables are. Look again later.
            queue.schedule(.convergenceCheck, at: now + stabilityWindow)
            return
        }
        convergenceCheckScheduled = false
        guard reportedStableSince != lastStateChange else { return }
        reportedStableSince = lastStateChange
        if convergedAt == nil {
            convergedAt = now
            log(.engine, nil, "Network converged")
        } else {
            log(.engine, nil, "Network reconverged (last change at t=\(lastStateChange))")
        }
    }

    // MARK: Logging

    func log(_ category: LogEntry.Category, _ device: String?, _ message: String) {
        guard let logHandler else { return }
        let entry = LogEntry(time: now, category: category, device: device, message: message)
        if let recorder = EffectRecorder.current { return recorder.append(.log(entry)) }
        logHandler(entry)
    }
}
