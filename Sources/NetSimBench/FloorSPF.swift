/// A plain, efficient Dijkstra over a `FloorGraph`: a binary heap of packed (distance, node)
/// words with lazy deletion, and buffers reused from one root to the next. One run from every
/// router is the floor: the least work any simulator that computes each router's routes must
/// do, whatever its protocol machinery costs on top.
public struct FloorSPF {
    public static let unreachable = UInt32.max

    private let graph: FloorGraph
    /// Distances from the last root; `unreachable` where there is no path.
    public private(set) var distances: [UInt32]
    private var heap: [UInt64] = []

    public init(_ graph: FloorGraph) {
        self.graph = graph
        distances = [UInt32](repeating: Self.unreachable, count: graph.nodeCount)
        heap.reserveCapacity(graph.edgeCount + 1)
    }

    /// Computes the distance from `root` to every node into `distances`.
    public mutating func run(from root: Int) {
        var distance: [UInt32] = []
        var heap: [UInt64] = []
        swap(&distance, &distances)
        swap(&heap, &self.heap)
        defer {
            swap(&distance, &distances)
            swap(&heap, &self.heap)
        }
        for index in distance.indices { distance[index] = Self.unreachable }
        distance[root] = 0
        heap.removeAll(keepingCapacity: true)
        Self.push(UInt64(root), into: &heap)
        graph.offsets.withUnsafeBufferPointer { offsets in
            graph.targets.withUnsafeBufferPointer { targets in
                graph.weights.withUnsafeBufferPointer { weights in
                    while let top = Self.pop(from: &heap) {
                        let node = Int(top & 0xFFFF_FFFF), reached = UInt32(top >> 32)
                        guard reached == distance[node] else { continue }
                        for edge in Int(offsets[node])..<Int(offsets[node + 1]) {
                            let next = Int(targets[edge]), candidate = reached &+ weights[edge]
                            if candidate < distance[next] {
                                distance[next] = candidate
                                Self.push(UInt64(candidate) << 32 | UInt64(next), into: &heap)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Runs from every root in turn; returns the sum of all finite distances (a checksum that
    /// also keeps the work from being optimised away).
    public static func allRoots(_ graph: FloorGraph) -> UInt64 {
        var spf = FloorSPF(graph)
        var sum: UInt64 = 0
        for root in 0..<graph.nodeCount {
            spf.run(from: root)
            for distance in spf.distances where distance != unreachable { sum &+= UInt64(distance) }
        }
        return sum
    }

    private static func push(_ value: UInt64, into heap: inout [UInt64]) {
        heap.append(value)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[parent] > heap[child] else { break }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private static func pop(from heap: inout [UInt64]) -> UInt64? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { break }
            let smaller = left + 1 < heap.count && heap[left + 1] < heap[left] ? left + 1 : left
            guard heap[smaller] < heap[parent] else { break }
            heap.swapAt(parent, smaller)
            parent = smaller
        }
        return top
    }
}
