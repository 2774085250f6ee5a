/// The bytes netsim puts where it models data by length only (ICMP echo data, UDP probe data):
/// data byte i, counted from 0, is `UInt8(truncatingIfNeeded: i)`, so 00 01 02 ... ff 00 01 ...
/// Decoders read such data back as its length and accept any contents (the checksum covers them).
enum PayloadPattern {
    static func append(_ count: Int, to bytes: inout [UInt8]) {
        guard count > 0 else { return }
        bytes.reserveCapacity(bytes.count + count)
        for index in 0..<count { bytes.append(UInt8(truncatingIfNeeded: index)) }
    }
}
