/// Shapes from the words of `netsim generate KIND PARAMS...` and from names such as
/// "grid-10x10" (what `description` prints and `netsim bench --scenario` takes).
extension TopologyShape {
    public static let kinds = ["grid", "ring", "fat-tree", "leaf-spine", "random", "sp-core", "as-graph"]
    public static let defaultRandomDegree = 3

    /// `grid RxC`, `ring N`, `fat-tree K`, `leaf-spine S L` (or `SxL`), `random N`, `sp-core N`,
    /// `as-graph N`.
    public init(kind: String, parameters: [String], degree: Int = TopologyShape.defaultRandomDegree) throws(GeneratorError) {
        let numbers = try Self.numbers(kind: kind, parameters: parameters)
        func expect(_ count: Int, _ usage: String) throws(GeneratorError) {
            guard numbers.count == count else { throw GeneratorError("usage: \(kind) \(usage)") }
        }
        switch kind {
        case "grid":
            try expect(2, "RxC (e.g. grid 10x10)")
            self = .grid(rows: numbers[0], columns: numbers[1])
        case "ring":
            try expect(1, "N (e.g. ring 1000)")
            self = .ring(count: numbers[0])
        case "fat-tree":
            try expect(1, "K (an even k, e.g. fat-tree 8)")
            self = .fatTree(k: numbers[0])
        case "leaf-spine":
            try expect(2, "SPINES LEAVES (e.g. leaf-spine 4 16)")
            self = .leafSpine(spines: numbers[0], leaves: numbers[1])
        case "random":
            try expect(1, "N [--degree D] [--seed S] (e.g. random 100)")
            self = .random(count: numbers[0], degree: degree)
        case "sp-core":
            try expect(1, "N (e.g. sp-core 40)")
            self = .spCore(count: numbers[0])
        case "as-graph":
            try expect(1, "N [--seed S] (e.g. as-graph 100)")
            self = .asGraph(count: numbers[0])
        default:
            throw GeneratorError("unknown kind '\(kind)'; expected one of: \(Self.kinds.joined(separator: ", "))")
        }
    }

    /// "grid-10x10", "ring-1000", "fat-tree-8", "leaf-spine-4x16", "random-100" or
    /// "random-100-d4", "sp-core-40", "as-graph-100".
    public init(name: String) throws(GeneratorError) {
        guard let kind = Self.kinds.sorted(by: { $0.count > $1.count }).first(where: { name.hasPrefix($0 + "-") }) else {
            throw GeneratorError("unknown scenario '\(name)'; expected a name such as grid-10x10, ring-1000, "
                                 + "fat-tree-8, leaf-spine-4x16, random-100, random-100-d4, sp-core-40 or as-graph-100")
        }
        var rest = String(name.dropFirst(kind.count + 1))
        var degree = Self.defaultRandomDegree
        if kind == "random", let cut = rest.range(of: "-d") {
            guard let parsed = Int(rest[cut.upperBound...]) else { throw GeneratorError("bad degree in '\(name)'") }
            degree = parsed
            rest = String(rest[..<cut.lowerBound])
        }
        try self.init(kind: kind, parameters: [rest], degree: degree)
    }

    /// Every parameter split at "x" ("10x10" is two numbers), each a positive whole number.
    private static func numbers(kind: String, parameters: [String]) throws(GeneratorError) -> [Int] {
        var numbers: [Int] = []
        for part in parameters.flatMap({ $0.split(separator: "x", omittingEmptySubsequences: false) }) {
            guard let number = Int(part), number > 0 else {
                throw GeneratorError("'\(parameters.joined(separator: " "))' is not a size for \(kind): "
                                     + "expected positive whole numbers")
            }
            numbers.append(number)
        }
        return numbers
    }
}
