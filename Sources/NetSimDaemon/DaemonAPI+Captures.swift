import Foundation
import Hummingbird
import NetSimCapture
import NetSimCommands

/// `/v1/captures`: packet captures written by the daemon while it runs (docs/capture.md,
/// "Captures in a daemon"). Every handler reaches the captures through the simulation thread.
extension DaemonAPI {
    func addCaptureRoutes(to router: Router<BasicRequestContext>) {
        let captures = host.captures
        router.post("/v1/captures") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: Self.maxBodyBytes)
            let started: Result<JSONValue, DaemonCaptures.StartError>
            switch try CaptureStartBody(body).request {
            case .failure(let invalid):
                started = .failure(.invalid(invalid))
            case .success(let capture):
                started = await host.perform { captures.start(capture, in: $0) }
            }
            switch started {
            case .success(let view):
                var response = DaemonResponses.json(view, status: .created)
                response.headers[.location] = "/v1/captures/\(view["id"]?.compact ?? "")"
                return response
            case .failure(.invalid(let error)):
                return DaemonResponses.json(.object([
                    "error": .string(error.description), "status": .integer(400),
                    "field": .string(error.field.rawValue), "problems": .array(error.problems.map { .string($0) }),
                ]), status: .badRequest)
            case let .failure(.fileInUse(path, id)):
                throw HTTPError(.conflict, message: "\(path) is already being written by capture \(id)")
            }
        }
        router.get("/v1/captures") { _, _ in
            DaemonResponses.json(await host.perform { _ in captures.list() })
        }
        router.get("/v1/captures/:id") { _, context in
            let id = try context.parameters.require("id")
            let (view, running) = await host.perform { _ in (Int(id).flatMap(captures.status), captures.runningIDs) }
            guard let view else { throw Self.noCapture(id, running: running) }
            return DaemonResponses.json(view)
        }
        router.delete("/v1/captures/:id") { _, context in
            let id = try context.parameters.require("id")
            let (view, running) = await host.perform { simulation in
                (Int(id).flatMap { captures.stop($0, in: simulation) }, captures.runningIDs)
            }
            guard let view else { throw Self.noCapture(id, running: running) }
            return DaemonResponses.json(view)
        }
        router.delete("/v1/captures") { _, _ in
            DaemonResponses.json(.array(await host.perform { captures.stopAll(in: $0) }))
        }
    }

    private static func noCapture(_ id: String, running: [Int]) -> HTTPError {
        HTTPError(.notFound, message: "no capture \(id) (" + (running.isEmpty
            ? "none is running)" : "running: \(running.map(String.init).joined(separator: ", ")))"))
    }
}

/// The body of `POST /v1/captures`: `{"file": "/abs/out.pcapng", "format": "pcapng", "filter":
/// "proto:ospf"}`; `format` and `filter` may be left out (or null).
struct CaptureStartBody: Decodable {
    let file: String
    let format: String?
    let filter: String?

    /// Decodes the body; malformed JSON or a wrong shape is a 400 like any other request's.
    init(_ buffer: ByteBuffer) throws {
        do {
            self = try JSONDecoder().decode(CaptureStartBody.self, from: Data(buffer.readableBytesView))
        } catch DecodingError.dataCorrupted {
            throw HTTPError(.badRequest, message: "request body is not valid JSON")
        } catch {
            throw HTTPError(.badRequest, message: "request body must be a JSON object with a string member \"file\" "
                                + "and optional string members \"format\" and \"filter\"")
        }
    }

    /// The capture the body asks for; a wrong value is a problem with that field, reported like
    /// a filter the simulation rejects.
    var request: Result<CaptureRequest, CaptureRequestError> {
        guard file.hasPrefix("/") else {
            return .failure(CaptureRequestError(.file, [
                "'\(file)' is not an absolute path (the daemon writes the file itself and does not know "
                    + "the client's working directory)",
            ]))
        }
        var chosen = CaptureFormat.pcapng
        if let name = format {
            guard let known = CaptureFormat(rawValue: name) else {
                let names = CaptureFormat.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(CaptureRequestError(.format, ["unknown format '\(name)' (formats: \(names))"]))
            }
            chosen = known
        }
        return .success(CaptureRequest(path: file, format: chosen, filter: filter))
    }
}
