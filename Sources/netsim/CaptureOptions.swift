import ArgumentParser
import Foundation
import NetSimCapture
import NetSimCommands
import NetSimEngine

/// `--pcap`, `--pcap-format` and `--pcap-filter` of `netsim run` (docs/capture.md).
struct CaptureOptions: ParsableArguments {
    @Option(name: .customLong("pcap"), help: ArgumentHelp(
        "Write the frames the run carries to this capture file (written whole at the end, or not at all).",
        valueName: "file"))
    var path: String?

    @Option(name: .customLong("pcap-format"),
            help: "pcapng (every selected interface, with names and directions) or pcap (one interface).")
    var format: CaptureFormat?

    @Option(name: .customLong("pcap-filter"), help: ArgumentHelp(
        "What to capture, comma-separated: device:NAME, DEVICE:IFACE, link:DEVICE:IFACE, "
            + "proto:arp|ipv4|icmp|udp|ospf. Default: every cabled interface, every frame.",
        valueName: "terms"))
    var filter: String?

    /// Checks the options against the simulation and attaches a capture to it; nil without
    /// `--pcap`. Every problem is reported on standard error before anything runs (exit 2).
    func start(on simulation: Simulation, comment: String) throws -> CaptureRecording? {
        guard let path else {
            if format != nil || filter != nil {
                throw Self.refuse(["--pcap-format and --pcap-filter need --pcap FILE"])
            }
            return nil
        }
        let request = CaptureRequest(path: path, format: format ?? .pcapng, filter: filter)
        let recording: CaptureRecording
        do {
            recording = try request.open(on: simulation, comment: comment, encode: CaptureEncoder.frameBytes)
        } catch {
            throw Self.refuse(error.optionMessages(fileOption: "--pcap"))
        }
        recording.capture.attach(to: simulation)
        return recording
    }

    private static func refuse(_ messages: [String]) -> ExitCode {
        FileHandle.standardError.write(Data(messages.map { "error: \($0)\n" }.joined().utf8))
        return ExitCode(2)
    }
}

extension CaptureFormat: ExpressibleByArgument {}

extension CaptureRequestError {
    /// The problems as `run --pcap` and `capture start` print them, named by their options:
    /// "--pcap-filter: 'device:r9': no device 'r9' ...", "--pcap-format pcap holds exactly one ...".
    func optionMessages(fileOption: String) -> [String] {
        problems.map { problem in
            switch field {
            case .filter: "--pcap-filter: " + problem
            case .format: "--pcap-format " + problem
            case .file: "\(fileOption): " + problem
            }
        }
    }
}

extension CaptureRecording {
    /// Puts the file in place and says what it holds, for the run's closing report.
    func finishWithSummary() -> Result<CaptureSummary, AtomicCaptureFile.Failure> {
        do {
            try finish()
        } catch {
            return .failure(error)
        }
        return .success(CaptureSummary(path: file.path, format: capture.format.rawValue,
                                       frames: capture.framesCaptured, interfaces: capture.selection.ports.count))
    }
}
