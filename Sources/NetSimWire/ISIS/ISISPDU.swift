/// An IS-IS PDU (ISO 10589 §9) as it travels in an 802.3/LLC frame: one of the Hellos, an LSP or
/// a sequence number PDU. Every PDU starts with the same 8-byte header; the type number encodes
/// the kind and the level.
public enum ISISPDU: Hashable, Sendable {
    case lanHello(ISISLANHello)
    case pointToPointHello(ISISPointToPointHello)
    case lsp(ISISLSP)
    case csnp(ISISCSNP)
    case psnp(ISISPSNP)

    /// The intradomain routeing protocol discriminator.
    public static let discriminator: UInt8 = 0x83
    public static let commonHeaderLength = 8

    /// The level of the PDU; nil for point-to-point Hellos, which serve both.
    public var level: ISISLevel? {
        switch self {
        case .lanHello(let hello): hello.level
        case .pointToPointHello: nil
        case .lsp(let lsp): lsp.level
        case .csnp(let csnp): csnp.level
        case .psnp(let psnp): psnp.level
        }
    }

    /// The PDU type field (15-27).
    public var typeNumber: UInt8 {
        switch self {
        case .lanHello(let hello): hello.level == .level1 ? 15 : 16
        case .pointToPointHello: 17
        case .lsp(let lsp): lsp.level == .level1 ? 18 : 20
        case .csnp(let csnp): csnp.level == .level1 ? 24 : 25
        case .psnp(let psnp): psnp.level == .level1 ? 26 : 27
        }
    }

    /// The fixed header length of each type (the length indicator).
    public var headerLength: Int {
        switch self {
        case .lanHello: 27
        case .pointToPointHello: 20
        case .lsp: 27
        case .csnp: 33
        case .psnp: 17
        }
    }

    public var tlvs: [ISISTLV] {
        switch self {
        case .lanHello(let hello): hello.tlvs
        case .pointToPointHello(let hello): hello.tlvs
        case .lsp(let lsp): lsp.tlvs
        case .csnp(let csnp): csnp.tlvs
        case .psnp(let psnp): psnp.tlvs
        }
    }

    /// Header and TLVs: the PDU length field.
    public var wireLength: Int { headerLength + tlvs.reduce(0) { $0 + $1.wireLength } }

    /// "L1 LAN IIH", "L2 LSP", "P2P IIH" (log lines and capture filters).
    public var name: String {
        switch self {
        case .lanHello(let hello): "\(hello.level) LAN IIH"
        case .pointToPointHello: "P2P IIH"
        case .lsp(let lsp): "\(lsp.level) LSP"
        case .csnp(let csnp): "\(csnp.level) CSNP"
        case .psnp(let psnp): "\(psnp.level) PSNP"
        }
    }

    /// The group MAC addresses IS-IS PDUs are sent to.
    public static let allL1ISs = MACAddress(0x0180_C200_0014)
    public static let allL2ISs = MACAddress(0x0180_C200_0015)
    public static let allISs = MACAddress(0x0900_2B00_0005)

    /// The LAN group address of a level.
    public static func allISs(_ level: ISISLevel) -> MACAddress { level == .level1 ? allL1ISs : allL2ISs }
}

/// A LAN IS-to-IS Hello (types 15 and 16).
public struct ISISLANHello: Hashable, Sendable {
    public var level: ISISLevel
    public var circuitType: ISISLevels
    public var sourceID: ISISSystemID
    public var holdingTime: UInt16
    /// 0...127.
    public var priority: UInt8
    /// The designated IS's LAN ID as the sender sees it.
    public var lanID: ISISNodeID
    public var tlvs: [ISISTLV]

    public static let maximumPriority: UInt8 = 127

    public init(level: ISISLevel, circuitType: ISISLevels, sourceID: ISISSystemID, holdingTime: UInt16, priority: UInt8,
                lanID: ISISNodeID, tlvs: [ISISTLV]) {
        self.level = level
        self.circuitType = circuitType
        self.sourceID = sourceID
        self.holdingTime = holdingTime
        self.priority = priority
        self.lanID = lanID
        self.tlvs = tlvs
    }
}

/// A point-to-point IS-to-IS Hello (type 17).
public struct ISISPointToPointHello: Hashable, Sendable {
    public var circuitType: ISISLevels
    public var sourceID: ISISSystemID
    public var holdingTime: UInt16
    public var localCircuitID: UInt8
    public var tlvs: [ISISTLV]

    public init(circuitType: ISISLevels, sourceID: ISISSystemID, holdingTime: UInt16, localCircuitID: UInt8,
                tlvs: [ISISTLV]) {
        self.circuitType = circuitType
        self.sourceID = sourceID
        self.holdingTime = holdingTime
        self.localCircuitID = localCircuitID
        self.tlvs = tlvs
    }
}

/// A link state PDU (types 18 and 20). `ISISLSP.make` fills in the checksum.
public struct ISISLSP: Hashable, Sendable {
    public var level: ISISLevel
    public var remainingLifetime: UInt16
    public var lspID: ISISLSPID
    public var sequenceNumber: UInt32
    public var checksum: UInt16
    public var partitionRepair: Bool
    /// The ATT bit of the default metric: a level-1-2 router reaching other areas.
    public var attached: Bool
    /// The LSP database overload bit: do not route through this router.
    public var overload: Bool
    /// The originator's IS type (level 1 or level 1-2 in L1 LSPs).
    public var isType: ISISLevels
    public var tlvs: [ISISTLV]

    public init(level: ISISLevel, remainingLifetime: UInt16, lspID: ISISLSPID, sequenceNumber: UInt32, checksum: UInt16,
                partitionRepair: Bool = false, attached: Bool = false, overload: Bool = false, isType: ISISLevels,
                tlvs: [ISISTLV]) {
        self.level = level
        self.remainingLifetime = remainingLifetime
        self.lspID = lspID
        self.sequenceNumber = sequenceNumber
        self.checksum = checksum
        self.partitionRepair = partitionRepair
        self.attached = attached
        self.overload = overload
        self.isType = isType
        self.tlvs = tlvs
    }

    /// An LSP with its checksum computed from its encoding.
    public static func make(level: ISISLevel, remainingLifetime: UInt16, lspID: ISISLSPID, sequenceNumber: UInt32,
                            attached: Bool = false, overload: Bool = false, isType: ISISLevels,
                            tlvs: [ISISTLV]) -> ISISLSP {
        var lsp = ISISLSP(level: level, remainingLifetime: remainingLifetime, lspID: lspID,
                          sequenceNumber: sequenceNumber, checksum: 0, attached: attached, overload: overload,
                          isType: isType, tlvs: tlvs)
        lsp.checksum = FletcherChecksum.lspChecksum(of: ISISPDU.lsp(lsp).encoded())
        return lsp
    }

    /// The whole PDU's length.
    public var wireLength: Int { ISISPDU.lsp(self).wireLength }

    /// The flags byte after the checksum: P, ATT (default metric), OL, IS type.
    public var flags: UInt8 {
        (partitionRepair ? 0x80 : 0) | (attached ? 0x08 : 0) | (overload ? 0x04 : 0) | isType.rawValue
    }

    /// The summary a CSNP or PSNP carries.
    public var entry: ISISLSPEntry {
        ISISLSPEntry(remainingLifetime: remainingLifetime, lspID: lspID, sequenceNumber: sequenceNumber,
                     checksum: checksum)
    }
}

/// A complete sequence number PDU (types 24 and 25): every LSP between two IDs.
public struct ISISCSNP: Hashable, Sendable {
    public var level: ISISLevel
    /// The sender's system ID and circuit ID (zero).
    public var sourceID: ISISNodeID
    public var startLSPID: ISISLSPID
    public var endLSPID: ISISLSPID
    public var tlvs: [ISISTLV]

    public init(level: ISISLevel, sourceID: ISISNodeID, startLSPID: ISISLSPID, endLSPID: ISISLSPID, tlvs: [ISISTLV]) {
        self.level = level
        self.sourceID = sourceID
        self.startLSPID = startLSPID
        self.endLSPID = endLSPID
        self.tlvs = tlvs
    }
}

/// A partial sequence number PDU (types 26 and 27): acknowledgements and requests.
public struct ISISPSNP: Hashable, Sendable {
    public var level: ISISLevel
    public var sourceID: ISISNodeID
    public var tlvs: [ISISTLV]

    public init(level: ISISLevel, sourceID: ISISNodeID, tlvs: [ISISTLV]) {
        self.level = level
        self.sourceID = sourceID
        self.tlvs = tlvs
    }
}

extension ISISPDU {
    /// The LSP entries of a CSNP or PSNP, in order.
    public var lspEntries: [ISISLSPEntry] {
        tlvs.flatMap { tlv -> [ISISLSPEntry] in
            if case .lspEntries(let entries) = tlv { return entries }
            return []
        }
    }
}
