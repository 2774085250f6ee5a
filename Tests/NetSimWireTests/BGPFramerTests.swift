import NetSimWire
import Testing

@Suite("BGP framer")
struct BGPFramerTests {
    static let messages: [BGPMessage] = [
        .open(BGPCodecTests.open), .keepalive, .update(BGPCodecTests.update), .update(.endOfRIB),
        .routeRefresh(BGPRouteRefresh()), .notification(BGPNotification(code: BGPNotification.cease, subcode: 2)),
    ]

    /// Reads everything `framer` yields now.
    static func drain(_ framer: inout BGPMessageFramer) throws -> [BGPMessage] {
        var out: [BGPMessage] = []
        while let message = try framer.next() { out.append(message) }
        return out
    }

    /// The stream of several messages cut at every pair of points (three chunks) gives the
    /// same messages in order.
    @Test func everySplitOfAStream() throws {
        let stream = BGPFramerTests.messages.flatMap { $0.encoded() }
        for first in 0...stream.count {
            for second in stride(from: first, through: stream.count, by: 7) {
                var framer = BGPMessageFramer()
                var received: [BGPMessage] = []
                for chunk in [stream[..<first], stream[first..<second], stream[second...]] {
                    framer.append(chunk)
                    received += try BGPFramerTests.drain(&framer)
                }
                #expect(received == BGPFramerTests.messages)
                #expect(framer.bufferedByteCount == 0)
            }
        }
    }

    @Test func byteByByte() throws {
        let stream = BGPFramerTests.messages.flatMap { $0.encoded() }
        var framer = BGPMessageFramer()
        var received: [BGPMessage] = []
        for byte in stream {
            framer.append([byte])
            received += try BGPFramerTests.drain(&framer)
        }
        #expect(received == BGPFramerTests.messages)
    }

    /// A bad marker is found as soon as the header is in; the framer then stays failed.
    @Test func aBadHeaderBreaksTheStream() throws {
        var bytes = BGPMessage.keepalive.encoded()
        bytes[3] = 0
        var framer = BGPMessageFramer()
        framer.append(BGPMessage.keepalive.encoded() + bytes + BGPMessage.keepalive.encoded())
        #expect(try framer.next() == .keepalive)
        for _ in 0..<2 {
            #expect {
                _ = try framer.next()
            } throws: { error in
                guard let error = error as? BGPMessageError else { return false }
                return error.notification == BGPNotification(code: 1, subcode: 1) && error.action == .resetSession
            }
        }
        #expect(framer.hasFailed)
    }

    /// An error inside a message consumes it; the next message still comes out.
    @Test func aBadBodyConsumesOneMessage() throws {
        var open = BGPMessage.open(BGPCodecTests.open).encoded()
        open[19] = 3  // version 3
        var framer = BGPMessageFramer()
        framer.append(open + BGPMessage.keepalive.encoded())
        #expect {
            _ = try framer.next()
        } throws: { error in
            (error as? BGPMessageError)?.notification == BGPNotification(code: 2, subcode: 1, data: [0, 4])
        }
        #expect(try framer.next() == .keepalive)
        #expect(try framer.next() == nil)
    }
}
