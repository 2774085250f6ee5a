import Foundation
import Hummingbird
import NetSimCommands

/// Turns every error a handler throws (and Hummingbird's own: no such route, body too large)
/// into a JSON body `{"error": "...", "status": N}` with the same status, so clients always get JSON.
/// A path that exists with other methods answers 405 with an `Allow` header, as RFC 9110 wants.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: KnownRoutes

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            let allowed = routes.methods(for: request.uri.path)
            guard !allowed.isEmpty else {
                return DaemonResponses.error(.notFound, Self.defaultMessage(.notFound, request))
            }
            var response = DaemonResponses.error(.methodNotAllowed, "\(request.method) is not allowed on "
                + "\(request.uri.path) (allowed: \(allowed.joined(separator: ", ")))")
            response.headers[.allow] = allowed.joined(separator: ", ")
            return response
        } catch let error as HTTPError {
            var response = DaemonResponses.error(error.status, error.body ?? Self.defaultMessage(error.status, request))
            for field in error.headers { response.headers.append(field) }
            return response
        } catch let error as any HTTPResponseError {
            return DaemonResponses.error(error.status, Self.defaultMessage(error.status, request))
        } catch {
            return DaemonResponses.error(.internalServerError, "internal error: \(error)")
        }
    }

    static func defaultMessage(_ status: HTTPResponse.Status, _ request: Request) -> String {
        switch status {
        case .notFound: "no such endpoint: \(request.method) \(request.uri.path) (GET /openapi.json lists them)"
        case .contentTooLarge: "request body too large (at most \(DaemonAPI.maxBodyBytes) bytes)"
        default: status.reasonPhrase
        }
    }
}

/// The routes a router serves, filled in once the router is built (the middleware that reads
/// them has to be added before the routes).
final class KnownRoutes: @unchecked Sendable {
    private let lock = NSLock()
    private var routes: [(segments: [Substring], method: String)] = []

    func set(_ list: [(path: String, method: String)]) {
        lock.withLock { routes = list.map { ($0.path.split(separator: "/"), $0.method) } }
    }

    /// The methods served at `path` (parameter segments, ":name" or "{name}", match anything), sorted.
    func methods(for path: String) -> [String] {
        let segments = path.split(separator: "/")
        return lock.withLock {
            Set(routes.filter { route in
                route.segments.count == segments.count
                    && zip(route.segments, segments).allSatisfy { $0.hasPrefix(":") || $0.hasPrefix("{") || $0 == $1 }
            }.map(\.method)).sorted()
        }
    }
}

/// Requests on the TCP listener must carry `Authorization: Bearer <token>` (the token file in the
/// daemon's state directory); the Unix socket relies on its file mode instead.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let presented = request.headers[.authorization].flatMap { value -> String? in
            guard value.lowercased().hasPrefix("bearer ") else { return nil }
            return String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        guard let presented, Self.constantTimeEqual(presented, token) else {
            var response = DaemonResponses.error(.unauthorized, presented == nil
                ? "missing bearer token (send Authorization: Bearer <token from the daemon's token file>)"
                : "wrong bearer token")
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }

    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let (a, b) = (Array(left.utf8), Array(right.utf8))
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

enum DaemonResponses {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: value.compact + "\n")))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(.object(["error": .string(message), "status": .integer(status.code)]), status: status)
    }
}
