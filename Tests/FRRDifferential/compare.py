"""Comparing normalized routing tables: {router: {prefix: route}} where a route is
{protocol, distance, metric, nexthops: [(address or None, interface)], path_type?}."""

import ipaddress

CODES = {"connected": "C", "static": "S", "ospf": "O"}
PATH_CODES = {"inter-area": " IA", "external-1": " E1", "external-2": " E2"}


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
    if route["protocol"] == "ospf":
        code += PATH_CODES.get(route.get("path_type") or path_type, "")
    if route["protocol"] == "connected":
        return f"{code:<5}{prefix} {format_hops(route['nexthops'])}"
    return f"{code:<5}{prefix} [{route['distance']}/{route['metric']}] {format_hops(route['nexthops'])}"


def compare_router(frr, netsim, frr_path_types=None):
    """Readable differences between one router's FRR and netsim tables (empty when equal)."""
    frr_path_types = frr_path_types or {}
    lines = []
    for prefix in sorted(set(frr) | set(netsim), key=prefix_key):
        mine, theirs = netsim.get(prefix), frr.get(prefix)
        if mine is None:
            lines.append(f"missing in netsim: {format_route(prefix, theirs, frr_path_types.get(prefix))}")
            continue
        if theirs is None:
            lines.append(f"extra in netsim:   {format_route(prefix, mine)}")
            continue
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
        # Path types are compared once netsim reports them (FRR's come from ospfd's table).
        if mine["protocol"] == "ospf" and theirs["protocol"] == "ospf" and "path_type" in mine:
            frr_type = frr_path_types.get(prefix)
            if frr_type is not None and frr_type != mine["path_type"]:
                problems.append(f"path type netsim {mine['path_type']}, FRR {frr_type}")
        if problems:
            lines.append(f"{prefix}: " + "; ".join(problems))
            lines.append(f"    netsim: {format_route(prefix, mine)}")
            lines.append(f"    FRR:    {format_route(prefix, theirs, frr_path_types.get(prefix))}")
    return lines


def compare(frr_tables, netsim_tables, frr_path_types=None):
    """{router: [difference lines]} for routers whose tables differ."""
    frr_path_types = frr_path_types or {}
    differences = {}
    for router in sorted(set(frr_tables) | set(netsim_tables)):
        if router not in netsim_tables:
            differences[router] = ["netsim reported no table for this router"]
        elif router not in frr_tables:
            differences[router] = ["FRR reported no table for this router"]
        else:
            lines = compare_router(frr_tables[router], netsim_tables[router], frr_path_types.get(router))
            if lines:
                differences[router] = lines
    return differences


def render_table(prefix_routes, path_types=None):
    path_types = path_types or {}
    return [format_route(prefix, route, path_types.get(prefix))
            for prefix, route in sorted(prefix_routes.items(), key=lambda item: prefix_key(item[0]))]
