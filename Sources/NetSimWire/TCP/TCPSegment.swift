/// A TCP segment (RFC 9293 §3.1): ports, sequence and acknowledgment numbers, the control bits,
/// the window, the options netsim uses and the data as bytes. The checksum and the data offset
/// are not stored: the codec computes them (the checksum over the RFC 9293 §3.1 pseudo-header,
/// so encoding and decoding need the IP addresses, as for UDP).
public struct TCPSegment: Sendable, Equatable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var sequenceNumber: UInt32
    public var acknowledgmentNumber: UInt32
    public var flags: TCPFlags
    public var window: UInt16
    /// Meaningful only with URG, which netsim never sets; kept so that decoding and encoding agree.
    public var urgentPointer: UInt16
    /// In the order they appear on the wire; the codec pads the list with zeros to a 32-bit boundary.
    public var options: [TCPOption]
    public var payload: [UInt8]

    public init(sourcePort: UInt16, destinationPort: UInt16, sequenceNumber: UInt32, acknowledgmentNumber: UInt32,
                flags: TCPFlags, window: UInt16, urgentPointer: UInt16 = 0, options: [TCPOption] = [],
                payload: [UInt8] = []) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.sequenceNumber = sequenceNumber
        self.acknowledgmentNumber = acknowledgmentNumber
        self.flags = flags
        self.window = window
        self.urgentPointer = urgentPointer
        self.options = options
        self.payload = payload
    }

    /// The IP protocol number of TCP.
    public static let ipProtocol: UInt8 = 6
    /// The fixed header, without options.
    public static let minimumHeaderLength = 20
    /// The data offset field has 4 bits: at most 15 words of header.
    public static let maximumHeaderLength = 60

    /// The options' bytes before padding.
    public var optionsLength: Int { options.reduce(0) { $0 + $1.wireLength } }

    /// The header with its options, padded to a multiple of 4 bytes.
    public var headerLength: Int { TCPSegment.minimumHeaderLength + (optionsLength + 3) / 4 * 4 }

    public var wireLength: Int { headerLength + payload.count }

    /// How much sequence space the segment occupies: its data, plus one each for SYN and FIN.
    public var sequenceLength: Int {
        payload.count + (flags.contains(.syn) ? 1 : 0) + (flags.contains(.fin) ? 1 : 0)
    }

    /// The MSS option's value, if the segment carries one.
    public var maximumSegmentSize: UInt16? {
        for case .maximumSegmentSize(let value) in options { return value }
        return nil
    }

    /// The RFC 2385 signature the segment carries, if any.
    public var md5Signature: [UInt8]? {
        for case .md5Signature(let digest) in options { return digest }
        return nil
    }
}

/// The eight control bits of RFC 9293 §3.1 (with RFC 3168's CWR and ECE).
public struct TCPFlags: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let fin = TCPFlags(rawValue: 0x01)
    public static let syn = TCPFlags(rawValue: 0x02)
    public static let rst = TCPFlags(rawValue: 0x04)
    public static let psh = TCPFlags(rawValue: 0x08)
    public static let ack = TCPFlags(rawValue: 0x10)
    public static let urg = TCPFlags(rawValue: 0x20)
    public static let ece = TCPFlags(rawValue: 0x40)
    public static let cwr = TCPFlags(rawValue: 0x80)

    /// As tcpdump prints them: "S.", "P.", "F.", "R", "." for a bare ACK.
    public var description: String {
        var text = ""
        for (flag, letter) in [(TCPFlags.syn, "S"), (.fin, "F"), (.psh, "P"), (.rst, "R"), (.urg, "U"),
                               (.ece, "E"), (.cwr, "W")] where contains(flag) { text += letter }
        if contains(.ack) { text += "." }
        return text.isEmpty ? "none" : text
    }
}
