/// Hashing for the keys of the simulator's hottest dictionaries (LSA keys, addresses, timers).
///
/// `Dictionary` and `Set` hash through `Hashable._rawHashValue(seed:)`, whose default runs
/// SipHash-1-3 through a `Hasher`: about a fifth of a large OSPF run went to creating and
/// finalising hashers. Keys that fit in a few machine words override that customisation point
/// with this mixer (the splitmix64 finaliser: every input bit affects every output bit), still
/// salted with the per-process seed. The keys are never attacker-controlled, so SipHash's
/// protection against flooding buys nothing here. Iteration order stays per-process random, as
/// before: anything observable is sorted first (ADR 0003).
public enum FastHash {
    @inlinable
    public static func mix(_ value: UInt64, _ extra: UInt64 = 0, seed: Int) -> Int {
        var x = value ^ (extra &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(bitPattern: Int64(seed))
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        return Int(bitPattern: UInt(x))
    }
}
