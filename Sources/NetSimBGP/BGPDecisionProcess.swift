import NetSimWire

/// The decision process (RFC 4271 §9.1.2) in FRR's order, as a pure function of the candidate
/// paths of one prefix:
///
/// weight → LOCAL_PREF → locally originated → AS_PATH length → ORIGIN → MED (same neighbour AS
/// unless always-compare; missing MED as 0 or worst) → eBGP over iBGP → IGP cost to the next hop
/// → [multipath equality stops here] → oldest eBGP path (unless compare-routerid) → router ID
/// (ORIGINATOR_ID when reflected) → CLUSTER_LIST length → neighbour address.
///
/// Like bgpd, the best path is found by walking the candidates in a fixed order and comparing each
/// with the best so far (MED makes the relation intransitive, so the walk order matters and is
/// kept deterministic: the candidates' order in the Loc-RIB, by source).
struct BGPDecisionProcess {
    var options: BGPBestPathOptions
    var maximumPaths: Int
    var maximumPathsIBGP: Int

    struct Outcome: Equatable {
        /// Index of the best path, nil when no path is valid.
        var best: Int?
        /// Indices of the paths installed with the best one (not including it).
        var multipath: [Int]
        /// Per path, the step at which it lost to the best (nil for the best).
        var reasons: [BGPDecisionStep?]
    }

    func select(_ paths: [BGPPath]) -> Outcome {
        var best: Int?
        for index in paths.indices where paths[index].isValid {
            guard let current = best else {
                best = index
                continue
            }
            if compare(paths[index], paths[current]).firstWins { best = index }
        }
        var reasons = [BGPDecisionStep?](repeating: .invalid, count: paths.count)
        guard let winner = best else { return Outcome(best: nil, multipath: [], reasons: reasons) }
        reasons[winner] = nil
        var multipath: [Int] = []
        let limit = paths[winner].isInternal ? maximumPathsIBGP : maximumPaths
        for index in paths.indices where index != winner && paths[index].isValid {
            let step = compare(paths[winner], paths[index]).step
            if step > .igpMetric && isMultipathCandidate(paths[index], with: paths[winner]) {
                if multipath.count + 1 < limit {
                    multipath.append(index)
                    reasons[index] = step
                } else {
                    reasons[index] = step
                }
            } else {
                reasons[index] = step
            }
        }
        return Outcome(best: winner, multipath: multipath, reasons: reasons)
    }

    /// Multipath needs the same kind of peer and (unless relaxed) the same AS path; local routes never share.
    func isMultipathCandidate(_ path: BGPPath, with best: BGPPath) -> Bool {
        guard !path.source.isLocal, !best.source.isLocal, path.isInternal == best.isInternal else { return false }
        if options.asPathMultipathRelax { return true }
        return path.attributes.asPath == best.attributes.asPath
    }

    /// Whether `first` is preferred to `second`, and at which step they differed.
    func compare(_ first: BGPPath, _ second: BGPPath) -> (firstWins: Bool, step: BGPDecisionStep) {
        if first.isValid != second.isValid { return (first.isValid, .invalid) }
        if first.weight != second.weight { return (first.weight > second.weight, .weight) }
        let firstPreference = first.effectiveLocalPreference, secondPreference = second.effectiveLocalPreference
        if firstPreference != secondPreference { return (firstPreference > secondPreference, .localPreference) }
        if first.source.isLocal != second.source.isLocal { return (first.source.isLocal, .localRoute) }
        let firstLength = first.attributes.asPath.length, secondLength = second.attributes.asPath.length
        if firstLength != secondLength { return (firstLength < secondLength, .asPathLength) }
        if first.attributes.origin != second.attributes.origin {
            return (first.attributes.origin < second.attributes.origin, .origin)
        }
        if medComparable(first, second) {
            let firstMED = med(first), secondMED = med(second)
            if firstMED != secondMED { return (firstMED < secondMED, .med) }
        }
        if first.isInternal != second.isInternal { return (!first.isInternal, .peerType) }
        if first.igpMetric != second.igpMetric { return (first.igpMetric < second.igpMetric, .igpMetric) }
        if !options.compareRouterID, !first.isInternal, !second.isInternal, !first.source.isLocal,
           !second.source.isLocal, first.arrival != second.arrival {
            return (first.arrival < second.arrival, .olderPath)
        }
        if first.comparedRouterID != second.comparedRouterID {
            return (first.comparedRouterID < second.comparedRouterID, .routerID)
        }
        let firstClusters = first.attributes.clusterList.count, secondClusters = second.attributes.clusterList.count
        if firstClusters != secondClusters { return (firstClusters < secondClusters, .clusterListLength) }
        if first.peerAddress != second.peerAddress {
            return (first.peerAddress < second.peerAddress, .neighborAddress)
        }
        // Identical in every respect (two local sources of one prefix): keep the earlier source.
        return (first.source < second.source, .neighborAddress)
    }

    /// MEDs compare between paths from the same neighbouring AS, between paths that never left
    /// this AS, or always when configured so.
    func medComparable(_ first: BGPPath, _ second: BGPPath) -> Bool {
        if options.alwaysCompareMED { return true }
        let firstAS = first.attributes.asPath.neighborAS, secondAS = second.attributes.asPath.neighborAS
        if first.attributes.asPath.length == 0 && second.attributes.asPath.length == 0 { return true }
        return firstAS != nil && firstAS == secondAS
    }

    func med(_ path: BGPPath) -> UInt32 {
        path.attributes.multiExitDiscriminator ?? (options.medMissingAsWorst ? .max : 0)
    }
}
