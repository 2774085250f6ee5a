"""The one known way FRR 8.4 falls short of RFC 1195 in IS-IS, derived from a topology.

RFC 1195 section 3.2: a level-1-2 router advertises in its level-2 LSP the IP reachability of
its own area, so level-2 routers elsewhere reach prefixes that only level-1 routers announce.
netsim does so. FRR 8.4 does not (FRRouting issue #6966): a level-1-2 router's level-2 LSP
carries the prefixes of its own circuits only.

`Shortfall` works out, from the topology alone:
- for every level-1-2 router, the prefixes it learns at level 1 from the rest of its area and
  does not announce itself: netsim carries them into level 2, FRR does not;
- every router whose table that changes: it runs level 2 and shares a level-2 domain with such
  a carrier, the prefix is neither connected there nor reachable there at level 1 (a level-1
  route wins over any level-2 route), and
- how each such route may differ, and no other way: netsim has a level-2 IS-IS route and FRR
  none, where no level-2 router announces the prefix for its own circuit; or both have level-2 IS-IS routes and netsim's is cheaper (netsim has
  more announcers of the prefix to choose from), or as cheap with strictly more next hops
  (the extra announcers add equal-cost paths).
"""

import isis_model


class Shortfall:
    def __init__(self, model):
        self.model = model
        l1 = model.components(1)
        l2 = model.components(2)
        announced = {name: set(model.own_prefixes(name)) for name in model.routers}
        # Prefixes each router reaches at level 1: those its level-1 area announces.
        reach_l1 = {name: set().union(*(announced[m] for m in members)) for name, members in l1.items()}
        self.carried = {}
        for name, router in sorted(model.routers.items()):
            if router.levels != isis_model.LEVELS["l1l2"] or name not in l2 or name not in l1:
                continue
            learned = set().union(*(announced[m] for m in l1[name] if m != name)) - announced[name]
            if learned:
                self.carried[name] = learned
        # What FRR's level-2 LSPs do announce: every level-2 router's own circuits.
        self.announced_l2 = {name: set().union(*(announced[m] for m in members)) for name, members in l2.items()}
        self.affected = {}
        for carrier, prefixes in sorted(self.carried.items()):
            for router in sorted(l2[carrier]):
                if router == carrier:
                    continue
                skip = model.connected(router) | reach_l1.get(router, set())
                for prefix in prefixes - skip:
                    self.affected.setdefault(router, {}).setdefault(str(prefix), set()).add(carrier)

    def explain(self, router, prefix, netsim, frr):
        """Why netsim's route `netsim` and FRR's route `frr` (either may be None) for `prefix`
        on `router` differ, when the shortfall accounts for exactly this difference; else None."""
        carriers = self.affected.get(router, {}).get(prefix)
        if not carriers or netsim is None or netsim["protocol"] != "isis" \
                or netsim.get("path_type", "level-2") != "level-2":
            return None
        who = ", ".join(sorted(carriers))
        reason = (f"expected (FRR #6966): {who} carr{'ies' if len(carriers) == 1 else 'y'} {prefix} from level 1 "
                  "into level 2 in netsim (RFC 1195 section 3.2), not in FRR")
        if frr is None:
            # Only when no level-2 router FRR reaches from here announces the prefix itself.
            if any(str(p) == prefix for p in self.announced_l2.get(router, ())):
                return None
            return reason + "; FRR has no route"
        if frr["protocol"] != "isis":
            return None
        hops_netsim = {tuple(h) for h in netsim["nexthops"]}
        hops_frr = {tuple(h) for h in frr["nexthops"]}
        if netsim["metric"] < frr["metric"]:
            return reason + f"; netsim's route is cheaper ({netsim['metric']} < {frr['metric']})"
        if netsim["metric"] == frr["metric"] and hops_frr < hops_netsim and netsim["distance"] == frr["distance"]:
            return reason + "; netsim has more equal-cost next hops"
        return None

    def describe(self):
        """Lines naming each carrier and the prefixes FRR leaves out of its level-2 LSP."""
        return [f"{carrier}: {', '.join(str(p) for p in sorted(prefixes))}"
                for carrier, prefixes in sorted(self.carried.items())]
