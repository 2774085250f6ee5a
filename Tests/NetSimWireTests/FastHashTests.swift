import Testing
import NetSimWire

/// The hashing behind the hot dictionaries (`FastHash`): equal keys hash alike, and the bits a
/// dictionary uses for its buckets spread well even for keys that differ in one field only.
@Suite("FastHash")
struct FastHashTests {
    @Test func equalKeysHashAlikeAndSeedsMatter() {
        let key = LSAKey(type: .router, linkStateID: IPv4Address(10, 0, 0, 1), advertisingRouter: IPv4Address(10, 0, 0, 1))
        let same = LSAKey(type: .router, linkStateID: IPv4Address(10, 0, 0, 1), advertisingRouter: IPv4Address(10, 0, 0, 1))
        #expect(key._rawHashValue(seed: 7) == same._rawHashValue(seed: 7))
        #expect(key._rawHashValue(seed: 7) != key._rawHashValue(seed: 8))
        let network = LSAKey(type: .network, linkStateID: key.linkStateID, advertisingRouter: key.advertisingRouter)
        #expect(key._rawHashValue(seed: 7) != network._rawHashValue(seed: 7))
    }

    /// 16,384 router-LSA keys of consecutive router IDs (the worst case for a weak mixer): their
    /// low 14 bits, the buckets of a table that size, must fill about as a random function would
    /// (1 - 1/e of the buckets, 63%); a mixer that kept the input's structure fills far fewer or
    /// exactly all.
    @Test func consecutiveRouterIDsSpreadOverBuckets() {
        let count = 1 << 14
        var buckets = Set<Int>()
        for index in 0..<count {
            let id = IPv4Address(0x0A00_0000 + UInt32(index))
            let key = LSAKey(type: .router, linkStateID: id, advertisingRouter: id)
            buckets.insert(key._rawHashValue(seed: 12345) & (count - 1))
        }
        let fill = Double(buckets.count) / Double(count)
        #expect(fill > 0.60 && fill < 0.66, "filled \(fill)")
    }

    @Test func addressesSpreadOverBuckets() {
        let count = 1 << 12
        let buckets = Set((0..<count).map { IPv4Address(UInt32($0) << 8)._rawHashValue(seed: 99) & (count - 1) })
        let fill = Double(buckets.count) / Double(count)
        #expect(fill > 0.60 && fill < 0.66, "filled \(fill)")
    }
}
