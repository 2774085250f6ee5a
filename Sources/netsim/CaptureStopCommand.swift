import ArgumentParser
import Foundation
import NetSimCommands
import NetSimDaemonClient
import NetSimRouting

struct CaptureStopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop a capture, put its file in place and print what it captured.")

    @OptionGroup var daemon: DaemonChoice

    @Argument(help: "The capture's ID (from 'capture start' or 'capture list'); may be left out when only one runs.")
    var id: Int?

    @Flag(help: "Stop every capture of the daemon.")
    var all = false

    @Flag(help: "Print the stopped captures as JSON (an array).")
    var json = false

    func validate() throws {
        if all && id != nil { throw ValidationError("give a capture ID or --all, not both") }
    }

    func run() throws {
        let (name, client) = daemon.client()
        let stopped: [CaptureInfo]
        do {
            if all {
                stopped = try client.stopAllCaptures()
            } else if let id {
                stopped = [try client.stopCapture(id)]
            } else {
                let running = try client.captures()
                guard running.count == 1 else {
                    fail(running.isEmpty ? "no capture is running in daemon '\(name)'"
                         : "\(running.count) captures are running (\(running.map { String($0.id) }.joined(separator: ", "))); "
                            + "give an ID or --all")
                }
                stopped = [try client.stopCapture(running[0].id)]
            }
        } catch {
            fail(error.description)
        }
        if json {
            print(JSONValue.array(stopped.map(\.json)).compact)
        } else if stopped.isEmpty {
            print("No capture was running in daemon '\(name)'.")
        } else {
            print(stopped.map(Self.report).joined(separator: "\n\n"))
        }
        let failed = stopped.filter { $0.state == "failed" }
        for capture in failed {
            FileHandle.standardError.write(Data("error: capture \(capture.id): \(capture.error ?? "not written")\n".utf8))
        }
        if !failed.isEmpty { throw ExitCode(1) }
    }

    /// "Capture 1 (t=21058ms to t=31058ms): captured 144 frames (9876 bytes) on 10 interfaces to
    /// /tmp/out.pcapng", then a row per interface.
    static func report(_ capture: CaptureInfo) -> String {
        func time(_ milliseconds: Double) -> String { "t=\(SimTime(nanoseconds: Int64((milliseconds * 1e6).rounded())))" }
        let span = time(capture.startedMilliseconds) + (capture.stoppedMilliseconds.map { " to " + time($0) } ?? "")
        let interfaces = capture.interfaces.count
        var lines = ["Capture \(capture.id) (\(span)): " + (capture.state == "failed" ? "not written, " : "")
                     + "captured \(capture.frames) frame\(capture.frames == 1 ? "" : "s") (\(capture.bytes) bytes) on "
                     + "\(interfaces) interface\(interfaces == 1 ? "" : "s") to \(capture.file)"]
        var rows = [["INTERFACE", "SENT", "RECEIVED", "BYTES"]]
        rows += capture.interfaces.map { [$0.name, String($0.sent), String($0.received), String($0.bytes)] }
        lines.append(Columns.render(rows))
        return lines.joined(separator: "\n")
    }
}
