/// Data-center fabrics: the k-ary fat tree and the two-tier leaf-spine.
extension TopologyShape {
    /// Core switches first (core0...), then each pod's aggregation (agg<pod>_<i>) and edge
    /// (edge<pod>_<i>) switches. Within a pod every edge switch is cabled to every aggregation
    /// switch; aggregation switch i of every pod is cabled to core switches i*k/2 ..< (i+1)*k/2.
    static func fatTree(k: Int) throws(GeneratorError) -> ShapeGraph {
        try require(k >= 2 && k % 2 == 0 && k <= 128, "a fat tree needs an even k from 2 to 128")
        let half = k / 2
        let cores = half * half
        var routers = (0..<cores).map { "core\($0)" }
        var edgeRouters: [Int] = []
        var links: [ShapeGraph.Link] = []
        links.reserveCapacity(k * k * k / 2)
        for pod in 0..<k {
            let aggregation = routers.count
            routers += (0..<half).map { "agg\(pod)_\($0)" }
            let edge = routers.count
            routers += (0..<half).map { "edge\(pod)_\($0)" }
            edgeRouters += edge..<(edge + half)
            for e in 0..<half {
                for a in 0..<half { links.append(.init(edge + e, aggregation + a)) }
            }
            for a in 0..<half {
                for c in 0..<half { links.append(.init(aggregation + a, a * half + c)) }
            }
        }
        return ShapeGraph(routers: routers, links: links, edgeRouters: edgeRouters)
    }

    /// Spines first (spine0...), then leaves (leaf0...); every leaf cabled to every spine.
    static func leafSpine(spines: Int, leaves: Int) throws(GeneratorError) -> ShapeGraph {
        try require(spines >= 1 && leaves >= 1 && spines <= maximumRouters / leaves,
                    "a leaf-spine needs at least one spine and one leaf")
        let routers = (0..<spines).map { "spine\($0)" } + (0..<leaves).map { "leaf\($0)" }
        var links: [ShapeGraph.Link] = []
        for leaf in 0..<leaves {
            for spine in 0..<spines { links.append(.init(spines + leaf, spine)) }
        }
        return ShapeGraph(routers: routers, links: links, edgeRouters: Array(spines..<(spines + leaves)))
    }
}
