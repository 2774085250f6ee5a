import NetSimRouting

/// The device work of one instant, split by device for the worker threads (ADR 0024): the
/// events due then, or the devices whose OSPF LS Updates go out at its end.
///
/// `group` splits the taken events (in agenda order) by the device they belong to; each group
/// runs on one thread with its own `DeferredEffects`; `commitOrder` then walks the events in
/// agenda order and names, for each, the group and span holding its effects. `takeFlush` gives
/// each device with queued updates a buffer of its own, committed in the order a one-thread run
/// sends them. Arrays and buffers are kept from instant to instant.
final class InstantBatch {
    private(set) var events: [(sequence: UInt64, event: SimEvent)] = []
    /// Per group, the indices of its events in `events`, in agenda order.
    private(set) var groups: [[Int]] = []
    private(set) var buffers: [DeferredEffects] = []
    private(set) var groupCount = 0
    /// Per event, its group.
    private var groupOfEvent: [Int] = []
    /// Per device, its group in the current instant plus one (0: none).
    private var groupOfDevice: [Int] = []
    private var devicesWithGroup: [Int] = []

    var isEmpty: Bool { events.isEmpty }

    /// Takes the events of the instant from the queue; returns the instant, or nil when the next
    /// event is not a device's.
    func take(from queue: inout EventQueue, limit: Int) -> SimTime? {
        events.removeAll(keepingCapacity: true)
        return queue.popDeviceEvents(limit: limit, into: &events)
    }

    /// Splits the taken events into device groups.
    func group(deviceCount: Int) {
        if groupOfDevice.count < deviceCount { groupOfDevice = Array(repeating: 0, count: deviceCount) }
        for device in devicesWithGroup { groupOfDevice[device] = 0 }
        devicesWithGroup.removeAll(keepingCapacity: true)
        groupOfEvent.removeAll(keepingCapacity: true)
        for (index, entry) in events.enumerated() {
            let device = entry.event.device!
            var group = groupOfDevice[device] - 1
            if group < 0 {
                group = groupCount
                groupCount += 1
                groupOfDevice[device] = groupCount
                devicesWithGroup.append(device)
                if groups.count < groupCount {
                    groups.append([])
                    buffers.append(DeferredEffects())
                }
            }
            groups[group].append(index)
            groupOfEvent.append(group)
        }
    }

    /// For each event in agenda order: its group and the span of its effects in that group's
    /// buffer.
    func commitOrder(_ body: (DeferredEffects, DeferredEffects.EventSpan) -> Void) {
        var cursor = Array(repeating: 0, count: groupCount)
        for group in groupOfEvent {
            let buffer = buffers[group]
            body(buffer, buffer.spans[cursor[group]])
            cursor[group] += 1
        }
    }

    /// Lets go of the events and their effects once the instant is committed.
    func clear() {
        events.removeAll(keepingCapacity: true)
        for index in 0..<groupCount {
            buffers[index].reset()
            groups[index].removeAll(keepingCapacity: true)
        }
        groupCount = 0
    }

    /// Devices sending their queued LS Updates, in sending order; `buffers[i]` is the i-th's.
    private(set) var flushDevices: [Int] = []

    /// Takes the devices with queued updates (appended in queueing order, sent last first).
    func takeFlush(_ queued: inout [Int]) {
        flushDevices.removeAll(keepingCapacity: true)
        flushDevices.append(contentsOf: queued.reversed())
        queued.removeAll(keepingCapacity: true)
        while buffers.count < flushDevices.count { buffers.append(DeferredEffects()) }
    }

    func clearFlush() {
        for index in flushDevices.indices { buffers[index].reset() }
        flushDevices.removeAll(keepingCapacity: true)
    }
}
