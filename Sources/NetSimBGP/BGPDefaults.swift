import NetSimRouting

/// The values a BGP speaker uses when its configuration says nothing, chosen to match FRR 8.4's
/// "traditional" profile so that netsim and FRR agree on timing-independent results.
public enum BGPDefaults {
    /// Seconds between KEEPALIVEs (FRR `timers bgp 60 180`).
    public static let keepaliveTime: UInt16 = 60
    /// Hold time offered in the OPEN; the session uses the smaller of both sides' (RFC 4271 §4.2).
    public static let holdTime: UInt16 = 180
    /// Seconds between connection attempts (FRR's default ConnectRetry).
    public static let connectRetryTime: UInt16 = 120
    /// LOCAL_PREF given to routes that arrive without one and sent to iBGP peers (RFC 4271 §5.1.5).
    public static let localPreference: UInt32 = 100
    /// Administrative distances (FRR: eBGP 20, iBGP and local 200).
    public static let externalDistance: UInt8 = 20
    public static let internalDistance: UInt8 = 200
    /// Seconds a graceful-restart helper keeps a restarting peer's routes (RFC 4724 §4.2; FRR 120).
    public static let restartTime: UInt16 = 120
    /// Seconds a helper waits for End-of-RIB after a restart before dropping stale routes (FRR 360).
    public static let stalePathTime: UInt16 = 360
}
