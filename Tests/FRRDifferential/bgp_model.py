"""BGP as netsim runs it on a topology: each router's effective `bgp` settings, the named
policies it can use (top-level `policies` plus its own), and the sessions the topology implies.

The semantics mirrored here (docs/topology.md's BGP section; they must match netsim's rules):
- A router runs BGP when it has a `bgp` block; `as` is required (1..4294967295).
- Router ID: `bgp.router_id`, else the device's router ID rule (as OSPF: `router_id`, else the
  highest loopback address, else the highest interface address).
- Router-wide defaults: timers keepalive 60, hold 180, connect_retry 120; maximum_paths 1 (eBGP
  and iBGP); every bestpath option false; graceful_restart false; cluster_id the router ID.
- Neighbor defaults: the router's timers, advertisement_interval 0, weight 0, send_community
  true, ebgp_multihop 1, everything else off. `update_source` names an interface of the router.
- `import`/`export` name route maps; route maps name prefix, community and AS-path lists. A
  name is visible when defined at the top level or in the router's own `policies`; one defined
  in both places is an error.
- A session is expected to reach Established when both ends name each other (the neighbor `ip`
  is an address of the other router, and the other router names this one by the address this
  end speaks from: its `update_source` interface's address, else the address of its interface
  on the neighbor's subnet), the AS numbers agree, neither end is shut down, the passwords are
  equal, and an eBGP session without multihop runs between directly connected addresses.
"""

import ipaddress

from topology import TopologyError

ROUTER_KEYS = ("as", "router_id", "networks", "redistribute", "cluster_id", "maximum_paths",
               "maximum_paths_ibgp", "bestpath", "graceful_restart", "timers", "neighbors")
NEIGHBOR_KEYS = ("ip", "remote_as", "description", "update_source", "next_hop_self", "route_reflector_client",
                 "send_community", "password", "ebgp_multihop", "timers", "advertisement_interval", "weight",
                 "import", "export", "shutdown")
BESTPATH_KEYS = ("compare_routerid", "always_compare_med", "med_missing_as_worst", "as_path_multipath_relax")
TIMER_KEYS = ("keepalive", "hold", "connect_retry")
POLICY_KINDS = ("prefix_lists", "community_lists", "as_path_lists", "route_maps")
MATCH_KEYS = ("prefix_list", "community_list", "as_path_list")
SET_KEYS = ("local_pref", "med", "weight", "origin", "community_add", "community_remove", "large_community_add",
            "as_path_prepend", "next_hop")
REDISTRIBUTE_SOURCES = ("connected", "static", "ospf", "isis")
ORIGINS = ("igp", "egp", "incomplete")
WELL_KNOWN_COMMUNITIES = ("no-export", "no-advertise", "local-AS", "internet", "blackhole", "graceful-shutdown")
DEFAULT_TIMERS = {"keepalive": 60, "hold": 180, "connect_retry": 120}
MAX_AS = 4294967295


def _mapping(value, where):
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TopologyError(f"{where} must be a mapping")
    return value


def _unknown(block, allowed, where):
    extra = sorted(k for k in block if k not in allowed)
    if extra:
        raise TopologyError(f"{where}: unknown key {extra[0]!r}; expected one of: {', '.join(allowed)}")


def _asn(value, where):
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_AS:
        raise TopologyError(f"{where}: AS {value!r} is not a number from 1 to {MAX_AS}")
    return value


def _address(value, where):
    try:
        return str(ipaddress.IPv4Address(str(value)))
    except ValueError:
        raise TopologyError(f"{where}: {value!r} is not an IPv4 address") from None


def _timers(block, defaults, where):
    block = _mapping(block, where)
    _unknown(block, TIMER_KEYS, where)
    timers = dict(defaults)
    timers.update({k: int(v) for k, v in block.items()})
    if timers["hold"] != 0 and timers["hold"] < 3:
        raise TopologyError(f"{where}: hold must be 0 or at least 3")
    return timers


def community_text(value, where):
    """A standard community as FRR writes it (`65001:100`, `no-export`)."""
    text = str(value)
    if text in WELL_KNOWN_COMMUNITIES:
        return text
    high, sep, low = text.partition(":")
    if sep and high.isdigit() and low.isdigit() and int(high) < 65536 and int(low) < 65536:
        return f"{int(high)}:{int(low)}"
    raise TopologyError(f"{where}: {text!r} is not a community (AS:value or a well-known name)")


def large_community_text(value, where):
    parts = str(value).split(":")
    if len(parts) == 3 and all(p.isdigit() and int(p) <= MAX_AS for p in parts):
        return ":".join(str(int(p)) for p in parts)
    raise TopologyError(f"{where}: {value!r} is not a large community (global:local1:local2)")


class Policies:
    """The named lists and route maps one router can see."""

    def __init__(self):
        self.prefix_lists = {}
        self.community_lists = {}
        self.as_path_lists = {}
        self.route_maps = {}

    def add(self, block, where):
        block = _mapping(block, where)
        _unknown(block, POLICY_KINDS, where)
        for kind in POLICY_KINDS:
            table = getattr(self, kind)
            for name, entries in _mapping(block.get(kind), f"{where}.{kind}").items():
                here = f"{where}.{kind}.{name}"
                if name in table:
                    raise TopologyError(f"{here}: {kind[:-1].replace('_', ' ')} {name} is defined twice")
                if not isinstance(entries, list) or not entries:
                    raise TopologyError(f"{here} must be a non-empty list of entries")
                table[str(name)] = [getattr(self, "_" + kind[:-1])(e, f"{here}[{n}]") for n, e in enumerate(entries)]

    @staticmethod
    def _action(entry, where):
        action = entry.get("action")
        if action not in ("permit", "deny"):
            raise TopologyError(f"{where}: action {action!r} is not permit or deny")
        return action

    def _prefix_list(self, entry, where):
        entry = _mapping(entry, where)
        _unknown(entry, ("action", "prefix", "ge", "le"), where)
        try:
            prefix = ipaddress.IPv4Network(str(entry.get("prefix")))
        except ValueError:
            raise TopologyError(f"{where}: prefix {entry.get('prefix')!r} is not an IPv4 prefix") from None
        result = {"action": self._action(entry, where), "prefix": str(prefix)}
        for key in ("ge", "le"):
            if entry.get(key) is not None:
                result[key] = int(entry[key])
        return result

    def _community_list(self, entry, where):
        entry = _mapping(entry, where)
        _unknown(entry, ("action", "communities"), where)
        communities = entry.get("communities")
        if not isinstance(communities, list) or not communities:
            raise TopologyError(f"{where}: communities must be a non-empty list")
        return {"action": self._action(entry, where),
                "communities": [community_text(c, where) for c in communities]}

    def _as_path_list(self, entry, where):
        entry = _mapping(entry, where)
        _unknown(entry, ("action", "regex"), where)
        if not isinstance(entry.get("regex"), str):
            raise TopologyError(f"{where}: regex must be a string")
        return {"action": self._action(entry, where), "regex": entry["regex"]}

    def _route_map(self, entry, where):
        entry = _mapping(entry, where)
        _unknown(entry, ("action", "match", "set"), where)
        match = _mapping(entry.get("match"), f"{where}.match")
        _unknown(match, MATCH_KEYS, f"{where}.match")
        sets = dict(_mapping(entry.get("set"), f"{where}.set"))
        _unknown(sets, SET_KEYS, f"{where}.set")
        if "origin" in sets and sets["origin"] not in ORIGINS:
            raise TopologyError(f"{where}.set: origin {sets['origin']!r} is not igp, egp or incomplete")
        if "community_add" in sets:
            sets["community_add"] = [community_text(c, where) for c in sets["community_add"]]
        if "community_remove" in sets and sets["community_remove"] != "all":
            sets["community_remove"] = [community_text(c, where) for c in sets["community_remove"]]
        if "large_community_add" in sets:
            sets["large_community_add"] = [large_community_text(c, where) for c in sets["large_community_add"]]
        if "as_path_prepend" in sets:
            sets["as_path_prepend"] = [_asn(a, f"{where}.set.as_path_prepend") for a in sets["as_path_prepend"]]
        if "next_hop" in sets and sets["next_hop"] != "self":
            sets["next_hop"] = _address(sets["next_hop"], f"{where}.set.next_hop")
        return {"action": self._action(entry, where), "match": {k: str(v) for k, v in match.items()}, "set": sets}

    def check_references(self, where):
        lists = {"prefix_list": self.prefix_lists, "community_list": self.community_lists,
                 "as_path_list": self.as_path_lists}
        for name, entries in self.route_maps.items():
            for n, entry in enumerate(entries):
                for key, target in entry["match"].items():
                    if target not in lists[key]:
                        raise TopologyError(f"{where}: route map {name} entry {n + 1} matches "
                                            f"{key.replace('_', ' ')} {target}, which is not defined")


class BGPNeighbor:
    def __init__(self, router, spec, where):
        spec = _mapping(spec, where)
        _unknown(spec, NEIGHBOR_KEYS, where)
        if "ip" not in spec or "remote_as" not in spec:
            raise TopologyError(f"{where}: a neighbor needs ip and remote_as")
        self.router = router
        self.ip = _address(spec["ip"], f"{where}.ip")
        self.remote_as = _asn(spec["remote_as"], f"{where}.remote_as")
        self.description = spec.get("description")
        self.update_source = spec.get("update_source")
        if self.update_source is not None:
            interface = router.device.interface(str(self.update_source))
            if interface is None or interface.ip is None:
                raise TopologyError(f"{where}: update_source {self.update_source} is not an interface with an ip")
            self.update_source = interface
        self.next_hop_self = bool(spec.get("next_hop_self", False))
        self.route_reflector_client = bool(spec.get("route_reflector_client", False))
        self.send_community = bool(spec.get("send_community", True))
        self.password = None if spec.get("password") is None else str(spec["password"])
        self.ebgp_multihop = int(spec.get("ebgp_multihop", 1))
        self.timers = _timers(spec.get("timers"), router.timers, f"{where}.timers")
        self.advertisement_interval = int(spec.get("advertisement_interval", 0))
        self.weight = int(spec.get("weight", 0))
        self.import_map = spec.get("import")
        self.export_map = spec.get("export")
        self.shutdown = bool(spec.get("shutdown", False))
        for key, name in (("import", self.import_map), ("export", self.export_map)):
            if name is not None and name not in router.policies.route_maps:
                raise TopologyError(f"{where}.{key}: route map {name} is not defined")
        if self.route_reflector_client and self.remote_as != router.asn:
            raise TopologyError(f"{where}: route_reflector_client needs an iBGP neighbor")

    @property
    def internal(self):
        return self.remote_as == self.router.asn


class BGPRouter:
    """A router's BGP instance settings."""

    def __init__(self, device, policies):
        where = f"{device.name}: bgp"
        block = _mapping(device.bgp_block, where)
        _unknown(block, ROUTER_KEYS, where)
        if "as" not in block:
            raise TopologyError(f"{where}: as is required")
        self.device = device
        self.policies = policies
        self.asn = _asn(block["as"], f"{where}.as")
        self.router_id = _address(block["router_id"], f"{where}.router_id") if block.get("router_id") \
            else device.effective_router_id
        self.networks = [str(ipaddress.IPv4Network(str(p))) for p in block.get("networks") or []]
        self.redistribute = [str(s) for s in block.get("redistribute") or []]
        for source in self.redistribute:
            if source not in REDISTRIBUTE_SOURCES:
                raise TopologyError(f"{where}.redistribute: {source!r} is not one of {', '.join(REDISTRIBUTE_SOURCES)}")
        self.cluster_id = _address(block["cluster_id"], f"{where}.cluster_id") if block.get("cluster_id") else None
        self.maximum_paths = int(block.get("maximum_paths", 1))
        self.maximum_paths_ibgp = int(block.get("maximum_paths_ibgp", 1))
        bestpath = _mapping(block.get("bestpath"), f"{where}.bestpath")
        _unknown(bestpath, BESTPATH_KEYS, f"{where}.bestpath")
        self.bestpath = {key: bool(bestpath.get(key, False)) for key in BESTPATH_KEYS}
        self.graceful_restart = bool(block.get("graceful_restart", False))
        self.timers = _timers(block.get("timers"), DEFAULT_TIMERS, f"{where}.timers")
        self.neighbors = [BGPNeighbor(self, spec, f"{where}.neighbors[{n}]")
                          for n, spec in enumerate(block.get("neighbors") or [])]
        seen = set()
        for neighbor in self.neighbors:
            if neighbor.ip in seen:
                raise TopologyError(f"{where}: neighbor {neighbor.ip} is listed twice")
            seen.add(neighbor.ip)

    @property
    def name(self):
        return self.device.name


class BGPModel:
    """BGP over a whole topology."""

    def __init__(self, topology):
        self.topology = topology
        self.routers = {}
        shared = _mapping(topology.data.get("policies"), "policies")
        for device in topology.routers:
            if device.bgp_block is None:
                if device.policies_block is not None:
                    raise TopologyError(f"{device.name}: policies without a bgp block")
                continue
            policies = Policies()
            policies.add(shared, "policies")
            policies.add(device.policies_block, f"{device.name}: policies")
            policies.check_references(device.name)
            self.routers[device.name] = BGPRouter(device, policies)
        for device in topology.devices.values():
            if device.type != "router" and device.bgp_block is not None:
                raise TopologyError(f"{device.name}: only routers run BGP")

    def source_address(self, neighbor):
        """The address this end of a session speaks from: the update_source interface's, else
        that of its up interface on the neighbor's subnet (None when it has none)."""
        if neighbor.update_source is not None:
            return str(neighbor.update_source.ip.ip)
        target = ipaddress.IPv4Address(neighbor.ip)
        for interface in neighbor.router.device.interfaces:
            if interface.ip is not None and not interface.loopback and target in interface.ip.network \
                    and self.topology.oper_up(interface):
                return str(interface.ip.ip)
        return None

    def owner(self, address):
        """(router, interface) holding an address, or None."""
        for name, router in sorted(self.routers.items()):
            for interface in router.device.interfaces:
                if interface.ip is not None and str(interface.ip.ip) == address:
                    return router, interface
        return None

    def peer_of(self, neighbor):
        """The neighbor entry on the other router that pairs with this one, or None."""
        owner = self.owner(neighbor.ip)
        if owner is None:
            return None
        router, interface = owner
        if router is neighbor.router or not self.topology.oper_up(interface):
            return None
        here = self.source_address(neighbor)
        for theirs in router.neighbors:
            if theirs.ip == here and self.source_address(theirs) == neighbor.ip:
                return theirs
        return None

    def session_expected(self, neighbor):
        theirs = self.peer_of(neighbor)
        if theirs is None:
            return False
        if neighbor.remote_as != theirs.router.asn or theirs.remote_as != neighbor.router.asn:
            return False
        if neighbor.shutdown or theirs.shutdown or neighbor.password != theirs.password:
            return False
        if not neighbor.internal:
            # Single-hop eBGP: the peer must be on a connected subnet of an up interface.
            for mine in (neighbor, theirs):
                if mine.ebgp_multihop <= 1 and (mine.update_source is not None or self.source_address(mine) is None):
                    return False
        return True

    def expected_sessions(self):
        """{router: {neighbor address: peer router name}} of the sessions that should be Established."""
        result = {}
        for name, router in sorted(self.routers.items()):
            result[name] = {n.ip: self.peer_of(n).router.name for n in router.neighbors if self.session_expected(n)}
        return result
