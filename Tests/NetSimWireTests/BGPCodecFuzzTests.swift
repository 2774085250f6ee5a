import NetSimWire
import Testing

/// Damaged and random bytes end in a `BGPMessageError`, never a trap, and the error names a
/// NOTIFICATION RFC 4271 (and RFC 7313) defines for received input.
@Suite("BGP codec fuzzing")
struct BGPCodecFuzzTests {
    /// The (code, subcodes) a decoder may ask for.
    static let possible: [UInt8: Set<UInt8>] = [1: [1, 2, 3], 2: [0, 1, 2, 3, 4], 3: [1, 2, 3, 4, 5, 6, 8, 9, 10, 11],
                                               7: [1]]

    static func checkError(_ error: BGPMessageError, _ bytes: [UInt8], options: BGPCodecOptions) {
        let notification = error.notification
        #expect(possible[notification.code]?.contains(notification.subcode) == true, "\(error)")
        switch error.action {
        case .resetSession: break
        case .treatAsWithdraw:
            #expect(notification.code == 3, "\(error)")
        case .attributeDiscard(let update):
            #expect(notification.code == 3, "\(error)")
            // What remains is an UPDATE the codec carries unchanged.
            #expect((try? BGPMessage(decoding: BGPMessage.update(update).encoded(options: options), options: options))
                == .update(update))
        }
    }

    static func decode(_ bytes: [UInt8], options: BGPCodecOptions) -> BGPMessage? {
        do throws(BGPMessageError) {
            return try BGPMessage(decoding: bytes, options: options)
        } catch {
            checkError(error, bytes, options: options)
            return nil
        }
    }

    /// Every cut of a message is a length error, and a framer given the cut waits for more.
    @Test func everyTruncationIsABadLength() throws {
        var generator = PacketGenerator(seed: 11)
        for _ in 0..<300 {
            let bytes = generator.bgpMessage().encoded()
            for length in 0..<bytes.count {
                let prefix = Array(bytes.prefix(length))
                #expect {
                    _ = try BGPMessage(decoding: prefix)
                } throws: { error in
                    (error as? BGPMessageError)?.notification.code == 1
                        && (error as? BGPMessageError)?.notification.subcode == 2
                }
                var framer = BGPMessageFramer()
                framer.append(prefix)
                #expect(try framer.next() == nil)
            }
        }
    }

    @Test func randomBytesNeverTrap() {
        var random = WireTestRandom(seed: 12)
        for round in 0..<20_000 {
            var bytes = (0..<Int.random(in: 0...120, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if round % 2 == 1 {
                // A valid marker, length and type, so the body decoders see the random bytes.
                let type = UInt8.random(in: 1...5, using: &random)
                let length = 19 + bytes.count
                bytes = [UInt8](repeating: 0xFF, count: 16) + [UInt8(length >> 8), UInt8(length & 0xFF), type] + bytes
            }
            for options in [BGPCodecOptions(), BGPCodecOptions(fourOctetAS: false)] {
                _ = BGPCodecFuzzTests.decode(bytes, options: options)
            }
            CodecFuzzTests.decodeEverything(bytes)
        }
    }

    /// Single-byte changes to valid messages: the header fields give their own errors, and
    /// whatever still decodes re-encodes to bytes that decode to the same value.
    @Test(arguments: [true, false])
    func singleByteMutations(fourOctetAS: Bool) throws {
        var random = WireTestRandom(seed: fourOctetAS ? 13 : 14)
        var generator = PacketGenerator(seed: fourOctetAS ? 15 : 16)
        let options = BGPCodecOptions(fourOctetAS: fourOctetAS)
        var outcomes: [String: Int] = [:]
        for _ in 0..<20_000 {
            var bytes = generator.bgpMessage(fourOctetAS: fourOctetAS).encoded(options: options)
            let index = Int.random(in: 0..<bytes.count, using: &random)
            bytes[index] ^= UInt8.random(in: 1...255, using: &random)
            do throws(BGPMessageError) {
                let message = try BGPMessage(decoding: bytes, options: options)
                outcomes["decoded", default: 0] += 1
                #expect(try BGPMessage(decoding: message.encoded(options: options), options: options) == message)
            } catch {
                BGPCodecFuzzTests.checkError(error, bytes, options: options)
                let name = switch error.action {
                case .resetSession: "reset \(error.notification.code)/\(error.notification.subcode)"
                case .treatAsWithdraw: "withdraw"
                case .attributeDiscard: "discard"
                }
                outcomes[name, default: 0] += 1
                if index < 16 { #expect(error.notification == BGPNotification(code: 1, subcode: 1)) }
                if index == 16 || index == 17 { #expect(error.notification.code == 1 && error.notification.subcode == 2) }
                if index == 18 && bytes[18] > 5 { #expect(error.notification == BGPNotification(code: 1, subcode: 3, data: [bytes[18]])) }
            }
        }
        // Every handling occurs.
        for name in ["decoded", "withdraw", "discard", "reset 1/1", "reset 1/2", "reset 1/3", "reset 3/10"] {
            #expect(outcomes[name, default: 0] > 0, "\(name): \(outcomes)")
        }
    }

    /// The framer survives random streams: it yields messages or errors, never traps, and
    /// consumes what it yields.
    @Test func framerOnDamagedStreams() {
        var random = WireTestRandom(seed: 17)
        var generator = PacketGenerator(seed: 18)
        for _ in 0..<500 {
            var stream = (0..<5).flatMap { _ in generator.bgpMessage().encoded() }
            let index = Int.random(in: 0..<stream.count, using: &random)
            stream[index] ^= UInt8.random(in: 1...255, using: &random)
            var framer = BGPMessageFramer()
            var offset = 0
            var failures = 0
            while offset < stream.count {
                let size = Int.random(in: 1...300, using: &random)
                framer.append(stream[offset..<min(offset + size, stream.count)])
                offset += size
                while failures < 3 {
                    do throws(BGPMessageError) {
                        guard try framer.next() != nil else { break }
                    } catch {
                        failures += 1
                        if error.action == .resetSession && framer.hasFailed { break }
                    }
                }
            }
            #expect(framer.bufferedByteCount <= stream.count)
        }
    }
}
