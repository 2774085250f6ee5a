#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads a terminal's input on a thread of its own and delivers it as an `AsyncStream`. After
/// bytes, a `.pause` follows once no more arrive within `pauseMilliseconds` (so a lone ESC can
/// be told from an escape sequence); `.closed` ends the stream at end of input or a read error.
/// `stop` returns only once the thread has stopped reading, so another program can be handed
/// the terminal without losing keystrokes to this one.
public final class TerminalInputReader: @unchecked Sendable {
    private let fileDescriptor: Int32
    private let pauseMilliseconds: Int32
    private let lock = NSLock()
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)
    private var running = false

    public init(fileDescriptor: Int32 = STDIN_FILENO, pauseMilliseconds: Int32 = 40) {
        self.fileDescriptor = fileDescriptor
        self.pauseMilliseconds = pauseMilliseconds
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    /// Starts reading; one stream at a time.
    public func start() -> AsyncStream<TerminalInput> {
        let (stream, continuation) = AsyncStream<TerminalInput>.makeStream()
        lock.withLock {
            stopping = false
            running = true
        }
        let thread = Thread { [self] in
            read(into: continuation)
            continuation.finish()
            finished.signal()
        }
        thread.start()
        return stream
    }

    /// Stops reading and waits for the thread (at most one poll interval).
    public func stop() {
        let wasRunning = lock.withLock {
            stopping = true
            defer { running = false }
            return running
        }
        if wasRunning { finished.wait() }
    }

    private func read(into continuation: AsyncStream<TerminalInput>.Continuation) {
        var needsPause = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !isStopping {
            var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, needsPause ? pauseMilliseconds : 100)
            if ready < 0 && errno == EINTR { continue }
            if ready == 0 {
                if needsPause {
                    needsPause = false
                    continuation.yield(.pause)
                }
                continue
            }
            if isStopping { return }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                continuation.yield(.closed)
                return
            }
            needsPause = true
            continuation.yield(.bytes(Array(buffer[..<count])))
        }
    }
}
