import NetSimBGP
import NetSimWire
import Testing

/// Prefix lists: FRR's exact-match rule without ge/le, the ge/le ranges and their edges, first
/// match, implicit deny, the construction checks, and a randomized comparison with a
/// brute-force reading of FRR's matching code.
@Suite("BGP policy: prefix lists")
struct PolicyPrefixListTests {
    @Test func withoutGeOrLeOnlyTheExactPrefixMatches() throws {
        let list = try BGPPrefixList(name: "P", entries: [.init(action: .permit, prefix: policyPrefix("10.0.0.0/8"))])
        #expect(list.permits(policyPrefix("10.0.0.0/8")))
        #expect(!list.permits(policyPrefix("10.1.0.0/16")))
        #expect(!list.permits(policyPrefix("10.0.0.0/7")))
        #expect(!list.permits(policyPrefix("11.0.0.0/8")))
    }

    @Test func geAndLeBoundTheLengthInsideThePrefix() throws {
        let list = try BGPPrefixList(name: "CUSTOMERS", entries: [
            .init(action: .permit, prefix: policyPrefix("10.0.0.0/8"), ge: 16, le: 24),
        ])
        #expect(!list.permits(policyPrefix("10.0.0.0/8")))
        #expect(!list.permits(policyPrefix("10.0.0.0/15")))
        #expect(list.permits(policyPrefix("10.0.0.0/16")))
        #expect(list.permits(policyPrefix("10.200.3.0/24")))
        #expect(!list.permits(policyPrefix("10.200.3.128/25")))
        #expect(!list.permits(policyPrefix("11.1.0.0/16")))
    }

    @Test func geAloneReachesThirtyTwo() throws {
        let list = try BGPPrefixList(name: "P", entries: [.init(action: .permit, prefix: policyPrefix("192.168.0.0/16"), ge: 24)])
        #expect(list.permits(policyPrefix("192.168.1.1/32")))
        #expect(list.permits(policyPrefix("192.168.1.0/24")))
        #expect(!list.permits(policyPrefix("192.168.0.0/23")))
        #expect(list.entries[0].lengths == 24...32)
    }

    @Test func leAloneStartsAtThePrefixLength() throws {
        let list = try BGPPrefixList(name: "P", entries: [.init(action: .permit, prefix: policyPrefix("172.16.0.0/12"), le: 20)])
        #expect(list.permits(policyPrefix("172.16.0.0/12")))
        #expect(list.permits(policyPrefix("172.31.240.0/20")))
        #expect(!list.permits(policyPrefix("172.16.0.0/21")))
        #expect(!list.permits(policyPrefix("172.0.0.0/11")))
        #expect(list.entries[0].lengths == 12...20)
    }

    @Test func edgeRangesEqualToThePrefixLength() throws {
        // ge == length: from the prefix itself down to /32; le == length: the prefix only.
        let ge = try BGPPrefixList(name: "G", entries: [.init(action: .permit, prefix: policyPrefix("10.0.0.0/8"), ge: 8)])
        #expect(ge.permits(policyPrefix("10.0.0.0/8")) && ge.permits(policyPrefix("10.9.9.9/32")))
        let le = try BGPPrefixList(name: "L", entries: [.init(action: .permit, prefix: policyPrefix("10.0.0.0/8"), le: 8)])
        #expect(le.permits(policyPrefix("10.0.0.0/8")) && !le.permits(policyPrefix("10.0.0.0/9")))
        // ge == le: exactly one length.
        let one = try BGPPrefixList(name: "O", entries: [.init(action: .permit, prefix: policyPrefix("10.0.0.0/8"), ge: 24, le: 24)])
        #expect(one.permits(policyPrefix("10.1.2.0/24")) && !one.permits(policyPrefix("10.1.2.0/23")) && !one.permits(policyPrefix("10.1.2.0/25")))
    }

    @Test func defaultRouteEntries() throws {
        // 0.0.0.0/0 le 32 is "any".
        let any = try BGPPrefixList(name: "ANY", entries: [.init(action: .permit, prefix: .defaultRoute, le: 32)])
        #expect(any.permits(.defaultRoute) && any.permits(policyPrefix("1.2.3.4/32")) && any.permits(policyPrefix("128.0.0.0/1")))
        // Alone, 0.0.0.0/0 is the default route only.
        let only = try BGPPrefixList(name: "DEF", entries: [.init(action: .permit, prefix: .defaultRoute)])
        #expect(only.permits(.defaultRoute) && !only.permits(policyPrefix("0.0.0.0/1")))
        // FRR stores ge 0 as "not given", so 0.0.0.0/0 ge 0 is the default route only too.
        let geZero = try BGPPrefixList(name: "GE0", entries: [.init(action: .permit, prefix: .defaultRoute, ge: 0)])
        #expect(geZero.entries[0].greaterOrEqual == nil)
        #expect(geZero.permits(.defaultRoute) && !geZero.permits(policyPrefix("10.0.0.0/8")))
    }

    @Test func firstCoveringEntryDecides() throws {
        let list = try BGPPrefixList(name: "P", entries: [
            .init(action: .deny, prefix: policyPrefix("10.1.0.0/16"), le: 32),
            .init(action: .permit, prefix: policyPrefix("10.0.0.0/8"), le: 32),
        ])
        #expect(!list.permits(policyPrefix("10.1.5.0/24")))
        #expect(list.decidingEntry(for: policyPrefix("10.1.5.0/24")) == 0)
        #expect(list.permits(policyPrefix("10.2.5.0/24")))
        #expect(list.decidingEntry(for: policyPrefix("10.2.5.0/24")) == 1)
        // Reversed, the broad permit shadows the deny.
        let reversed = try BGPPrefixList(name: "R", entries: list.entries.reversed())
        #expect(reversed.permits(policyPrefix("10.1.5.0/24")))
    }

    @Test func aPrefixNoEntryCoversIsDenied() throws {
        let list = try BGPPrefixList(name: "P", entries: [.init(action: .deny, prefix: policyPrefix("10.0.0.0/8"), le: 32)])
        #expect(!list.permits(policyPrefix("10.0.0.0/24")))
        #expect(!list.permits(policyPrefix("192.0.2.0/24")))
        #expect(list.decidingEntry(for: policyPrefix("192.0.2.0/24")) == nil)
    }

    @Test func constructionChecksEveryEntry() {
        let error = #expect(throws: BGPPolicyError.self) {
            try BGPPrefixList(name: "BAD", entries: [
                .init(action: .permit, prefix: policyPrefix("10.0.0.0/16"), ge: 8),
                .init(action: .permit, prefix: policyPrefix("10.0.0.0/16"), le: 12),
                .init(action: .permit, prefix: policyPrefix("10.0.0.0/8"), ge: 24, le: 16),
                .init(action: .permit, prefix: policyPrefix("10.0.0.0/8"), ge: 33),
                .init(action: .permit, prefix: policyPrefix("10.0.0.0/8"), ge: 16, le: 24),
            ])
        }
        #expect(error?.problems.map(\.path) == [
            "prefix_lists.BAD[0].ge", "prefix_lists.BAD[1].le", "prefix_lists.BAD[2].le", "prefix_lists.BAD[3].ge",
        ])
        #expect(error?.problems[0].description
            == "prefix_lists.BAD[0].ge: ge 8 is shorter than the prefix 10.0.0.0/16 (need length <= ge <= le)")
        #expect(error?.problems[2].message == "le 16 is below ge 24 (need length <= ge <= le)")
        #expect(error?.problems[3].message == "ge 33 is above 32")
    }

    @Test func anEmptyListIsRefused() {
        let error = #expect(throws: BGPPolicyError.self) { try BGPPrefixList(name: "EMPTY", entries: []) }
        #expect(error?.description == "prefix_lists.EMPTY: a prefix list needs at least one entry")
    }

    /// Random lists against random prefixes, compared with FRR's `prefix_list_entry_match`
    /// read literally over bit strings: the candidate's bits start with the entry's, and then
    /// exact length without ge/le, else `le` caps and `ge` floors the length.
    @Test func randomListsAgreeWithBruteForce() throws {
        var random = PolicyTestRandom(seed: 0x5EED_0001)
        for _ in 0..<300 {
            var entries: [BGPPrefixList.Entry] = []
            for _ in 0..<Int(random.next() % 5 + 1) {
                let length = UInt8(random.next() % 33)
                let base = randomPrefix(&random, length: length)
                var ge: UInt8?
                var le: UInt8?
                if random.next() % 2 == 0 { ge = length + UInt8(random.next() % UInt64(33 - Int(length))) }
                if random.next() % 2 == 0 {
                    let floor = ge ?? length
                    le = floor + UInt8(random.next() % UInt64(33 - Int(floor)))
                }
                entries.append(.init(action: random.next() % 3 == 0 ? .deny : .permit, prefix: base, ge: ge, le: le))
            }
            let list = try BGPPrefixList(name: "R", entries: entries)
            for _ in 0..<200 {
                // Half the candidates are drawn near an entry so that matches are common.
                let candidate: IPv4Prefix
                if random.next() % 2 == 0 {
                    let near = entries[Int(random.next() % UInt64(entries.count))].prefix
                    let length = UInt8(random.next() % 33)
                    let kept = IPv4Prefix.mask(near.length)
                    let bits = near.network.value & kept | UInt32(truncatingIfNeeded: random.next()) & ~kept
                    candidate = IPv4Prefix(IPv4Address(bits), length: length)
                } else {
                    candidate = randomPrefix(&random, length: UInt8(random.next() % 33))
                }
                let expected = bruteForce(entries, candidate)
                #expect(list.permits(candidate) == expected, "\(candidate) against \(entries)")
            }
        }
    }

    private func bits(_ prefix: IPv4Prefix) -> String {
        let all = String(prefix.network.value, radix: 2)
        return String((String(repeating: "0", count: 32 - all.count) + all).prefix(Int(prefix.length)))
    }

    private func bruteForce(_ entries: [BGPPrefixList.Entry], _ candidate: IPv4Prefix) -> Bool {
        for entry in entries {
            guard bits(candidate).hasPrefix(bits(entry.prefix)) else { continue }
            let ge = Int(entry.greaterOrEqual ?? 0)
            let le = Int(entry.lessOrEqual ?? 0)
            let length = Int(candidate.length)
            if ge == 0 && le == 0 {
                if length != Int(entry.prefix.length) { continue }
            } else {
                if le != 0 && length > le { continue }
                if ge != 0 && length < ge { continue }
            }
            return entry.action == .permit
        }
        return false
    }

    private func randomPrefix(_ random: inout PolicyTestRandom, length: UInt8) -> IPv4Prefix {
        IPv4Prefix(IPv4Address(UInt32(truncatingIfNeeded: random.next())), length: length)
    }
}
