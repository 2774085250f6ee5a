import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A connected stream socket with a read buffer: the transport under `HTTPExchange`.
final class SocketStream {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private(set) var reachedEnd = false

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    static func opening(_ endpoint: DaemonEndpoint) throws(DaemonClientError) -> SocketStream {
        switch endpoint {
        case .unix(let path):
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
                throw .connection("socket path too long (\(bytes.count) bytes): \(path)")
            }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: bytes)
                raw[bytes.count] = 0
            }
            return try connected(family: AF_UNIX, to: address, naming: path)
        case let .tcp(host, port, _):
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
                throw .connection("'\(host)' is not an IPv4 address")
            }
            return try connected(family: AF_INET, to: address, naming: "\(host):\(port)")
        }
    }

    /// A stream socket of `family` connected to `address` (a sockaddr_un or sockaddr_in).
    private static func connected<Address>(family: Int32, to address: Address,
                                           naming name: String) throws(DaemonClientError) -> SocketStream {
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw .connection("socket(): \(String(cString: strerror(errno)))") }
        var address = address
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<Address>.size))
            }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .connection("cannot connect to \(name): \(reason)")
        }
        return SocketStream(descriptor: descriptor)
    }

    func write(_ bytes: [UInt8]) throws(DaemonClientError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EINTR { continue }
                throw .connection("write to the daemon failed: \(String(cString: strerror(errno)))")
            }
            offset += sent
        }
    }

    /// Reads more bytes into the buffer; false at the end of the stream.
    private func fill() throws(DaemonClientError) -> Bool {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .connection("read from the daemon failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 {
                reachedEnd = true
                return false
            }
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
    }

    /// One line without its CRLF (or LF), or nil at the end of the stream.
    func readLine() throws(DaemonClientError) -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                var end = newline
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                return line
            }
            guard try fill() else {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
        }
    }

    /// Exactly `count` bytes, or fewer at the end of the stream.
    func read(_ count: Int) throws(DaemonClientError) -> [UInt8] {
        while buffer.count - start < count {
            guard try fill() else { break }
        }
        let end = min(buffer.count, start + count)
        let bytes = Array(buffer[start..<end])
        start = end
        return bytes
    }

    /// Whatever is buffered or arrives next (empty at the end of the stream).
    func readAvailable() throws(DaemonClientError) -> [UInt8] {
        if start == buffer.count { guard try fill() else { return [] } }
        let bytes = Array(buffer[start...])
        start = buffer.count
        return bytes
    }

    /// Everything up to the end of the stream.
    func readToEnd() throws(DaemonClientError) -> [UInt8] {
        while try fill() {}
        let bytes = Array(buffer[start...])
        start = buffer.count
        return bytes
    }

    /// Shuts the socket down from another thread, ending a blocked read.
    func shutdownBoth() { shutdown(descriptor, Int32(SHUT_RDWR)) }
}
