import ArgumentParser
import Foundation

/// `--threads N`, shared by the commands that run a simulation (`run`, `daemon start`).
struct ThreadsOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Threads for the events several devices have due at the same instant (default: one per processor).",
        discussion: "Any number gives the same network and byte-identical output; it changes only how fast it comes."))
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// The count to use: the one given, or one per processor.
    var count: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}
