/// AS_PATH (RFC 4271 §5.1.2): segments of AS numbers, four octets each (RFC 6793). The segment
/// nearest the receiver comes first; `prepending` adds to it.
public struct BGPASPath: Hashable, Sendable, CustomStringConvertible {
    public var segments: [BGPASPathSegment]

    public init(segments: [BGPASPathSegment] = []) {
        self.segments = segments
    }

    public init(sequence: [UInt32]) {
        self.init(segments: sequence.isEmpty ? [] : [BGPASPathSegment(kind: .sequence, numbers: sequence)])
    }

    /// The length the decision process compares (RFC 4271 §9.1.2.2 a): each AS of a sequence
    /// counts one, a whole set counts one, confederation segments count nothing (RFC 5065).
    public var length: Int {
        segments.reduce(0) { total, segment in
            switch segment.kind {
            case .sequence: total + segment.numbers.count
            case .set: total + 1
            case .confederationSequence, .confederationSet: total
            }
        }
    }

    /// Every AS number anywhere in the path.
    public func contains(_ autonomousSystem: UInt32) -> Bool {
        segments.contains { $0.numbers.contains(autonomousSystem) }
    }

    /// The AS the route was learned from: the first of a leading sequence, nil otherwise.
    public var neighborAS: UInt32? {
        guard let first = segments.first, first.kind == .sequence else { return nil }
        return first.numbers.first
    }

    /// The AS that originated the route: the last of a trailing sequence, nil otherwise.
    public var originAS: UInt32? {
        guard let last = segments.last, last.kind == .sequence else { return nil }
        return last.numbers.last
    }

    /// The path with `autonomousSystem` put in front `count` times, in a leading sequence
    /// (a new segment when the first is not a sequence or is full at 255 numbers).
    public func prepending(_ autonomousSystem: UInt32, count: Int = 1) -> BGPASPath {
        var path = self
        for _ in 0..<max(count, 0) {
            if let first = path.segments.first, first.kind == .sequence, first.numbers.count < BGPASPathSegment.maximumCount {
                path.segments[0].numbers.insert(autonomousSystem, at: 0)
            } else {
                path.segments.insert(BGPASPathSegment(kind: .sequence, numbers: [autonomousSystem]), at: 0)
            }
        }
        return path
    }

    /// The path as routers print it: `65002 65001`, sets in braces `{1,2}`, confederation
    /// segments in parentheses; empty for a locally originated route.
    public var description: String {
        segments.map { segment -> String in
            let numbers = segment.numbers.map(String.init)
            switch segment.kind {
            case .sequence: return numbers.joined(separator: " ")
            case .set: return "{" + numbers.joined(separator: ",") + "}"
            case .confederationSequence: return "(" + numbers.joined(separator: " ") + ")"
            case .confederationSet: return "[" + numbers.joined(separator: ",") + "]"
            }
        }.joined(separator: " ")
    }
}

/// One AS_PATH segment.
public struct BGPASPathSegment: Hashable, Sendable {
    public enum Kind: UInt8, Hashable, Sendable {
        case set = 1
        case sequence = 2
        /// RFC 5065.
        case confederationSequence = 3
        case confederationSet = 4
    }

    public var kind: Kind
    /// At most 255 (the segment length is one octet).
    public var numbers: [UInt32]

    public static let maximumCount = 255

    public init(kind: Kind, numbers: [UInt32]) {
        self.kind = kind
        self.numbers = numbers
    }
}
