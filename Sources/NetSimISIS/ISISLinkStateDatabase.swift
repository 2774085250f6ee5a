import NetSimRouting
import NetSimWire

/// One level's LSPs by LSP ID, with the time each was installed so that its remaining lifetime
/// can be read at any moment. An LSP whose lifetime ran out, or that arrived as a purge, stays
/// as a header with zero lifetime until `zeroAgeUntil` (ISO 10589 §7.3.16.4).
public struct ISISLinkStateDatabase: Sendable {
    public struct Entry: Sendable {
        /// The LSP as installed, its `remainingLifetime` as it was then.
        public var lsp: ISISLSP
        public var installedAt: SimTime
        /// Set once the LSP is purged: when its header may be dropped.
        public var zeroAgeUntil: SimTime?

        /// Remaining lifetime in whole seconds at `now`, counting down from installation.
        public func remainingLifetime(at now: SimTime) -> UInt16 {
            if zeroAgeUntil != nil { return 0 }
            let elapsed = (now - installedAt).wholeSeconds
            return UInt16(max(0, Int64(lsp.remainingLifetime) - elapsed))
        }

        /// When the lifetime runs out (for an LSP not yet purged).
        public var expiresAt: SimTime { installedAt + .seconds(Int64(lsp.remainingLifetime)) }

        public var isPurged: Bool { zeroAgeUntil != nil }

        /// When this entry next needs attention: its lifetime runs out, or its zero-age holding ends.
        public var nextDeadline: SimTime { zeroAgeUntil ?? expiresAt }

        /// The LSP as it goes on the wire now: its lifetime counted down.
        public func current(at now: SimTime) -> ISISLSP {
            var copy = lsp
            copy.remainingLifetime = remainingLifetime(at: now)
            return copy
        }

        /// The LSP's entry as a sequence number PDU lists it now (what `current(at:).entry` gives,
        /// without copying the LSP).
        public func summary(at now: SimTime) -> ISISLSPEntry {
            ISISLSPEntry(remainingLifetime: remainingLifetime(at: now), lspID: lsp.lspID,
                         sequenceNumber: lsp.sequenceNumber, checksum: lsp.checksum)
        }
    }

    public private(set) var entries: [ISISLSPID: Entry] = [:]

    public init() {}

    public subscript(id: ISISLSPID) -> Entry? { entries[id] }

    /// The entry, for a caller that holds the database in a class's stored map: a mutating
    /// call reaches it in place where the subscript would copy the whole database out first.
    mutating func entry(_ id: ISISLSPID) -> Entry? { entries[id] }

    /// The entry's summary now, read where the entry lies: through the map's in-place accessor,
    /// which moves the entry out and back instead of copying it and its LSP. (A lookup of an
    /// absent ID may make room for one more entry, as an insertion would.)
    mutating func summary(of id: ISISLSPID, at now: SimTime) -> ISISLSPEntry? {
        ISISLinkStateDatabase.summary(of: &entries[id], at: now)
    }

    private static func summary(of entry: inout Entry?, at now: SimTime) -> ISISLSPEntry? {
        entry?.summary(at: now)
    }

    public var sortedIDs: [ISISLSPID] { entries.keys.sorted() }

    mutating func install(_ lsp: ISISLSP, at now: SimTime, zeroAgeLifetime: SimTime) {
        entries[lsp.lspID] = Entry(lsp: lsp, installedAt: now,
                                   zeroAgeUntil: lsp.remainingLifetime == 0 ? now + zeroAgeLifetime : nil)
    }

    /// Turns an LSP into a purge: lifetime zero, its TLVs dropped (ISO 10589 §7.3.16.4).
    mutating func purge(_ id: ISISLSPID, at now: SimTime, zeroAgeLifetime: SimTime) {
        guard let entry = entries[id] else { return }
        var header = entry.lsp
        header.remainingLifetime = 0
        header.tlvs = []
        header = ISISLSP.make(level: header.level, remainingLifetime: 0, lspID: header.lspID,
                              sequenceNumber: header.sequenceNumber, attached: header.attached,
                              overload: header.overload, isType: header.isType, tlvs: [])
        entries[id] = Entry(lsp: header, installedAt: now, zeroAgeUntil: now + zeroAgeLifetime)
    }

    mutating func remove(_ id: ISISLSPID) { entries[id] = nil }

    /// The next moment an entry's lifetime runs out or its zero-age holding ends.
    var nextExpiry: SimTime? {
        entries.values.map(\.nextDeadline).min()
    }
}

/// Which of two versions of an LSP is newer (ISO 10589 §7.3.16): the higher sequence number;
/// with equal numbers a purge is newer than a live LSP.
enum ISISRecency {
    case newer
    case same
    case older

    static func compare(_ received: ISISLSPEntry, with stored: ISISLSPEntry) -> ISISRecency {
        if received.sequenceNumber != stored.sequenceNumber {
            return received.sequenceNumber > stored.sequenceNumber ? .newer : .older
        }
        let receivedZero = received.remainingLifetime == 0, storedZero = stored.remainingLifetime == 0
        if receivedZero != storedZero { return receivedZero ? .newer : .older }
        return .same
    }
}
