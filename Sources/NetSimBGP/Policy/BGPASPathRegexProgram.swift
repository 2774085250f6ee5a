/// The compiled form of a `BGPASPathRegex`: a parsed expression (`Node`) turned into a small
/// instruction list that a Thompson-style simulation runs over the text, keeping every
/// possible position in the pattern at once. Time is proportional to the text's length times
/// the program's, whatever the pattern: no backtracking, so no pattern can stall a run (a
/// backtracking engine needs minutes for `^([0-9]+ ?)+$` on a path that does not match).
struct BGPASPathRegexProgram: Hashable, Sendable {
    /// One element of a parsed expression.
    indirect enum Node: Hashable, Sendable {
        case empty
        case characters(CharacterSet)
        case start
        case end
        case sequence([Node])
        case alternatives([Node])
        case repetition(Node, minimum: Int, maximum: Int?)
    }

    /// A set of Unicode scalars: ranges, possibly complemented.
    struct CharacterSet: Hashable, Sendable {
        var ranges: [ClosedRange<UInt32>]
        var negated = false

        static let any = CharacterSet(ranges: [], negated: true)

        static func single(_ scalar: Unicode.Scalar) -> CharacterSet {
            CharacterSet(ranges: [scalar.value...scalar.value])
        }

        func contains(_ scalar: UInt32) -> Bool {
            ranges.contains { $0.contains(scalar) } != negated
        }
    }

    /// A `CharacterSet` as two 64-bit masks for ASCII (all an AS path holds), with the set
    /// itself for anything else.
    struct CompiledSet: Hashable, Sendable {
        let low: UInt64
        let high: UInt64
        let set: CharacterSet

        init(_ set: CharacterSet) {
            var low: UInt64 = 0
            var high: UInt64 = 0
            for scalar in UInt32(0)..<128 where set.contains(scalar) {
                if scalar < 64 { low |= 1 << UInt64(scalar) } else { high |= 1 << UInt64(scalar - 64) }
            }
            self.low = low
            self.high = high
            self.set = set
        }

        @inline(__always)
        func contains(_ scalar: UInt32) -> Bool {
            if scalar < 64 { return low >> UInt64(scalar) & 1 == 1 }
            if scalar < 128 { return high >> UInt64(scalar - 64) & 1 == 1 }
            return set.contains(scalar)
        }
    }

    enum Instruction: Hashable, Sendable {
        /// Consume one scalar of `sets[index]`.
        case consume(Int)
        /// Continue at both targets.
        case split(Int, Int)
        case jump(Int)
        /// Continue only at the start, or only at the end, of the text.
        case assertStart
        case assertEnd
        case accept
    }

    /// Above this many instructions a pattern is refused (counts nested in counts multiply).
    static let sizeLimit = 20_000

    let instructions: [Instruction]
    let sets: [CompiledSet]

    /// Compiles `node`; nil when the program would exceed `sizeLimit`.
    init?(_ node: Node) {
        var program: [Instruction] = []
        var sets: [CharacterSet: Int] = [:]
        guard Self.emit(node, into: &program, sets: &sets) else { return nil }
        program.append(.accept)
        instructions = program
        var table = [CompiledSet?](repeating: nil, count: sets.count)
        for (set, index) in sets { table[index] = CompiledSet(set) }
        self.sets = table.map { $0! }
    }

    private static func emit(_ node: Node, into program: inout [Instruction], sets: inout [CharacterSet: Int]) -> Bool {
        guard program.count < sizeLimit else { return false }
        switch node {
        case .empty:
            return true
        case .characters(let set):
            let index = sets[set] ?? sets.count
            sets[set] = index
            program.append(.consume(index))
        case .start:
            program.append(.assertStart)
        case .end:
            program.append(.assertEnd)
        case .sequence(let nodes):
            for node in nodes where !emit(node, into: &program, sets: &sets) { return false }
        case .alternatives(let nodes):
            // split a, next; a; jump end; next: split b, next2; b; jump end; ...; last; end:
            var jumpsToEnd: [Int] = []
            for (index, node) in nodes.enumerated() {
                if index < nodes.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, -1))
                    guard emit(node, into: &program, sets: &sets) else { return false }
                    jumpsToEnd.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    guard emit(node, into: &program, sets: &sets) else { return false }
                }
            }
            for jump in jumpsToEnd { program[jump] = .jump(program.count) }
        case .repetition(let node, let minimum, let maximum):
            for _ in 0..<minimum where !emit(node, into: &program, sets: &sets) { return false }
            if let maximum {
                // Each optional copy may be skipped to the common end.
                var skips: [Int] = []
                for _ in minimum..<maximum {
                    skips.append(program.count)
                    program.append(.split(program.count + 1, -1))
                    guard emit(node, into: &program, sets: &sets) else { return false }
                }
                for skip in skips { program[skip] = .split(skip + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.split(loop + 1, -1))
                guard emit(node, into: &program, sets: &sets) else { return false }
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
        return program.count <= sizeLimit
    }

    /// Whether the program matches anywhere in `text` (a new thread starts at every position).
    func matches(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map(\.value)
        // The position at which each instruction was last added, so each is added once per step.
        var added = [Int](repeating: -1, count: instructions.count)
        var current: [Int] = []
        var next: [Int] = []
        var pending: [Int] = []

        /// Follows everything that consumes nothing from `pc` at `position`, putting the
        /// instructions that consume into `list`; true when `accept` is reached.
        func add(_ pc: Int, to list: inout [Int], at position: Int) -> Bool {
            pending.append(pc)
            while let pc = pending.popLast() {
                guard added[pc] != position else { continue }
                added[pc] = position
                switch instructions[pc] {
                case .accept:
                    pending.removeAll()
                    return true
                case .consume:
                    list.append(pc)
                case .jump(let target):
                    pending.append(target)
                case .split(let first, let second):
                    pending.append(second)
                    pending.append(first)
                case .assertStart:
                    if position == 0 { pending.append(pc + 1) }
                case .assertEnd:
                    if position == scalars.count { pending.append(pc + 1) }
                }
            }
            return false
        }

        for position in 0...scalars.count {
            if add(0, to: &current, at: position) { return true }
            guard position < scalars.count else { break }
            next.removeAll(keepingCapacity: true)
            for pc in current {
                guard case .consume(let set) = instructions[pc], sets[set].contains(scalars[position]) else { continue }
                if add(pc + 1, to: &next, at: position + 1) { return true }
            }
            swap(&current, &next)
        }
        return false
    }
}
