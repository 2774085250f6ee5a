import Foundation

/// Short human forms of the figures the bench prints: "1.25s", "840ms", "3.2M", "512 MiB".
public enum BenchFormat {
    public static func seconds(_ value: Double) -> String {
        switch value {
        case ..<0.001: String(format: "%.0fus", value * 1e6)
        case ..<1: String(format: "%.1fms", value * 1e3)
        case ..<100: String(format: "%.2fs", value)
        default: String(format: "%.0fs", value)
        }
    }

    public static func count(_ value: Double) -> String {
        switch value {
        case ..<10_000: String(format: "%.0f", value)
        case ..<1e6: String(format: "%.1fk", value / 1e3)
        case ..<1e9: String(format: "%.2fM", value / 1e6)
        default: String(format: "%.2fG", value / 1e9)
        }
    }

    public static func bytes(_ value: UInt64?) -> String {
        guard let value else { return "-" }
        let double = Double(value)
        switch value {
        case ..<(1 << 10): return "\(value) B"
        case ..<(1 << 20): return String(format: "%.1f KiB", double / 1024)
        case ..<(1 << 30): return String(format: "%.0f MiB", double / 1_048_576)
        default: return String(format: "%.2f GiB", double / 1_073_741_824)
        }
    }

    /// "12.5x", "340x".
    public static func ratio(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0fx", value) : String(format: "%.1fx", value)
    }
}
