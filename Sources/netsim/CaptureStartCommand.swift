import ArgumentParser
import Foundation
import NetSimCapture
import NetSimDaemonClient

struct CaptureStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start capturing in a running daemon; prints the capture's ID.",
        discussion: """
            The daemon writes the file (relative paths are taken from this directory) with the same \
            filters, formats and bytes as 'netsim run --pcap'. The file appears when the capture stops \
            ('netsim capture stop') or the daemon does. Exit status 2 when an option is invalid.
            """)

    @OptionGroup var daemon: DaemonChoice

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(
        "The capture file to write.", valueName: "file"))
    var output: String

    @Option(name: .customLong("pcap-format"),
            help: "pcapng (every selected interface, with names and directions) or pcap (one interface).")
    var format: CaptureFormat = .pcapng

    @Option(name: .customLong("pcap-filter"), help: ArgumentHelp(
        "What to capture, comma-separated: device:NAME, DEVICE:IFACE, link:DEVICE:IFACE, proto:"
            + CaptureProtocol.allCases.map(\.rawValue).joined(separator: "|")
            + ". Default: every cabled interface, every frame.",
        valueName: "terms"))
    var filter: String?

    @Flag(help: "Print the capture as JSON (the API's reply).")
    var json = false

    func run() throws {
        let (name, client) = daemon.client()
        let capture: CaptureInfo
        do throws(DaemonClientError) {
            capture = try client.startCapture(file: output, format: format.rawValue, filter: filter)
        } catch .invalidCapture(let field, let problems) {
            // The same words as `netsim run --pcap`, exit status 2.
            let messages = CaptureRequestError.Field(rawValue: field).map {
                CaptureRequestError($0, problems).optionMessages(fileOption: "--output")
            } ?? problems
            FileHandle.standardError.write(Data(messages.map { "error: \($0)\n" }.joined().utf8))
            throw ExitCode(2)
        } catch {
            fail(error.description)
        }
        if json {
            print(capture.json.compact)
            return
        }
        let interfaces = capture.interfaces.count
        print("Capture \(capture.id) started in daemon '\(name)': \(interfaces) interface\(interfaces == 1 ? "" : "s") "
              + "to \(capture.file) (\(capture.format))")
    }
}
