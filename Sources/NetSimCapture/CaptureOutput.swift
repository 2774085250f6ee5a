/// Where a capture's bytes go, in order: a file (`AtomicCaptureFile`) or memory.
public protocol CaptureOutput: AnyObject {
    func write(_ bytes: [UInt8]) throws
}

/// Keeps a capture in memory, for tests and for callers that want the bytes.
public final class MemoryCaptureOutput: CaptureOutput {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ bytes: [UInt8]) {
        self.bytes += bytes
    }
}
