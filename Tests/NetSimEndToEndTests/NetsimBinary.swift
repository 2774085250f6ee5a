import Foundation

/// Runs the `netsim` executable that `swift test` built beside the test bundle.
struct NetsimBinary {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Standard output without the closing line's wall-clock figures, which are the only
        /// part that may differ between identical runs.
        var deterministicStdout: String {
            stdout.split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in
                    guard line.hasPrefix("Simulation complete:") || line.hasPrefix("Simulation stopped:"),
                          let cut = line.range(of: " simulated,") else { return String(line) }
                    return String(line[..<cut.upperBound])
                }
                .joined(separator: "\n")
        }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL {
        let buildDirectory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        return buildDirectory.appendingPathComponent("netsim")
    }

    /// Runs netsim with `environment` added to this process's (daemon tests set NETSIM_HOME), in
    /// `directory` (the package root unless given).
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func example(_ name: String) -> String {
        packageRoot.appendingPathComponent("examples").appendingPathComponent(name).path
    }
}
