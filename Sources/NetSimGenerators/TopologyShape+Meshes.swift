import NetSimEngine

/// Grids, rings, random graphs and the service-provider core.
extension TopologyShape {
    static func grid(rows: Int, columns: Int) throws(GeneratorError) -> ShapeGraph {
        try require(rows >= 1 && columns >= 1 && rows * columns >= 2, "a grid needs at least two routers (e.g. 3x3)")
        try require(rows <= maximumRouters / columns, "a grid of more than \(maximumRouters) routers is not supported")
        let routers = (0..<rows).flatMap { row in (0..<columns).map { "r\(row)_\($0)" } }
        var links: [ShapeGraph.Link] = []
        links.reserveCapacity(rows * (columns - 1) + columns * (rows - 1))
        for row in 0..<rows {
            for column in 0..<columns {
                let here = row * columns + column
                if column + 1 < columns { links.append(.init(here, here + 1)) }
                if row + 1 < rows { links.append(.init(here, here + columns)) }
            }
        }
        return ShapeGraph(routers: routers, links: links, edgeRouters: Array(routers.indices))
    }

    static func ring(count: Int) throws(GeneratorError) -> ShapeGraph {
        try require(count >= 3 && count <= maximumRouters, "a ring needs 3 to \(maximumRouters) routers")
        let links = (0..<count).map { ShapeGraph.Link($0, ($0 + 1) % count) }
        return ShapeGraph(routers: (0..<count).map { "r\($0)" }, links: links, edgeRouters: Array(0..<count))
    }

    /// A random recursive tree (each router, in a shuffled order, cabled to a random earlier
    /// one) keeps the graph connected; extra cables between random pairs raise the average
    /// degree to `degree`. Same seed, same graph.
    static func random(count: Int, degree: Int, seed: UInt64) throws(GeneratorError) -> ShapeGraph {
        try require(count >= 2 && count <= maximumRouters, "a random graph needs 2 to \(maximumRouters) routers")
        try require(degree >= 1 && degree < count, "--degree must be between 1 and \(count - 1) for \(count) routers")
        var random = SeededRandom(seed: seed, stream: 0)
        func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        var order = Array(0..<count)
        for index in stride(from: count - 1, to: 0, by: -1) { order.swapAt(index, below(index + 1)) }
        var links: [ShapeGraph.Link] = []
        var cabled = Set<Int>()
        func key(_ a: Int, _ b: Int) -> Int { min(a, b) * count + max(a, b) }
        for position in 1..<count {
            let (a, b) = (order[below(position)], order[position])
            links.append(.init(min(a, b), max(a, b)))
            cabled.insert(key(a, b))
        }
        let target = max(count - 1, count * degree / 2)
        while links.count < target {
            let (a, b) = (below(count), below(count))
            guard a != b, cabled.insert(key(a, b)).inserted else { continue }
            links.append(.init(min(a, b), max(a, b)))
        }
        return ShapeGraph(routers: (0..<count).map { "r\($0)" }, links: links, edgeRouters: Array(0..<count))
    }

    /// A quarter of the routers (at least three) are P routers; the rest are PEs.
    static func spCore(count: Int) throws(GeneratorError) -> ShapeGraph {
        try require(count >= 4 && count <= maximumRouters, "an sp-core needs 4 to \(maximumRouters) routers")
        let cores = max(3, count / 4)
        let edges = count - cores
        var links: [ShapeGraph.Link] = []
        if cores <= 4 {
            for a in 0..<cores { for b in (a + 1)..<cores { links.append(.init(a, b)) } }
        } else {
            for a in 0..<cores { links.append(.init(a, (a + 1) % cores)) }
            for a in 0..<(cores / 2) { links.append(.init(a, a + cores / 2)) }
        }
        for pe in 0..<edges {
            links.append(.init(cores + pe, pe % cores))
            links.append(.init(cores + pe, (pe + 1) % cores))
        }
        let routers = (0..<cores).map { "p\($0)" } + (0..<edges).map { "pe\($0)" }
        return ShapeGraph(routers: routers, links: links, edgeRouters: Array(cores..<count))
    }
}
