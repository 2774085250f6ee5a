/// What the parser made of a file, errors and all: a best-effort spec, the problems found, and
/// the holes it had to leave, so that validation can still run without piling follow-on errors
/// on top of the real ones.
struct ParsedTopology {
    /// Nil when the document has no usable top-level mapping at all.
    var spec: TopologySpec?
    var diagnostics: [Diagnostic]
    var gaps: ParseGaps
}

/// Parts of a spec the parser could not read. Values that fail to parse are simply left out
/// (an interface without its bad `ip`, a link without its bad `delay`); these record the cases
/// where leaving something out would make a later check wrong.
struct ParseGaps: Sendable {
    /// Devices whose `type` was missing or invalid. They stay in the spec, with a placeholder
    /// kind, so that links and script steps naming them still resolve; checks that depend on
    /// the kind skip them.
    var devicesWithUnknownKind: Set<String> = []
    /// Devices whose interface list could not be read completely, so "has no interface" is not
    /// a reliable conclusion for them.
    var devicesWithIncompleteInterfaces: Set<String> = []
    /// Indexes into `spec.links` of links that dropped unreadable endpoints; their endpoint
    /// count says nothing.
    var linksWithUnreadableEndpoints: Set<Int> = []
    /// True when `devices` was missing, not a list, or held only unreadable entries, so an
    /// empty device list has been reported already.
    var devicesUnreadable = false
    /// True when an entry of some `policies` block could not be read (reported): the policy
    /// sets are then incomplete, and checking them would only add noise.
    var policiesIncomplete = false
}
