import Dispatch
import NetSimRouting
import NetSimWire
import Synchronization

/// Running the events of one instant on several threads (ADR 0024).
///
/// ```
///   take the device events due at the next instant (up to the first event of the whole
///   simulation) -> group them by device -> each group on a worker thread, its events in
///   agenda order, effects outside the device written to the group's buffer -> commit: every
///   event's effects applied in agenda order, as a one-thread run applies them
/// ```
/// A device's events change only that device; what reaches further (the agenda, links, the
/// log, convergence bookkeeping, captures) goes through the choke points below, which write
/// down instead of act while a recorder is set. The commit replays those effects in the order
/// a one-thread run would have produced them, so agenda sequence numbers, link loss draws and
/// log lines come out identical whatever the number of threads.
extension Simulation {
    /// Processes the next event, or the next instant's device events together when threads
    /// are allowed and several devices have events due then; returns how many it processed.
    @discardableResult
    func advance(budget: UInt64) -> UInt64 {
        guard workerThreads > 1, budget > 1, unfinishedProbes == 0 else { return step() ? 1 : 0 }
        sendQueuedUpdatesBeforeTimeMoves()
        let batch = instantBatch
        guard let time = batch.take(from: &queue, limit: Int(clamping: budget)) else { return step() ? 1 : 0 }
        now = time
        let count = UInt64(batch.events.count)
        batch.group(deviceCount: devices.count)
        if batch.groupCount == 1 {
            // One device: its events in agenda order, acting directly, as one thread would.
            for entry in batch.events { handle(entry.event) }
        } else {
            instantsRunInParallel += 1
            runGroups(of: batch)
            batch.commitOrder { buffer, span in
                for index in span.start..<span.end { apply(buffer.effects[index]) }
            }
        }
        batch.clear()
        eventsProcessed += count
        return count
    }

    /// Sends the LS Updates queued this instant, each device's on a worker thread, the frames
    /// committed device by device in the order a one-thread run sends them.
    func sendQueuedUpdatesInParallel() {
        let batch = instantBatch
        batch.takeFlush(&devicesWithQueuedUpdates)
        runOnWorkers(tasks: batch.flushDevices.count, of: ParallelInstant(simulation: self, batch: batch, work: .flush))
        for buffer in batch.buffers.prefix(batch.flushDevices.count) {
            for effect in buffer.effects { apply(effect) }
        }
        batch.clearFlush()
    }

    private func runGroups(of batch: InstantBatch) {
        runOnWorkers(tasks: batch.groupCount, of: ParallelInstant(simulation: self, batch: batch, work: .events))
    }

    private func runOnWorkers(tasks: Int, of instant: ParallelInstant) {
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(workerThreads, tasks)) { _ in
            while true {
                let task = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard task < tasks else { return }
                switch instant.work {
                case .events: instant.simulation.runGroup(task, of: instant.batch)
                case .flush: instant.simulation.flushUpdates(task, of: instant.batch)
                }
            }
        }
    }

    private func flushUpdates(_ task: Int, of batch: InstantBatch) {
        let buffer = batch.buffers[task]
        EffectRecorder.recording(into: buffer) {
            buffer.beginEvent()
            devices[batch.flushDevices[task]].ospf?.sendQueuedUpdates()
        }
    }

    private func runGroup(_ group: Int, of batch: InstantBatch) {
        let buffer = batch.buffers[group]
        EffectRecorder.recording(into: buffer) {
            for index in batch.groups[group] {
                buffer.beginEvent()
                handle(batch.events[index].event)
            }
        }
    }

    private func apply(_ effect: DeferredEffects.Effect) {
        switch effect {
        case let .schedule(event, time): queue.schedule(event, at: time)
        case let .carry(frame, link, device, interface, trace):
            carry(frame, link: link, device: device, interface: interface, trace: trace)
        case let .observe(frame): frameObserver?(frame)
        case let .log(entry): logHandler?(entry)
        case .stateChanged: noteStateChange()
        case let .queuedUpdates(device): devicesWithQueuedUpdates.append(device)
        }
    }

    // MARK: Choke points

    /// Schedules an event, or writes it down inside a parallel instant.
    func enqueue(_ event: SimEvent, at time: SimTime) {
        if let recorder = EffectRecorder.current {
            recorder.append(.schedule(event, at: time))
        } else {
            queue.schedule(event, at: time)
        }
    }

    /// Hands a frame an interface sends or receives to the capture observer, if there is one.
    func observe(_ frame: @autoclosure () -> CapturedFrame) {
        guard let frameObserver else { return }
        if let recorder = EffectRecorder.current {
            recorder.append(.observe(frame()))
        } else {
            frameObserver(frame())
        }
    }
}

/// The simulation and the instant's work as the worker threads see them. Sound because each
/// thread touches only the devices of the tasks it takes (and their buffers), reads shared
/// state that nothing writes during the instant, and writes everything else to its task's
/// buffer (ADR 0024).
private struct ParallelInstant: @unchecked Sendable {
    enum Work {
        /// The device groups of `batch.events`.
        case events
        /// The devices of `batch.flushDevices`.
        case flush
    }

    let simulation: Simulation
    let batch: InstantBatch
    let work: Work
}
