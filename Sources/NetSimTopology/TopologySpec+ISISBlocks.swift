import NetSimISIS
import NetSimWire

/// A router's `isis:` block as written: its NET, level and router-wide options.
public struct ISISRouterSpec: Sendable {
    /// `net:`; nil when missing or unreadable (both reported).
    public var net: ISISNetworkEntityTitle?
    public var level: ISISLevelSetting?
    public var metricStyle: ISISMetricStyle?
    /// `leak_l2_to_l1: true`: an L1L2 router leaks its level-2 routes into level 1.
    public var leakL2ToL1: Bool?
    public var overload: Bool?
    /// Timers in seconds (`lsp_lifetime`, `lsp_refresh`, `lsp_gen_interval`, `spf_interval`,
    /// `csnp_interval`, `psnp_interval`); nil keeps the default of `ISISTimers`.
    public var lspLifetime: Int?
    public var lspRefresh: Int?
    public var lspGenerationInterval: Int?
    public var spfInterval: Int?
    public var csnpInterval: Int?
    public var psnpInterval: Int?
    public var location: SourceLocation
    /// Where each key's value was written; see `TopologySpec.valueLocations`.
    public var valueLocations: [String: SourceLocation] = [:]

    public init(location: SourceLocation) {
        self.location = location
    }
}

/// The words `level:` and `circuit:` take.
public enum ISISLevelSetting: String, Sendable, CaseIterable {
    case l1
    case l2
    case l1l2

    public var levels: ISISLevels {
        switch self {
        case .l1: .level1
        case .l2: .level2
        case .l1l2: .level1And2
        }
    }
}

/// An interface's `isis:` block as written; nil fields take their defaults when the
/// configuration is built. `ISISInterfaceConfiguration` documents each setting.
public struct ISISInterfaceSpec: Sendable {
    public var metric: UInt32?
    public var passive: Bool?
    public var circuit: ISISLevelSetting?
    public var network: ISISNetworkType?
    public var priority: UInt8?
    /// `hello:` and `hold:`, in seconds.
    public var helloInterval: UInt16?
    public var holdTime: UInt16?
    public var location: SourceLocation
    /// Where each key's value was written; see `TopologySpec.valueLocations`.
    public var valueLocations: [String: SourceLocation] = [:]

    /// A block with every key left out (`isis: {}`); set the keys that were written.
    public init(location: SourceLocation) {
        self.location = location
    }
}
