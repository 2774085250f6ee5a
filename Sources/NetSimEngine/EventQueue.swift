import NetSimRouting

/// The simulator's agenda: a binary min-heap of events ordered by (time, sequence).
///
/// Invariants: events run in non-decreasing time; events scheduled for the same time run in the
/// order they were scheduled (the sequence number is a global insertion counter), so a run never
/// depends on heap layout, hashing or thread timing.
///
/// The heap holds only plain keys (time, sequence, slot); the events themselves — frames with
/// their payloads — stay put in a slab of slots, so reordering the heap never copies or
/// reference-counts a frame. Freed slots are reused.
struct EventQueue {
    private struct Key {
        let time: SimTime
        let sequence: UInt64
        let slot: Int32

        @inline(__always)
        func precedes(_ other: Key) -> Bool {
            time != other.time ? time < other.time : sequence < other.sequence
        }
    }

    private var heap: [Key] = []
    private var slots: [SimEvent?] = []
    private var freeSlots: [Int32] = []
    private var nextSequence: UInt64 = 0

    var count: Int { heap.count }
    var isEmpty: Bool { heap.isEmpty }
    var nextTime: SimTime? { heap.first?.time }

    mutating func schedule(_ event: SimEvent, at time: SimTime) {
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            slots[Int(free)] = event
        } else {
            slot = Int32(slots.count)
            slots.append(event)
        }
        heap.append(Key(time: time, sequence: nextSequence, slot: slot))
        nextSequence += 1
        siftUp(heap.count - 1)
    }

    mutating func pop() -> (time: SimTime, event: SimEvent)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let key = heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
        let event = slots[Int(key.slot)].take()!
        freeSlots.append(key.slot)
        return (key.time, event)
    }

    /// Takes the events due at the earliest time that belong to a device, in agenda order, up
    /// to `limit` of them, stopping before the first event of the whole simulation. Returns
    /// that time, or nil when the next event is not a device's (or there is none).
    mutating func popDeviceEvents(limit: Int, into run: inout [(sequence: UInt64, event: SimEvent)]) -> SimTime? {
        guard let time = heap.first?.time else { return nil }
        while run.count < limit, let key = heap.first, key.time == time, slots[Int(key.slot)]?.device != nil {
            heap.swapAt(0, heap.count - 1)
            heap.removeLast()
            if !heap.isEmpty { siftDown(0) }
            run.append((key.sequence, slots[Int(key.slot)].take()!))
            freeSlots.append(key.slot)
        }
        return run.isEmpty ? nil : time
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count && heap[left + 1].precedes(heap[left]) { smallest = left + 1 }
            guard heap[smallest].precedes(heap[parent]) else { return }
            heap.swapAt(smallest, parent)
            parent = smallest
        }
    }
}
