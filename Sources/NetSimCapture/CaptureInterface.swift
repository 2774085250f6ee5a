/// A capture interface as a file describes it: one per simulated interface in pcapng, the one
/// and only in classic pcap (where it has no name).
public struct CaptureInterface: Sendable, Equatable {
    /// "device:interface", the pcapng `if_name` option.
    public var name: String
    /// Free text for the pcapng `if_description` option, e.g. "to r2:eth0".
    public var description: String?

    public init(name: String, description: String? = nil) {
        self.name = name
        self.description = description
    }
}
