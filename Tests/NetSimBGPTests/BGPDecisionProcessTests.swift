@testable import NetSimBGP
import NetSimRouting
import NetSimWire
import Testing

/// One test per step of the decision process: two paths equal up to the step, different at it.
@Suite("BGP decision process")
struct BGPDecisionProcessTests {
    static func path(peer: String = "10.0.0.1", routerID: String? = nil, ibgp: Bool = false, weight: UInt16 = 0,
                     localPreference: UInt32? = nil, asPath: [UInt32] = [65001], origin: BGPOrigin = .igp,
                     med: UInt32? = nil, igpMetric: UInt32 = 0, arrival: UInt64 = 1, clusterList: [String] = [],
                     originatorID: String? = nil, source: BGPPathSource? = nil, resolved: Bool = true) -> BGPPath {
        BGPPath(source: source ?? .peer(address(peer)),
                attributes: BGPPathAttributes(origin: origin, asPath: BGPASPath(sequence: asPath), nextHop: address(peer),
                                              multiExitDiscriminator: med, localPreference: localPreference,
                                              originatorID: originatorID.map(address), clusterList: clusterList.map(address)),
                weight: weight, peerRouterID: address(routerID ?? peer), isInternal: ibgp, fromClient: false,
                arrival: arrival,
                resolution: resolved ? BGPNextHopResolution(igpMetric: igpMetric, nextHops: [NextHop(address: address(peer), interface: 0)],
                                                            connected: false) : nil)
    }

    /// Selects between `loser` (listed first, so it is the initial best) and `winner`.
    static func decide(_ loser: BGPPath, _ winner: BGPPath, options: BGPBestPathOptions = BGPBestPathOptions(),
                       maximumPaths: Int = 1) -> BGPDecisionProcess.Outcome {
        BGPDecisionProcess(options: options, maximumPaths: maximumPaths, maximumPathsIBGP: maximumPaths)
            .select([loser, winner])
    }

    static func expectWin(_ loser: BGPPath, _ winner: BGPPath, at step: BGPDecisionStep,
                          options: BGPBestPathOptions = BGPBestPathOptions()) {
        let outcome = decide(loser, winner, options: options)
        #expect(outcome.best == 1)
        #expect(outcome.reasons[0] == step)
        // The order of the candidates does not change the winner.
        let reversed = BGPDecisionProcess(options: options, maximumPaths: 1, maximumPathsIBGP: 1).select([winner, loser])
        #expect(reversed.best == 0 && reversed.reasons[1] == step)
    }

    @Test func invalidPathsNeverWin() {
        Self.expectWin(Self.path(peer: "10.0.0.1", weight: 500, resolved: false), Self.path(peer: "10.0.0.2"), at: .invalid)
        let none = Self.decide(Self.path(resolved: false), Self.path(peer: "10.0.0.2", resolved: false))
        #expect(none.best == nil)
    }

    @Test func higherWeightWins() {
        Self.expectWin(Self.path(peer: "10.0.0.1"), Self.path(peer: "10.0.0.2", weight: 100, asPath: [1, 2, 3]), at: .weight)
    }

    @Test func higherLocalPreferenceWins() {
        Self.expectWin(Self.path(peer: "10.0.0.1", ibgp: true, localPreference: 100),
                       Self.path(peer: "10.0.0.2", ibgp: true, localPreference: 200, asPath: [1, 2, 3]),
                       at: .localPreference)
        // A missing LOCAL_PREF counts as 100.
        Self.expectWin(Self.path(peer: "10.0.0.1"), Self.path(peer: "10.0.0.2", ibgp: true, localPreference: 101,
                                                              asPath: [1, 2]), at: .localPreference)
    }

    @Test func locallyOriginatedWins() {
        Self.expectWin(Self.path(peer: "10.0.0.1", asPath: []),
                       Self.path(peer: "0.0.0.0", asPath: [], origin: .incomplete, source: .redistributed(.static)),
                       at: .localRoute)
    }

    @Test func shorterASPathWins() {
        Self.expectWin(Self.path(peer: "10.0.0.1", asPath: [1, 2]), Self.path(peer: "10.0.0.2", asPath: [3], origin: .incomplete),
                       at: .asPathLength)
    }

    @Test func lowerOriginWins() {
        Self.expectWin(Self.path(peer: "10.0.0.1", origin: .incomplete, med: 0),
                       Self.path(peer: "10.0.0.2", origin: .egp, med: 50), at: .origin)
    }

    @Test func lowerMEDWinsFromTheSameNeighbourAS() {
        Self.expectWin(Self.path(peer: "10.0.0.1", asPath: [65001, 1], med: 20),
                       Self.path(peer: "10.0.0.2", asPath: [65001, 2], med: 10), at: .med)
        // Different neighbour ASes: MED is skipped and the tie goes on to the router ID.
        let outcome = Self.decide(Self.path(peer: "10.0.0.1", asPath: [65001], med: 20, arrival: 1),
                                  Self.path(peer: "10.0.0.2", asPath: [65002], med: 10, arrival: 2),
                                  options: BGPBestPathOptions(compareRouterID: true))
        #expect(outcome.best == 0 && outcome.reasons[1] == .routerID)
        // ... unless always-compare-med.
        Self.expectWin(Self.path(peer: "10.0.0.1", asPath: [65001], med: 20), Self.path(peer: "10.0.0.2", asPath: [65002], med: 10),
                       at: .med, options: BGPBestPathOptions(alwaysCompareMED: true))
    }

    @Test func missingMEDIsZeroOrWorst() {
        Self.expectWin(Self.path(peer: "10.0.0.1", med: 5), Self.path(peer: "10.0.0.2", med: nil), at: .med)
        Self.expectWin(Self.path(peer: "10.0.0.1", med: nil), Self.path(peer: "10.0.0.2", med: 5), at: .med,
                       options: BGPBestPathOptions(medMissingAsWorst: true))
    }

    @Test func ebgpBeatsIBGP() {
        Self.expectWin(Self.path(peer: "10.0.0.1", ibgp: true), Self.path(peer: "10.0.0.2"), at: .peerType)
    }

    @Test func lowerIGPMetricWins() {
        Self.expectWin(Self.path(peer: "10.0.0.1", ibgp: true, igpMetric: 20),
                       Self.path(peer: "10.0.0.2", ibgp: true, igpMetric: 10), at: .igpMetric)
    }

    @Test func olderEBGPPathWinsUnlessComparingRouterIDs() {
        Self.expectWin(Self.path(peer: "10.0.0.1", arrival: 9), Self.path(peer: "10.0.0.2", arrival: 3), at: .olderPath)
        Self.expectWin(Self.path(peer: "10.0.0.2", arrival: 3), Self.path(peer: "10.0.0.1", arrival: 9), at: .routerID,
                       options: BGPBestPathOptions(compareRouterID: true))
    }

    @Test func lowerRouterIDWinsUsingTheOriginatorWhenReflected() {
        Self.expectWin(Self.path(peer: "10.0.0.1", routerID: "9.9.9.9", ibgp: true),
                       Self.path(peer: "10.0.0.2", routerID: "8.8.8.8", ibgp: true), at: .routerID)
        Self.expectWin(Self.path(peer: "10.0.0.1", routerID: "1.1.1.1", ibgp: true, originatorID: "7.7.7.7"),
                       Self.path(peer: "10.0.0.2", routerID: "8.8.8.8", ibgp: true, originatorID: "6.6.6.6"), at: .routerID)
    }

    @Test func shorterClusterListWins() {
        Self.expectWin(Self.path(peer: "10.0.0.1", routerID: "5.5.5.5", ibgp: true, clusterList: ["1.1.1.1", "2.2.2.2"],
                                 originatorID: "5.5.5.5"),
                       Self.path(peer: "10.0.0.2", routerID: "5.5.5.5", ibgp: true, clusterList: ["3.3.3.3"],
                                 originatorID: "5.5.5.5"), at: .clusterListLength)
    }

    @Test func lowerNeighbourAddressWins() {
        Self.expectWin(Self.path(peer: "10.0.0.2", routerID: "5.5.5.5", ibgp: true),
                       Self.path(peer: "10.0.0.1", routerID: "5.5.5.5", ibgp: true), at: .neighborAddress)
    }

    @Test func multipathNeedsEqualPathsUpToTheIGPMetric() {
        let first = Self.path(peer: "10.0.0.1", asPath: [65001, 7], arrival: 1)
        let second = Self.path(peer: "10.0.0.2", asPath: [65001, 7], arrival: 2)
        let third = Self.path(peer: "10.0.0.3", asPath: [65003, 7], arrival: 3)
        let process = BGPDecisionProcess(options: BGPBestPathOptions(), maximumPaths: 4, maximumPathsIBGP: 1)
        let outcome = process.select([first, second, third])
        #expect(outcome.best == 0 && outcome.multipath == [1])
        #expect(outcome.reasons[1] == .olderPath && outcome.reasons[2] == .olderPath)
        let relaxed = BGPDecisionProcess(options: BGPBestPathOptions(asPathMultipathRelax: true), maximumPaths: 4,
                                         maximumPathsIBGP: 1).select([first, second, third])
        #expect(relaxed.multipath == [1, 2])
        let limited = BGPDecisionProcess(options: BGPBestPathOptions(asPathMultipathRelax: true), maximumPaths: 2,
                                         maximumPathsIBGP: 1).select([first, second, third])
        #expect(limited.multipath == [1])
        // A worse IGP metric is not multipath.
        var far = second
        far.resolution?.igpMetric = 5
        #expect(process.select([first, far]).multipath.isEmpty)
    }
}
