"""IS-IS as netsim runs it on a topology: each router's effective IS-IS settings, the
adjacencies the topology implies per level, and the prefixes each router advertises.

The semantics mirrored here (they must match netsim's topology rules for IS-IS):
- A router runs IS-IS when it has a router-level `isis: { net, level }` block. `net` is an ISO
  NET (area, 6-byte system ID, NSEL 00); `level` is l1, l2 or l1l2 (default l1l2);
  `metric_style: narrow` switches from wide (RFC 5305) to narrow metrics; `overload: true` sets
  the overload bit; `leak_l2_to_l1: true` leaks level-2 routes into level 1 (not in FRR 8.4).
- Interfaces in IS-IS: those with an `isis` block, and every loopback (`lo`, `lo<digits>`) with
  an address, which is always passive. `isis: false` keeps an interface out.
- Interface defaults: metric 10 (loopbacks 0), circuit l1l2, priority 64, hello 10 s, hold
  3 x hello, not passive; network point-to-point on a two-endpoint link without a switch,
  otherwise broadcast (the OSPF rule). A circuit runs the levels its `circuit` and its router's
  `level` have in common.
- An adjacency forms per level on a circuit both ends run at that level, both up, neither
  passive, with the same network type and a common subnet; at level 1 the areas must match.
"""

import ipaddress

from topology import TopologyError

LEVELS = {"l1": frozenset({1}), "l2": frozenset({2}), "l1l2": frozenset({1, 2})}
DEFAULT_LEVEL = "l1l2"
DEFAULT_METRIC = 10
LOOPBACK_METRIC = 0
DEFAULT_PRIORITY = 64
DEFAULT_HELLO = 10
HOLD_MULTIPLIER = 3
ROUTER_KEYS = ("net", "level", "metric_style", "overload", "leak_l2_to_l1")
WIDE_MAX_METRIC = 16777215
NARROW_MAX_METRIC = 63


def parse_net(text, where):
    """(area as dotted hex like '49.0001', system ID as '0000.0000.0001') of an ISO NET."""
    digits = str(text).replace(".", "").lower()
    if not digits or any(c not in "0123456789abcdef" for c in digits) or len(digits) % 2:
        raise TopologyError(f"{where}: net {text!r} is not a NET in hex")
    if len(digits) < 2 + 12 + 2 or len(digits) > 2 * 20:
        raise TopologyError(f"{where}: net {text!r} needs an area, a 6-byte system ID and a selector")
    if digits[-2:] != "00":
        raise TopologyError(f"{where}: net {text!r} must end in selector 00")
    area, system = digits[:-14], digits[-14:-2]
    area_text = area[:2] + "".join("." + area[i:i + 4] for i in range(2, len(area), 4))
    return area_text, ".".join(system[i:i + 4] for i in range(0, 12, 4))


def levels_of(value, where, key):
    if value not in LEVELS:
        raise TopologyError(f"{where}: {key} {value!r} is not l1, l2 or l1l2")
    return LEVELS[value]


class ISISRouter:
    """A router's IS-IS instance settings."""

    def __init__(self, device):
        where = f"{device.name}: isis"
        block = device.isis_block
        if "net" not in block:
            raise TopologyError(f"{where}: net is required")
        self.device = device
        self.net = str(block["net"])
        self.area, self.system_id = parse_net(self.net, where)
        self.level_name = block.get("level", DEFAULT_LEVEL)
        self.levels = levels_of(self.level_name, where, "level")
        self.metric_style = block.get("metric_style", "wide")
        if self.metric_style not in ("wide", "narrow"):
            raise TopologyError(f"{where}: metric_style {self.metric_style!r} is not wide or narrow")
        self.overload = bool(block.get("overload", False))
        # Level-2 to level-1 leaking (FRR 8.4 has none) and keys the harness does not know are
        # beyond what the FRR lab can reproduce.
        self.unmodelled = sorted(key for key in block if key not in ROUTER_KEYS or
                                 (key == "leak_l2_to_l1" and block[key]))

    @property
    def max_metric(self):
        return NARROW_MAX_METRIC if self.metric_style == "narrow" else WIDE_MAX_METRIC


class ISISInterface:
    """The effective IS-IS settings of one interface (a circuit)."""

    def __init__(self, router, interface, network):
        spec = interface.isis if interface.isis is not None else {}
        where = f"{interface.device.name}:{interface.name}: isis"
        self.router = router
        self.interface = interface
        self.loopback = interface.loopback
        self.metric = int(spec.get("metric", LOOPBACK_METRIC if self.loopback else DEFAULT_METRIC))
        if not 0 <= self.metric <= router.max_metric:
            raise TopologyError(f"{where}: metric {self.metric} out of range for {router.metric_style} metrics")
        self.passive = self.loopback or bool(spec.get("passive", False))
        self.circuit_name = spec.get("circuit", "l1l2")
        self.levels = levels_of(self.circuit_name, where, "circuit") & router.levels
        self.network = spec.get("network", network)
        if self.network not in ("point-to-point", "broadcast"):
            raise TopologyError(f"{where}: network {self.network!r} is not point-to-point or broadcast")
        self.priority = int(spec.get("priority", DEFAULT_PRIORITY))
        self.hello = int(spec.get("hello", DEFAULT_HELLO))
        self.hold = int(spec.get("hold", HOLD_MULTIPLIER * self.hello))

    @property
    def prefix(self):
        return self.interface.ip.network


class ISISModel:
    """IS-IS over a whole topology."""

    def __init__(self, topology):
        self.topology = topology
        self.routers = {}
        self.interfaces = {}
        for device in topology.isis_routers:
            router = ISISRouter(device)
            self.routers[device.name] = router
            circuits = {}
            for interface in device.interfaces:
                if interface.ip is None or interface.isis_excluded:
                    if interface.isis is not None and interface.ip is None:
                        raise TopologyError(f"{device.name}:{interface.name}: an IS-IS interface needs an ip")
                    continue
                if interface.isis is None and not interface.loopback:
                    continue
                circuits[interface.name] = ISISInterface(router, interface, topology.default_network(interface))
            self.interfaces[device.name] = circuits
        for device in topology.routers:
            if not device.runs_isis and any(i.isis is not None for i in device.interfaces):
                raise TopologyError(f"{device.name}: interfaces run IS-IS but the router has no isis block with a net")
        seen = {}
        for name, router in sorted(self.routers.items()):
            if router.system_id in seen:
                raise TopologyError(f"{name} and {seen[router.system_id]} share system ID {router.system_id}")
            seen[router.system_id] = name

    def unmodelled(self):
        """Router-level IS-IS settings the FRR lab cannot reproduce, as text (empty when none)."""
        return [f"{name} sets isis {', '.join(router.unmodelled)}"
                for name, router in sorted(self.routers.items()) if router.unmodelled]

    def up(self, circuit):
        return self.topology.oper_up(circuit.interface)

    def adjacencies(self):
        """{router: {interface: {level: set of neighbor router names}}} that IS-IS should form."""
        result = {name: {} for name in self.routers}
        for name, circuits in self.interfaces.items():
            for ifname, mine in circuits.items():
                if mine.passive or not mine.levels or not self.up(mine):
                    continue
                for peer in self.topology.l2_peers(mine.interface):
                    theirs = self.interfaces.get(peer.device.name, {}).get(peer.name)
                    if theirs is None or theirs.passive or not self.up(theirs):
                        continue
                    if theirs.network != mine.network or peer.ip.network != mine.interface.ip.network:
                        continue
                    for level in sorted(mine.levels & theirs.levels):
                        if level == 1 and mine.router.area != theirs.router.area:
                            continue
                        result[name].setdefault(ifname, {}).setdefault(level, set()).add(peer.device.name)
        return result

    def neighbors(self, level):
        """{router: set of routers it is adjacent with at `level`}."""
        graph = {name: set() for name in self.routers if level in self.routers[name].levels}
        for name, interfaces in self.adjacencies().items():
            for levels in interfaces.values():
                graph.setdefault(name, set()).update(levels.get(level, ()))
        return graph

    def components(self, level):
        """{router: frozenset of routers connected to it by adjacencies at `level`} for every
        router running that level."""
        graph = self.neighbors(level)
        result = {}
        for start in sorted(graph):
            if start in result:
                continue
            seen, stack = {start}, [start]
            while stack:
                for other in graph[stack.pop()]:
                    if other not in seen:
                        seen.add(other)
                        stack.append(other)
            component = frozenset(seen)
            for member in seen:
                result[member] = component
        return result

    def own_prefixes(self, name):
        """{prefix: metric} a router advertises for its own up circuits (passive included)."""
        result = {}
        for circuit in self.interfaces.get(name, {}).values():
            if not self.up(circuit):
                continue
            prefix = circuit.prefix
            result[prefix] = min(result.get(prefix, circuit.metric), circuit.metric)
        return result

    def connected(self, name):
        """Prefixes of a router's up interfaces (its connected routes)."""
        device = self.topology.devices[name]
        return {i.ip.network for i in device.interfaces if i.ip is not None and self.topology.oper_up(i)}
