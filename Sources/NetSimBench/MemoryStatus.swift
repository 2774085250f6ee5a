import Foundation

/// Resident memory of this process from /proc/self/status (Linux). The figures are
/// process-wide: whatever else the process holds counts too.
public enum MemoryStatus {
    /// VmHWM: the peak resident set size, in bytes, since the process started or since the
    /// last `resetPeak()`. Nil where /proc is not there.
    public static var peakResidentBytes: UInt64? { field("VmHWM:") }

    /// VmRSS: the resident set size now, in bytes.
    public static var residentBytes: UInt64? { field("VmRSS:") }

    /// Restarts the peak from the current resident size (writes 5 to /proc/self/clear_refs,
    /// Linux 4.0 and later). Returns false when the kernel refused.
    @discardableResult
    public static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    /// Total memory of the machine (MemTotal of /proc/meminfo), in bytes.
    public static var machineBytes: UInt64? { field("MemTotal:", in: "/proc/meminfo") }

    /// The "model name" line of /proc/cpuinfo and the number of processors it lists.
    public static var processor: (model: String, count: Int)? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        let models = text.split(separator: "\n").filter { $0.hasPrefix("model name") }
            .compactMap { $0.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) }
        guard let model = models.first else { return nil }
        return (model, models.count)
    }

    /// A "Name:   1234 kB" line of a /proc file, in bytes.
    private static func field(_ name: String, in path: String = "/proc/self/status") -> UInt64? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return nil }
        let words = line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let value = words.first.flatMap({ UInt64($0) }) else { return nil }
        return words.dropFirst().first == "kB" ? value * 1024 : value
    }
}
