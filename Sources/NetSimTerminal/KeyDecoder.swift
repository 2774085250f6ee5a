/// Turns the bytes a terminal in raw mode sends into keys. Escape sequences and UTF-8
/// characters may arrive split across reads: the unfinished tail is kept until the next bytes
/// arrive, or until `flush` decides (after a pause in input) that a lone ESC was the Escape key.
///
/// ```
///   ground --ESC--> escape --'['--> CSI (parameters) --final byte--> key, ground
///     |               |------'O'--> SS3 --final byte-----------------> key, ground
///     |               |------other--> Alt+key (word moves) or escape + key, ground
///     |--0xC0..0xF7--> UTF-8 continuation bytes --complete--> character, ground
/// ```
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// Whether bytes are waiting for the rest of their sequence.
    public var hasPending: Bool { !pending.isEmpty }

    /// The keys completed by these bytes, in order.
    public mutating func decode(_ bytes: [UInt8]) -> [Key] {
        pending += bytes
        var keys: [Key] = []
        while !pending.isEmpty {
            guard let (key, length) = KeyDecoder.parse(pending[...]) else { break }
            keys.append(key)
            pending.removeFirst(length)
        }
        return keys
    }

    /// Input paused with a sequence unfinished: a lone ESC is the Escape key, anything else
    /// that never completed is dropped as an unknown sequence.
    public mutating func flush() -> [Key] {
        defer { pending = [] }
        if pending == [0x1B] { return [.escape] }
        return pending.isEmpty ? [] : [.unknown(pending)]
    }

    /// The first key in `bytes` and how many bytes it took; nil when more bytes are needed.
    static func parse(_ bytes: ArraySlice<UInt8>) -> (Key, Int)? {
        let first = bytes[bytes.startIndex]
        switch first {
        case 0x1B: return parseEscape(bytes)
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x09: return (.tab, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x00..<0x20: return (.control(Character(Unicode.Scalar(first + 0x60))), 1)
        case 0x80..<0xC0, 0xF8...: return (.unknown([first]), 1)
        default: return parseUTF8(bytes)
        }
    }

    private static func parseUTF8(_ bytes: ArraySlice<UInt8>) -> (Key, Int)? {
        let first = bytes[bytes.startIndex]
        let length = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4
        guard bytes.count >= length else { return nil }
        let encoded = Array(bytes.prefix(length))
        guard encoded.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }),
              let text = String(validating: encoded, as: UTF8.self), let character = text.first else {
            return (.unknown([first]), 1)
        }
        return (.character(character), length)
    }

    private static func parseEscape(_ bytes: ArraySlice<UInt8>) -> (Key, Int)? {
        guard bytes.count >= 2 else { return nil }
        let second = bytes[bytes.startIndex + 1]
        switch second {
        case UInt8(ascii: "["): return parseCSI(bytes)
        case UInt8(ascii: "O"):
            guard bytes.count >= 3 else { return nil }
            let final = bytes[bytes.startIndex + 2]
            return (finalKey(final, parameters: []) ?? .unknown(Array(bytes.prefix(3))), 3)
        case UInt8(ascii: "b"): return (.wordLeft, 2)
        case UInt8(ascii: "f"): return (.wordRight, 2)
        case 0x1B: return (.escape, 1)
        default: return (.escape, 1)  // Escape, then the next byte decodes on its own
        }
    }

    /// CSI: ESC [ then parameter bytes (0x30-0x3F), intermediates (0x20-0x2F), a final byte.
    private static func parseCSI(_ bytes: ArraySlice<UInt8>) -> (Key, Int)? {
        var index = bytes.startIndex + 2
        while index < bytes.endIndex, (0x20...0x3F).contains(bytes[index]) { index += 1 }
        guard index < bytes.endIndex else { return nil }
        let final = bytes[index]
        let length = index - bytes.startIndex + 1
        let parameterText = String(decoding: bytes[(bytes.startIndex + 2)..<index], as: UTF8.self)
        let parameters = parameterText.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard (0x40...0x7E).contains(final) else { return (.unknown(Array(bytes.prefix(length))), length) }
        let key = final == UInt8(ascii: "~") ? tildeKey(parameters.first ?? nil) : finalKey(final, parameters: parameters)
        return (key ?? .unknown(Array(bytes.prefix(length))), length)
    }

    /// Arrows, Home and End by final byte; with a Ctrl or Alt modifier (`1;5C`) arrows move by word.
    private static func finalKey(_ final: UInt8, parameters: [Int?]) -> Key? {
        let modifier = parameters.count > 1 ? (parameters[1] ?? 1) : 1
        let byWord = modifier == 3 || modifier == 5
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return byWord ? .wordRight : .right
        case UInt8(ascii: "D"): return byWord ? .wordLeft : .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        default: return nil
        }
    }

    /// VT220 keys: ESC [ n ~.
    private static func tildeKey(_ code: Int?) -> Key? {
        switch code {
        case 1, 7: .home
        case 4, 8: .end
        case 3: .delete
        case 5: .pageUp
        case 6: .pageDown
        default: nil
        }
    }
}
