import ArgumentParser
import Foundation
import NetSimDaemonClient

struct ExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run one console command on a device of a running daemon and print its output.",
        discussion: """
            Exit status 0 when the command succeeded, 1 when it failed (the console's message goes to \
            standard error) or the daemon could not be reached. With --json (or a command ending in \
            --json) the output is the command's JSON.
            """)

    @Argument(help: "The daemon's name.")
    var name: String

    @Argument(help: "The device to run the command on.")
    var device: String

    @Argument(parsing: .allUnrecognized, help: "The command, e.g. \"show ip route\" (quoted, or as separate words).")
    var command: [String] = []

    @Flag(help: "Print the command's JSON output.")
    var json = false

    func validate() throws {
        guard !command.isEmpty else { throw ValidationError("missing the command to run, e.g. \"show ip route\"") }
    }

    func run() throws {
        let line = command.joined(separator: " ")
        let reply: CommandReply
        do {
            reply = try DaemonClient.named(name).execute(device: device, command: line)
        } catch {
            fail(error.description)
        }
        let printsJSON = json || reply.wantsJSON
        if reply.succeeded {
            print(printsJSON ? reply.json.compact : reply.text)
            return
        }
        if printsJSON { print(reply.json.compact) }
        FileHandle.standardError.write(Data((reply.text + "\n").utf8))
        throw ExitCode(1)
    }
}
