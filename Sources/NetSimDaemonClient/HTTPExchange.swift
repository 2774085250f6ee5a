import Foundation

/// One HTTP/1.1 request and its response over a fresh connection (`Connection: close`). Small on
/// purpose: the daemon's API needs GET and POST with JSON, fixed-length and chunked bodies, and a
/// body read as it arrives for server-sent events.
struct HTTPExchange {
    struct Head {
        var status: Int
        var headers: [String: String]
    }

    let stream: SocketStream
    let head: Head
    private var chunked: Bool { head.headers["transfer-encoding"]?.lowercased().contains("chunked") == true }
    private var remainingInChunk = 0
    private var finished = false

    init(endpoint: DaemonEndpoint, method: String, path: String, body: [UInt8]? = nil,
         accept: String = "application/json") throws(DaemonClientError) {
        stream = try SocketStream.opening(endpoint)
        var lines = ["\(method) \(path) HTTP/1.1", "Host: netsim", "Accept: \(accept)", "Connection: close"]
        if case .tcp(_, _, let token) = endpoint { lines.append("Authorization: Bearer \(token)") }
        if let body {
            lines.append("Content-Type: application/json")
            lines.append("Content-Length: \(body.count)")
        }
        try stream.write(Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + (body ?? []))
        guard let statusLine = try stream.readLine() else {
            throw .protocolError("the connection closed before a response")
        }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw .protocolError("bad status line '\(statusLine)'")
        }
        var headers: [String: String] = [:]
        while let line = try stream.readLine(), !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw .protocolError("bad header line '\(line)'") }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        head = Head(status: status, headers: headers)
    }

    /// The whole body.
    mutating func readBody() throws(DaemonClientError) -> [UInt8] {
        if chunked {
            var body: [UInt8] = []
            while let part = try nextBodyBytes() { body += part }
            return body
        }
        if let length = head.headers["content-length"].flatMap(Int.init) {
            let body = try stream.read(length)
            guard body.count == length else { throw .protocolError("body shorter than its Content-Length") }
            return body
        }
        return try stream.readToEnd()
    }

    /// The next piece of the body as it arrives, nil at its end.
    mutating func nextBodyBytes() throws(DaemonClientError) -> [UInt8]? {
        guard !finished else { return nil }
        guard chunked else {
            let bytes = try stream.readAvailable()
            if bytes.isEmpty { finished = true; return nil }
            return bytes
        }
        if remainingInChunk == 0 {
            guard let sizeLine = try stream.readLine() else { throw .protocolError("chunked body ended early") }
            let sizeText = sizeLine.split(separator: ";").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let size = Int(sizeText, radix: 16) else { throw .protocolError("bad chunk size '\(sizeLine)'") }
            if size == 0 {
                while let trailer = try stream.readLine(), !trailer.isEmpty {}
                finished = true
                return nil
            }
            remainingInChunk = size
        }
        let bytes = try stream.read(min(remainingInChunk, 16_384))
        guard !bytes.isEmpty else { throw .protocolError("chunked body ended early") }
        remainingInChunk -= bytes.count
        if remainingInChunk == 0 { _ = try stream.readLine() }
        return bytes
    }
}
