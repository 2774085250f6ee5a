/// Cuts the byte stream of a BGP connection into messages, as a speaker reads its TCP socket:
/// bytes go in as TCP delivers them (any split, several messages at once), whole messages come
/// out in order.
///
/// The header is checked as soon as its 19 bytes are in, so a bad marker or length is reported
/// without waiting for a body that may never come. Such an error loses the message boundaries:
/// the framer stays failed and throws the same error on every later call. An error inside a
/// message (an OPEN or UPDATE fault) consumes that message only; RFC 7606's treat-as-withdraw
/// and attribute discard leave the stream usable.
public struct BGPMessageFramer: Sendable {
    /// How UPDATEs are read; the session sets it once the OPENs have agreed on it.
    public var options: BGPCodecOptions
    private var buffer: [UInt8] = []
    /// The first byte of `buffer` not yet handed out as part of a message.
    private var start = 0
    private var failure: BGPMessageError?

    public init(options: BGPCodecOptions = BGPCodecOptions()) {
        self.options = options
    }

    /// Bytes received and not yet part of a message handed out.
    public var bufferedByteCount: Int { buffer.count - start }

    /// Whether a header error broke the stream.
    public var hasFailed: Bool { failure != nil }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next whole message, or nil until all its bytes are in.
    public mutating func next() throws(BGPMessageError) -> BGPMessage? {
        if let failure { throw failure }
        guard bufferedByteCount >= BGPMessage.headerLength else { return nil }
        let header: BGPMessageHeader
        do throws(BGPMessageError) {
            header = try BGPMessageHeader(checking: Array(buffer[start..<start + BGPMessage.headerLength]))
        } catch {
            failure = error
            throw error
        }
        guard bufferedByteCount >= header.length else { return nil }
        let bytes = Array(buffer[start..<start + header.length])
        start += header.length
        return try BGPMessage(body: bytes, header: header, options: options)
    }
}
