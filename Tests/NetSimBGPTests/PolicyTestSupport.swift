import NetSimWire

/// Shorthands for the policy tests' literals.
func policyPrefix(_ text: String) -> IPv4Prefix { IPv4Prefix(text)! }

func policyCommunity(_ text: String) -> BGPCommunity { BGPCommunity(text)! }

/// A seeded generator (a 64-bit LCG with an xorshift on the output), so that the randomized
/// policy tests are the same on every run.
struct PolicyTestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 33)
    }
}
