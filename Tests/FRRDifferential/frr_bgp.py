"""FRR's bgpd in the lab: its configuration from a router's `bgp` block and the policies it sees,
and reading back its sessions and its BGP table.

Every setting netsim's schema has is written explicitly, also where it equals FRR's default, so
a change of FRR's defaults cannot go unnoticed; what the schema cannot express stays at FRR 8.4's
`traditional` defaults (see README.md for those the comparison depends on).
"""


# The lab retries a failed connection this often at most. The first attempts fail whenever the
# other router's bgpd is not listening yet or iBGP's loopbacks are not yet reachable; the retry
# interval changes when FRR converges, never what it converges to.
LAB_CONNECT_RETRY = 2

ORIGIN_NAMES = {"IGP": "igp", "EGP": "egp", "incomplete": "incomplete", "?": "incomplete", "i": "igp", "e": "egp"}


def _seq(n):
    return (n + 1) * 10


def policy_lines(policies):
    """Prefix lists, community lists, AS-path lists and route maps as FRR configuration lines,
    in name order. A `community_remove` list becomes a community list of its own
    (`<map>-<seq>-remove`), since FRR deletes communities through `set comm-list ... delete`."""
    lines = []
    for name, entries in sorted(policies.prefix_lists.items()):
        for n, entry in enumerate(entries):
            text = f"ip prefix-list {name} seq {_seq(n)} {entry['action']} {entry['prefix']}"
            for key in ("ge", "le"):
                if key in entry:
                    text += f" {key} {entry[key]}"
            lines.append(text)
    for name, entries in sorted(policies.community_lists.items()):
        for entry in entries:
            lines.append(f"bgp community-list standard {name} {entry['action']} {' '.join(entry['communities'])}")
    for name, entries in sorted(policies.as_path_lists.items()):
        for n, entry in enumerate(entries):
            lines.append(f"bgp as-path access-list {name} seq {_seq(n)} {entry['action']} {entry['regex']}")
    maps = []
    for name, entries in sorted(policies.route_maps.items()):
        for n, entry in enumerate(entries):
            maps.append(f"route-map {name} {entry['action']} {_seq(n)}")
            match, sets = entry["match"], entry["set"]
            if "prefix_list" in match:
                maps.append(f" match ip address prefix-list {match['prefix_list']}")
            if "community_list" in match:
                maps.append(f" match community {match['community_list']}")
            if "as_path_list" in match:
                maps.append(f" match as-path {match['as_path_list']}")
            if "local_pref" in sets:
                maps.append(f" set local-preference {sets['local_pref']}")
            if "med" in sets:
                maps.append(f" set metric {sets['med']}")
            if "weight" in sets:
                maps.append(f" set weight {sets['weight']}")
            if "origin" in sets:
                maps.append(f" set origin {sets['origin']}")
            replace_all = sets.get("community_remove") == "all"
            if replace_all and "community_add" in sets:
                # bgpd keeps one `set community` per entry: remove-all plus add is a replacement.
                maps.append(f" set community {' '.join(sets['community_add'])}")
            elif replace_all:
                maps.append(" set community none")
            elif "community_remove" in sets:
                removal = f"{name}-{_seq(n)}-remove"
                for community in sets["community_remove"]:
                    lines.append(f"bgp community-list standard {removal} permit {community}")
                maps.append(f" set comm-list {removal} delete")
            if "community_add" in sets and not replace_all:
                maps.append(f" set community {' '.join(sets['community_add'])} additive")
            if "large_community_add" in sets:
                maps.append(f" set large-community {' '.join(sets['large_community_add'])} additive")
            if "as_path_prepend" in sets:
                maps.append(f" set as-path prepend {' '.join(str(a) for a in sets['as_path_prepend'])}")
            if "next_hop" in sets:
                hop = sets["next_hop"]
                maps.append(" set ip next-hop peer-address" if hop == "self" else f" set ip next-hop {hop}")
            maps += ["exit", "!"]
    return lines + (["!"] if lines else []) + maps


def config(model, node):
    """bgpd's configuration for one router."""
    router = model.routers[node.device.name]
    lines = [f"hostname {router.name}", "!"] + policy_lines(router.policies)
    lines += [f"router bgp {router.asn}",
              f" bgp router-id {router.router_id}",
              " no bgp ebgp-requires-policy",
              " no bgp default ipv4-unicast",
              " bgp network import-check"]
    if router.cluster_id:
        lines.append(f" bgp cluster-id {router.cluster_id}")
    bestpath = router.bestpath
    if bestpath["compare_routerid"]:
        lines.append(" bgp bestpath compare-routerid")
    if bestpath["as_path_multipath_relax"]:
        lines.append(" bgp bestpath as-path multipath-relax")
    if bestpath["med_missing_as_worst"]:
        lines.append(" bgp bestpath med missing-as-worst")
    if bestpath["always_compare_med"]:
        lines.append(" bgp always-compare-med")
    if router.graceful_restart:
        # Off is FRR's default (helper mode only); `no bgp graceful-restart` on top of it is
        # rejected as a failed command.
        lines.append(" bgp graceful-restart")
    lines.append(f" timers bgp {router.timers['keepalive']} {router.timers['hold']}")
    for neighbor in router.neighbors:
        ip = neighbor.ip
        lines.append(f" neighbor {ip} remote-as {neighbor.remote_as}")
        if neighbor.description:
            lines.append(f" neighbor {ip} description {neighbor.description}")
        if neighbor.update_source is not None:
            # By address: `lo` holds several, and FRR would pick one of them.
            lines.append(f" neighbor {ip} update-source {neighbor.update_source.ip.ip}")
        if neighbor.password is not None:
            lines.append(f" neighbor {ip} password {neighbor.password}")
        if not neighbor.internal and neighbor.ebgp_multihop > 1:
            lines.append(f" neighbor {ip} ebgp-multihop {neighbor.ebgp_multihop}")
        lines.append(f" neighbor {ip} timers {neighbor.timers['keepalive']} {neighbor.timers['hold']}")
        lines.append(f" neighbor {ip} timers connect {min(neighbor.timers['connect_retry'], LAB_CONNECT_RETRY)}")
        lines.append(f" neighbor {ip} advertisement-interval {neighbor.advertisement_interval}")
        if neighbor.shutdown:
            lines.append(f" neighbor {ip} shutdown")
    lines += [" !", " address-family ipv4 unicast"]
    for prefix in router.networks:
        lines.append(f"  network {prefix}")
    for source in router.redistribute:
        lines.append(f"  redistribute {source}")
    lines.append(f"  maximum-paths {router.maximum_paths}")
    lines.append(f"  maximum-paths ibgp {router.maximum_paths_ibgp}")
    for neighbor in router.neighbors:
        ip = neighbor.ip
        lines.append(f"  neighbor {ip} activate")
        if neighbor.next_hop_self:
            lines.append(f"  neighbor {ip} next-hop-self")
        if neighbor.route_reflector_client:
            lines.append(f"  neighbor {ip} route-reflector-client")
        lines.append(f"  neighbor {ip} send-community all" if neighbor.send_community
                     else f"  no neighbor {ip} send-community all")
        if neighbor.weight:
            lines.append(f"  neighbor {ip} weight {neighbor.weight}")
        if neighbor.import_map:
            lines.append(f"  neighbor {ip} route-map {neighbor.import_map} in")
        if neighbor.export_map:
            lines.append(f"  neighbor {ip} route-map {neighbor.export_map} out")
    lines += [" exit-address-family", "exit", "!"]
    return "\n".join(lines) + "\n"


# -- reading bgpd back -------------------------------------------------------------------------

def session_problems(summary, expected):
    """Why a router's sessions are not ready yet, as text (empty when every expected session is
    Established with nothing queued)."""
    peers = ((summary.get("ipv4Unicast") or {}).get("peers") or {}) if isinstance(summary, dict) else {}
    problems = []
    for address, peer in sorted(expected.items()):
        info = peers.get(address)
        if info is None:
            problems.append(f"session with {peer} ({address}) not configured in bgpd")
        elif info.get("state") != "Established":
            problems.append(f"session with {peer} ({address}) is {info.get('state')}")
        elif info.get("inq") or info.get("outq"):
            problems.append(f"session with {peer} ({address}) has messages queued")
    return problems


def normalize_path(path):
    """One path of `show bgp ipv4 unicast json` in the harness's terms."""
    hops = [hop.get("ip") for hop in path.get("nexthops", []) if hop.get("afi", "ipv4") == "ipv4"]
    # Locally originated paths have peer "(unspec)" (and, oddly, pathFrom "external").
    local = path.get("peerId") in (None, "(unspec)")
    origin = path.get("origin")
    return {
        "best": bool(path.get("bestpath")),
        "multipath": bool(path.get("multipath")),
        "valid": bool(path.get("valid")),
        "next_hop": hops[0] if hops else None,
        "as_path": path.get("path", ""),
        "origin": ORIGIN_NAMES.get(origin, origin),
        "med": path.get("metric"),
        "local_pref": path.get("locPrf"),
        "weight": path.get("weight", 0),
        "peer": None if local else path.get("peerId"),
        "internal": path.get("pathFrom") == "internal",
        "communities": None,  # filled in by add_communities
    }


def normalize_table(table):
    """`show bgp ipv4 unicast json` as {prefix: [path, ...]} (paths best first, then as FRR lists them)."""
    routes = (table or {}).get("routes") or {}
    result = {}
    for prefix, paths in routes.items():
        normalized = [normalize_path(p) for p in paths]
        normalized.sort(key=lambda p: not p["best"])
        result[prefix] = normalized
    return result


def add_communities(table, details):
    """Puts the standard communities of each prefix's paths into `table` ({prefix: [path]}),
    from `show bgp ipv4 unicast PREFIX json` documents (the table's JSON has no communities).
    Paths are matched by peer and next hop."""
    for document in details:
        if not isinstance(document, dict) or document.get("prefix") not in table:
            continue
        paths = table[document["prefix"]]
        for detail in document.get("paths") or []:
            peer = (detail.get("peer") or {}).get("peerId")
            hops = [hop.get("ip") for hop in detail.get("nexthops") or []]
            communities = str((detail.get("community") or {}).get("string", "")).split()
            for path in paths:
                same_peer = path["peer"] == peer or (path["peer"] is None and peer in (None, "0.0.0.0"))
                if same_peer and path["next_hop"] in (hops[:1] or [None]):
                    path["communities"] = communities
    return table


def neighbor_problems(model, router, neighbors):
    """Where bgpd runs a router's neighbors otherwise than the topology asks (`show bgp
    neighbors json`): AS, timers, MRAI, update source, route reflection, next-hop-self, and for
    an Established session the local address, which must be the one the model paired it by."""
    problems = []
    for neighbor in router.neighbors:
        info = neighbors.get(neighbor.ip) if isinstance(neighbors, dict) else None
        if not isinstance(info, dict):
            problems.append(f"{router.name} neighbor {neighbor.ip}: not in bgpd")
            continue
        family = (info.get("addressFamilyInfo") or {}).get("ipv4Unicast") or {}
        wanted = {"remote AS": neighbor.remote_as,
                  "hold time": neighbor.timers["hold"] * 1000,
                  "keepalive": neighbor.timers["keepalive"] * 1000,
                  "advertisement interval": neighbor.advertisement_interval * 1000,
                  "route reflector client": neighbor.route_reflector_client,
                  "next-hop-self": neighbor.next_hop_self}
        actual = {"remote AS": info.get("remoteAs"),
                  "hold time": info.get("bgpTimerConfiguredHoldTimeMsecs"),
                  "keepalive": info.get("bgpTimerConfiguredKeepAliveIntervalMsecs"),
                  "advertisement interval": info.get("minBtwnAdvertisementRunsTimerMsecs"),
                  "route reflector client": bool(family.get("routeReflectorClient")),
                  "next-hop-self": bool(family.get("routerAlwaysNextHop"))}
        if neighbor.update_source is not None:
            wanted["update source"] = str(neighbor.update_source.ip.ip)
            actual["update source"] = info.get("updateSource")
        if info.get("bgpState") == "Established":
            wanted["local address"] = model.source_address(neighbor)
            actual["local address"] = info.get("hostLocal")
        for key in wanted:
            if wanted[key] != actual[key]:
                problems.append(f"{router.name} neighbor {neighbor.ip}: {key} wanted {wanted[key]}, bgpd has {actual[key]}")
    return problems
