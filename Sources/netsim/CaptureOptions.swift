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

    /// A capture being written during a run.
    struct Recording {
        let capture: PacketCapture
        let file: AtomicCaptureFile

        /// Puts the file in place and says what it holds.
        func finish() -> Result<CaptureSummary, AtomicCaptureFile.Failure> {
            do {
                try file.commit()
            } catch {
                return .failure(error)
            }
            return .success(CaptureSummary(path: file.path, format: capture.format.rawValue,
                                           frames: capture.framesCaptured, interfaces: capture.selection.ports.count))
        }
    }

    /// Checks the options against the simulation and attaches a capture to it; nil without
    /// `--pcap`. Every problem is reported on standard error before anything runs (exit 2).
    func start(on simulation: Simulation, comment: String) throws -> Recording? {
        guard let path else {
            if format != nil || filter != nil {
                throw Self.refuse(["--pcap-format and --pcap-filter need --pcap FILE"])
            }
            return nil
        }
        let selection: CaptureSelection
        do throws(CaptureFilterError) {
            let parsed = try filter.map { text throws(CaptureFilterError) in try CaptureFilter.parse(text) }
            selection = try CaptureSelection(parsed ?? CaptureFilter(), in: simulation)
        } catch {
            throw Self.refuse(error.messages.map { "--pcap-filter: " + $0 })
        }
        let format = format ?? .pcapng
        if format == .pcap && selection.ports.count != 1 {
            let names = selection.ports.prefix(4).map(\.description.name).joined(separator: ", ")
                + (selection.ports.count > 4 ? ", ..." : "")
            throw Self.refuse(["--pcap-format pcap holds exactly one interface, but the capture selects "
                               + "\(selection.ports.count)\(names.isEmpty ? "" : " (\(names))"); write pcapng, "
                               + "or narrow --pcap-filter to one interface (e.g. interface:r1:eth0)"])
        }
        let encode = CaptureEncoder.frameBytes
        let file: AtomicCaptureFile
        do {
            file = try AtomicCaptureFile(path: path)
        } catch {
            throw Self.refuse(["--pcap: \(error)"])
        }
        let capture = PacketCapture(selection: selection, format: format, comment: comment, output: file,
                                    encode: encode)
        capture.attach(to: simulation)
        return Recording(capture: capture, file: file)
    }

    private static func refuse(_ messages: [String]) -> ExitCode {
        FileHandle.standardError.write(Data(messages.map { "error: \($0)\n" }.joined().utf8))
        return ExitCode(2)
    }
}

extension CaptureFormat: ExpressibleByArgument {}
