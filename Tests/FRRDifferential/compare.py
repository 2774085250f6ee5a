"""Comparing normalized routing tables: {router: {prefix: route}} where a route is
{protocol, distance, metric, nexthops: [(address or None, interface)], path_type?}."""

import ipaddress

CODES = {"connected": "C", "static": "S", "ospf": "O", "isis": "i", "bgp": "B"}
PATH_CODES = {"inter-area": " IA", "external-1": " E1", "external-2": " E2", "level-1": " L1", "level-2": " L2"}
ROUTING_PROTOCOLS = ("ospf", "isis")


def prefix_key(prefix):
    try:
        network = ipaddress.IPv4Network(prefix)
        return (0, int(network.network_address), network.prefixlen)
    except ValueError:
        return (1, 0, prefix)


def hop_key(hop):
    """Sort key of a next hop (address or None, interface): directly connected first, then by
    address numerically, then by interface name."""
    address, interface = hop
    try:
        number = int(ipaddress.IPv4Address(address)) if address else -1
    except ValueError:
        number = 2 ** 32
    return (number, address or "", interface or "")


def sorted_hops(hops):
    return sorted({tuple(h) for h in hops}, key=hop_key)


def format_hops(hops):
    if not hops:
        return "(no next hops)"
    return ", ".join(f"via {address}, {interface}" if address else f"directly connected, {interface}"
                     for address, interface in hops)


def format_route(prefix, route, path_type=None):
    code = CODES.get(route["protocol"], route["protocol"])
    if route["protocol"] in ROUTING_PROTOCOLS:
        code += PATH_CODES.get(route.get("path_type") or path_type, "")
    if route["protocol"] == "connected":
        return f"{code:<5}{prefix} {format_hops(route['nexthops'])}"
    return f"{code:<5}{prefix} [{route['distance']}/{route['metric']}] {format_hops(route['nexthops'])}"


def compare_router(frr, netsim, frr_path_types=None, explain=None, expected=None):
    """Readable differences between one router's FRR and netsim tables (empty when equal).
    `explain(prefix, netsim route or None, FRR route or None)` may account for a difference
    with a reason: that prefix's lines then go to `expected` (a list) with the reason first."""
    frr_path_types = frr_path_types or {}
    lines = []
    for prefix in sorted(set(frr) | set(netsim), key=prefix_key):
        mine, theirs = netsim.get(prefix), frr.get(prefix)
        found = _prefix_differences(prefix, mine, theirs, frr_path_types.get(prefix))
        reason = explain(prefix, mine, theirs) if found and explain is not None else None
        if reason is not None and expected is not None:
            expected += [reason] + ["    " + line for line in found]
        else:
            lines += found
    return lines


def _prefix_differences(prefix, mine, theirs, frr_path_type):
    """The difference lines of one prefix (empty when both sides agree)."""
    lines = []
    if mine is None or theirs is None:
        if mine is None:
            lines.append(f"missing in netsim: {format_route(prefix, theirs, frr_path_type)}")
        else:
            lines.append(f"extra in netsim:   {format_route(prefix, mine)}")
        return lines
    problems = []
    if mine["protocol"] != theirs["protocol"]:
        problems.append(f"protocol netsim {mine['protocol']}, FRR {theirs['protocol']}")
    if mine["distance"] != theirs["distance"]:
        problems.append(f"distance netsim {mine['distance']}, FRR {theirs['distance']}")
    if mine["metric"] != theirs["metric"] and "connected" not in (mine["protocol"], theirs["protocol"]):
        problems.append(f"metric netsim {mine['metric']}, FRR {theirs['metric']}")
    if sorted_hops(mine["nexthops"]) != sorted_hops(theirs["nexthops"]):
        only_netsim = sorted_hops(set(map(tuple, mine["nexthops"])) - set(map(tuple, theirs["nexthops"])))
        only_frr = sorted_hops(set(map(tuple, theirs["nexthops"])) - set(map(tuple, mine["nexthops"])))
        detail = []
        if only_frr:
            detail.append(f"only FRR has {format_hops(only_frr)}")
        if only_netsim:
            detail.append(f"only netsim has {format_hops(only_netsim)}")
        problems.append("next hops differ: " + "; ".join(detail))
    # Path types are compared once netsim reports them (FRR's come from ospfd's table and
    # isisd's per-level tables).
    if mine["protocol"] == theirs["protocol"] in ROUTING_PROTOCOLS and "path_type" in mine:
        if frr_path_type is not None and frr_path_type != mine["path_type"]:
            problems.append(f"path type netsim {mine['path_type']}, FRR {frr_path_type}")
    if problems:
        lines.append(f"{prefix}: " + "; ".join(problems))
        lines.append(f"    netsim: {format_route(prefix, mine)}")
        lines.append(f"    FRR:    {format_route(prefix, theirs, frr_path_type)}")
    return lines


def compare(frr_tables, netsim_tables, frr_path_types=None, explain=None, expected=None):
    """{router: [difference lines]} for routers whose tables differ. With `explain(router,
    prefix, netsim route, FRR route)` returning a reason, that difference is not counted but
    recorded in `expected` ({router: [lines]})."""
    frr_path_types = frr_path_types or {}
    differences = {}
    for router in sorted(set(frr_tables) | set(netsim_tables)):
        if router not in netsim_tables:
            differences[router] = ["netsim reported no table for this router"]
        elif router not in frr_tables:
            differences[router] = ["FRR reported no table for this router"]
        else:
            accounted = []
            explain_here = None if explain is None else \
                (lambda prefix, mine, theirs, router=router: explain(router, prefix, mine, theirs))
            lines = compare_router(frr_tables[router], netsim_tables[router], frr_path_types.get(router),
                                   explain_here, accounted)
            if lines:
                differences[router] = lines
            if accounted and expected is not None:
                expected[router] = accounted
    return differences


def render_table(prefix_routes, path_types=None):
    path_types = path_types or {}
    return [format_route(prefix, route, path_types.get(prefix))
            for prefix, route in sorted(prefix_routes.items(), key=lambda item: prefix_key(item[0]))]


# -- BGP best paths ----------------------------------------------------------------------------
# A BGP table is {prefix: [path]} with paths as frr_bgp.normalize_path gives them; what is
# compared is each prefix's best path and, with multipath, the set of next hops in use.

BGP_FIELDS = ("next_hop", "as_path", "origin", "med", "local_pref", "weight", "multipath", "communities")


def bgp_best(paths):
    """The best path of one prefix reduced to the compared fields, or None without a best path.
    `multipath` is the sorted set of next hops of the best and multipath paths; `communities`
    is present only when the side's table carries them."""
    best = [p for p in paths if p.get("best")]
    if not best:
        return None
    path = best[0]
    result = {key: path.get(key) for key in BGP_FIELDS[:-2]}
    result["multipath"] = sorted({p["next_hop"] for p in paths if (p.get("best") or p.get("multipath"))
                                  and p.get("next_hop")}, key=lambda hop: hop_key((hop, None)))
    if path.get("communities") is not None:
        result["communities"] = sorted(path["communities"])
    return result


def bgp_best_paths(table):
    """{prefix: best path} of the prefixes that have one."""
    return {prefix: best for prefix, best in ((p, bgp_best(paths)) for p, paths in table.items()) if best}


def format_bgp(prefix, best):
    text = f"*> {prefix} via {best['next_hop']} path \"{best['as_path']}\" origin {best['origin']}"
    text += f" med {_nullable(best['med'])} local-pref {_nullable(best['local_pref'])} weight {best['weight']}"
    if len(best["multipath"]) > 1:
        text += f" multipath {','.join(best['multipath'])}"
    if best.get("communities"):
        text += f" communities {' '.join(best['communities'])}"
    return text


def _nullable(value):
    return "-" if value is None else value


def compare_bgp_router(frr, netsim):
    """Readable differences between one router's FRR and netsim BGP best paths."""
    mine_all, theirs_all = bgp_best_paths(netsim), bgp_best_paths(frr)
    lines = []
    for prefix in sorted(set(mine_all) | set(theirs_all), key=prefix_key):
        mine, theirs = mine_all.get(prefix), theirs_all.get(prefix)
        if mine is None:
            lines.append(f"no best path in netsim: {format_bgp(prefix, theirs)}")
            continue
        if theirs is None:
            lines.append(f"best path only in netsim: {format_bgp(prefix, mine)}")
            continue
        problems = [f"{field.replace('_', ' ')} netsim {_nullable(mine.get(field))}, FRR {_nullable(theirs.get(field))}"
                    for field in BGP_FIELDS
                    if field in mine and field in theirs and mine[field] != theirs[field]]
        if problems:
            lines.append(f"BGP {prefix}: " + "; ".join(problems))
            lines.append(f"    netsim: {format_bgp(prefix, mine)}")
            lines.append(f"    FRR:    {format_bgp(prefix, theirs)}")
    return lines


def compare_bgp(frr_tables, netsim_tables):
    """{router: [difference lines]} for BGP routers whose best paths differ."""
    differences = {}
    for router in sorted(set(frr_tables) | set(netsim_tables)):
        if router not in netsim_tables:
            differences[router] = ["netsim reported no BGP table for this router"]
        elif router not in frr_tables:
            differences[router] = ["FRR reported no BGP table for this router"]
        else:
            lines = compare_bgp_router(frr_tables[router], netsim_tables[router])
            if lines:
                differences[router] = lines
    return differences


def render_bgp_table(table):
    return [format_bgp(prefix, best)
            for prefix, best in sorted(bgp_best_paths(table).items(), key=lambda item: prefix_key(item[0]))]
