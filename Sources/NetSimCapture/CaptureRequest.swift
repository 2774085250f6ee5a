import NetSimEngine
import NetSimWire

/// What someone asks to capture: a destination file, a format and filter text. `open(on:)` is
/// the one way from such a request to a capture being written, shared by `netsim run --pcap` and
/// a daemon's `capture start`, so both check the same things and say the same words.
///
/// Checks, in order, each reported with every problem at once: the filter (syntax, then names
/// against the simulation), the format against what the filter selects (classic pcap holds one
/// interface), the destination (the temporary file beside it is created at once).
public struct CaptureRequest: Sendable, Equatable {
    /// Where the finished capture goes.
    public var path: String
    public var format: CaptureFormat
    /// `--pcap-filter` terms; nil captures every cabled interface, every frame.
    public var filter: String?

    public init(path: String, format: CaptureFormat = .pcapng, filter: String? = nil) {
        self.path = path
        self.format = format
        self.filter = filter
    }

    /// Resolves the request against `simulation` and starts the file (its header is written).
    /// The capture is not attached yet: frames reach it once its `record` is called, through
    /// `PacketCapture.attach(to:)` or an observer that serves several captures.
    public func open(on simulation: Simulation, comment: String?,
                     encode: @escaping (EthernetFrame) -> [UInt8]) throws(CaptureRequestError) -> CaptureRecording {
        let selection: CaptureSelection
        do throws(CaptureFilterError) {
            let parsed = try filter.map { text throws(CaptureFilterError) in try CaptureFilter.parse(text) }
            selection = try CaptureSelection(parsed ?? CaptureFilter(), in: simulation)
        } catch {
            throw CaptureRequestError(.filter, error.messages)
        }
        if format == .pcap && selection.ports.count != 1 {
            let names = selection.ports.prefix(4).map(\.description.name).joined(separator: ", ")
                + (selection.ports.count > 4 ? ", ..." : "")
            throw CaptureRequestError(.format, [
                "pcap holds exactly one interface, but the capture selects \(selection.ports.count)"
                    + "\(names.isEmpty ? "" : " (\(names))"); write pcapng, or narrow the filter to one interface "
                    + "(e.g. interface:r1:eth0)",
            ])
        }
        let file: AtomicCaptureFile
        do {
            file = try AtomicCaptureFile(path: path)
        } catch {
            throw CaptureRequestError(.file, [error.description])
        }
        let capture = PacketCapture(selection: selection, format: format, comment: comment, output: file,
                                    encode: encode)
        return CaptureRecording(request: self, capture: capture, file: file)
    }
}

/// Why a `CaptureRequest` cannot be opened: which part of it is wrong, and every problem with
/// that part, one message each ("'device:r9': no device 'r9' (devices: r1, r2)").
public struct CaptureRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Field: String, Sendable {
        case filter
        case format
        case file
    }

    public var field: Field
    public var problems: [String]

    public init(_ field: Field, _ problems: [String]) {
        self.field = field
        self.problems = problems
    }

    /// "filter: 'device:r9': no device 'r9' ..." per line.
    public var description: String { problems.map { "\(field.rawValue): \($0)" }.joined(separator: "\n") }
}
