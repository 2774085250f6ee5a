"""netsim topology files as the harness needs them: devices, interfaces and links, the layer-2
segments they form, and each router's effective OSPF configuration under netsim's semantics.

The semantics mirrored here (they must match netsim's SimulationBuilder):
- A router runs OSPF when it has a router-level `ospf` block or any interface `ospf` block
  (`ospf: false` keeps an interface out and does not count). Then every interface with an
  address but no `ospf` block is passive, in area 0, cost 1.
- Interface defaults: area 0, cost 10, priority 1, not passive, hello 10, dead 4 * hello.
  Network type: point-to-point when the interface's link has exactly two endpoints and neither
  is a switch, otherwise broadcast.
- Router ID: `router_id`, else the highest loopback address, else the highest interface address.
- Loopbacks run OSPF passive, announced as a host route to their address with cost 0.
- `redistribute: [connected]` or `[{source: static, metric: 50, metric_type: 1}]`; defaults
  metric 20, type 2.
- An interface is operationally up when it is not shut down, is on a link, and on a
  two-endpoint link the other end is not shut down either (Simulation.computeOperUp).
  Loopbacks (`lo`, `lo<digits>`) are never on a link and are up unless shut down.

IS-IS (isis_model.py holds the rules: adjacencies per level, which prefixes each router
advertises, FRR's L1-into-L2 shortfall): a router runs IS-IS when it has a router-level `isis`
block, whose `net` is required.

BGP (bgp_model.py holds the rules: effective settings, policies, which sessions come up): a
router runs BGP when it has a `bgp` block.
"""

import ipaddress
import re

import yamlsubset


class TopologyError(Exception):
    pass


LOOPBACK_NAME = re.compile(r"^lo[0-9]*$")


def is_loopback_name(name):
    """netsim's loopback rule: an interface named `lo` or `lo` followed by digits."""
    return bool(LOOPBACK_NAME.match(name))


class UnsupportedTopology(TopologyError):
    """The file uses something the harness does not model (MPLS, VRFs, trunks to routers...):
    the topology is skipped, not failed."""


DEFAULT_COST = 10
DEFAULT_HELLO = 10
DEFAULT_PRIORITY = 1
PASSIVE_STUB_COST = 1
DEFAULT_REDISTRIBUTE_METRIC = 20
DEFAULT_REDISTRIBUTE_TYPE = 2


def area_id(value, where):
    """An area as dotted quad: 0 -> 0.0.0.0, 1 -> 0.0.0.1, '0.0.0.1' unchanged."""
    if isinstance(value, bool):
        raise TopologyError(f"{where}: area {value!r} is not an area ID")
    if isinstance(value, int):
        if not 0 <= value < 2 ** 32:
            raise TopologyError(f"{where}: area {value} out of range")
        return str(ipaddress.IPv4Address(value))
    if isinstance(value, str):
        if value.isdigit():
            return area_id(int(value), where)
        try:
            return str(ipaddress.IPv4Address(value))
        except ValueError:
            pass
    raise TopologyError(f"{where}: area {value!r} is neither a number nor a dotted quad")


def protocol_block(spec, key, where):
    """(settings or None, excluded) of an interface's `ospf`/`isis` key: `false` keeps the
    interface out of the protocol, `true` is an empty block."""
    block = spec.get(key)
    if isinstance(block, bool):
        return ({} if block else None), block is False
    if block is not None and not isinstance(block, dict):
        raise TopologyError(f"{where}: interface {key} must be a mapping")
    return block, False


class Interface:
    def __init__(self, device, spec, where):
        if not isinstance(spec, dict) or "name" not in spec:
            raise TopologyError(f"{where}: an interface needs a name")
        self.device = device
        self.name = str(spec["name"])
        self.ip = ipaddress.IPv4Interface(spec["ip"]) if spec.get("ip") else None
        self.gateway = spec.get("gateway")
        self.vlan = spec.get("vlan")
        self.trunk = spec.get("trunk")
        self.shutdown = bool(spec.get("shutdown", False))
        self.loopback = is_loopback_name(self.name)
        self.isis, self.isis_excluded = protocol_block(spec, "isis", where)
        self.ospf, self.ospf_excluded = protocol_block(spec, "ospf", where)
        self.link = None  # set by Topology

    @property
    def key(self):
        return (self.device.name, self.name)

    def __repr__(self):
        return f"{self.device.name}:{self.name}"


class Device:
    def __init__(self, spec, where):
        if not isinstance(spec, dict) or "name" not in spec or "type" not in spec:
            raise TopologyError(f"{where}: a device needs a name and a type")
        self.name = str(spec["name"])
        self.type = spec["type"]
        if self.type not in ("router", "host", "switch"):
            raise TopologyError(f"{where}: device type {self.type!r} is not router, host or switch")
        self.router_id = spec.get("router_id")
        self.interfaces = [Interface(self, i, f"{where}.interfaces[{n}]")
                           for n, i in enumerate(spec.get("interfaces") or [])]
        self.routes = list(spec.get("routes") or [])
        self.ospf_block = spec.get("ospf")
        self.isis_block = spec.get("isis")
        if self.isis_block is not None and not isinstance(self.isis_block, dict):
            raise TopologyError(f"{where}: isis must be a mapping")
        self.bgp_block = spec.get("bgp")
        self.policies_block = spec.get("policies")
        self.unsupported = sorted(k for k in spec if k in (
            "mpls", "ldp", "bfd", "sr", "rsvp", "gre", "vrf", "vrfs", "evpn", "vxlan"))

    def interface(self, name):
        for interface in self.interfaces:
            if interface.name == name:
                return interface
        return None

    @property
    def runs_ospf(self):
        return self.type == "router" and (
            self.ospf_block is not None or any(i.ospf is not None for i in self.interfaces))

    @property
    def runs_isis(self):
        return self.type == "router" and self.isis_block is not None

    @property
    def runs_bgp(self):
        return self.type == "router" and self.bgp_block is not None

    @property
    def effective_router_id(self):
        if self.router_id:
            return str(self.router_id)
        # FRR's zebra (and netsim): the highest loopback address, else the highest address.
        addresses = ([i.ip.ip for i in self.interfaces if i.ip is not None and i.loopback]
                     or [i.ip.ip for i in self.interfaces if i.ip is not None])
        if not addresses:
            raise TopologyError(f"{self.name}: no router_id and no interface address to take one from")
        return str(max(addresses))


class Link:
    def __init__(self, index, endpoints, mtu):
        self.index = index
        self.endpoints = endpoints  # [Interface]
        self.mtu = mtu

    @property
    def has_switch(self):
        return any(e.device.type == "switch" for e in self.endpoints)

    @property
    def is_direct_pair(self):
        """Two endpoints, neither a switch: a veth pair, and OSPF's default is point-to-point."""
        return len(self.endpoints) == 2 and not self.has_switch


class OSPFInterface:
    """The effective OSPF settings of one interface."""

    def __init__(self, interface, area, cost, network, priority, passive, hello, dead):
        self.interface = interface
        self.area = area
        self.cost = cost
        self.network = network
        self.priority = priority
        self.passive = passive
        self.hello = hello
        self.dead = dead


class Segment:
    """A layer-2 broadcast domain: a Linux bridge holding the router and host interfaces."""

    def __init__(self, index):
        self.index = index
        self.members = []  # [Interface] of routers and hosts

    @property
    def bridge(self):
        return f"br{self.index}"


class Topology:
    def __init__(self, path):
        self.path = path
        with open(path, encoding="utf-8") as handle:
            self.text = handle.read()
        try:
            data = yamlsubset.loads(self.text)
        except yamlsubset.YAMLError as error:
            raise TopologyError(f"{path}: {error}") from None
        if not isinstance(data, dict):
            raise TopologyError(f"{path}: the document is not a mapping")
        self.name = str(data.get("name", path))
        self.data = data
        self.devices = {}
        for n, spec in enumerate(data.get("devices") or []):
            device = Device(spec, f"devices[{n}]")
            if device.name in self.devices:
                raise TopologyError(f"duplicate device {device.name}")
            self.devices[device.name] = device
        self.links = []
        for n, spec in enumerate(data.get("links") or []):
            endpoints = []
            for text in spec.get("endpoints") or []:
                device_name, _, interface_name = str(text).partition(":")
                device = self.devices.get(device_name)
                interface = device.interface(interface_name) if device else None
                if interface is None:
                    raise TopologyError(f"links[{n}]: unknown endpoint {text}")
                endpoints.append(interface)
            link = Link(n, endpoints, int(spec.get("mtu") or 1500))
            for interface in endpoints:
                if interface.loopback:
                    raise TopologyError(f"links[{n}]: {interface!r} is a loopback and cannot be on a link")
                interface.link = link
            self.links.append(link)
        for device in self.devices.values():
            if device.unsupported:
                raise UnsupportedTopology(f"{device.name} uses {', '.join(device.unsupported)}, "
                                          "which the harness does not model")
        self._build_segments()

    # -- queries ---------------------------------------------------------------------------

    @property
    def routers(self):
        return [d for d in self.devices.values() if d.type == "router"]

    @property
    def ospf_routers(self):
        return [d for d in self.routers if d.runs_ospf]

    @property
    def isis_routers(self):
        return [d for d in self.routers if d.runs_isis]

    @property
    def bgp_routers(self):
        return [d for d in self.routers if d.runs_bgp]

    def oper_up(self, interface):
        if interface.loopback:
            return not interface.shutdown
        if interface.shutdown or interface.link is None:
            return False
        link = interface.link
        if len(link.endpoints) != 2:
            return True
        return all(not e.shutdown for e in link.endpoints)

    def default_network(self, interface):
        link = interface.link
        return "point-to-point" if link is not None and link.is_direct_pair else "broadcast"

    def ospf_interfaces(self, device):
        """{interface name: OSPFInterface} for a router that runs OSPF (else {})."""
        if not device.runs_ospf:
            return {}
        result = {}
        for interface in device.interfaces:
            if interface.ip is None or interface.ospf_excluded:
                continue
            where = f"{device.name}:{interface.name}"
            spec = interface.ospf
            if spec is None:
                result[interface.name] = OSPFInterface(
                    interface, "0.0.0.0", PASSIVE_STUB_COST, self.default_network(interface),
                    DEFAULT_PRIORITY, True, DEFAULT_HELLO, 4 * DEFAULT_HELLO)
                continue
            hello = int(spec.get("hello", DEFAULT_HELLO))
            network = spec.get("network", self.default_network(interface))
            if network not in ("point-to-point", "broadcast"):
                raise TopologyError(f"{where}: network {network!r} is not point-to-point or broadcast")
            result[interface.name] = OSPFInterface(
                interface, area_id(spec.get("area", 0), where), int(spec.get("cost", DEFAULT_COST)), network,
                int(spec.get("priority", DEFAULT_PRIORITY)), bool(spec.get("passive", False)), hello,
                int(spec.get("dead", 4 * hello)))
        return result

    def redistribution(self, device):
        """[(source, metric, metric_type)] of a router's `ospf.redistribute`."""
        block = device.ospf_block or {}
        if not isinstance(block, dict):
            raise TopologyError(f"{device.name}: ospf must be a mapping")
        result = []
        for entry in block.get("redistribute") or []:
            if isinstance(entry, str):
                entry = {"source": entry}
            source = entry.get("source")
            if source not in ("connected", "static"):
                raise TopologyError(f"{device.name}: cannot redistribute {source!r}")
            metric_type = int(entry.get("metric_type", DEFAULT_REDISTRIBUTE_TYPE))
            if metric_type not in (1, 2):
                raise TopologyError(f"{device.name}: metric_type must be 1 or 2")
            result.append((source, int(entry.get("metric", DEFAULT_REDISTRIBUTE_METRIC)), metric_type))
        return result

    def l2_peers(self, interface):
        """The other router and host interfaces in the same broadcast domain."""
        link = interface.link
        if link is None:
            return []
        if link.is_direct_pair:
            return [e for e in link.endpoints if e is not interface]
        segment = self.segment_of.get(interface.key)
        return [m for m in segment.members if m is not interface] if segment else []

    def expected_adjacencies(self):
        """{router name: {interface name: set of neighbor router IDs}} that OSPF should form:
        both ends up, OSPF-enabled, not passive, same area, network type, subnet and timers."""
        ospf = {d.name: self.ospf_interfaces(d) for d in self.ospf_routers}
        result = {name: {} for name in ospf}
        for name, interfaces in ospf.items():
            for ifname, mine in interfaces.items():
                if mine.passive or not self.oper_up(mine.interface):
                    continue
                peers = set()
                for peer in self.l2_peers(mine.interface):
                    theirs = ospf.get(peer.device.name, {}).get(peer.name)
                    if theirs is None or theirs.passive or not self.oper_up(peer):
                        continue
                    if (theirs.area, theirs.network, theirs.hello, theirs.dead) != \
                            (mine.area, mine.network, mine.hello, mine.dead):
                        continue
                    if peer.ip.network != mine.interface.ip.network:
                        continue
                    peers.add(peer.device.effective_router_id)
                if peers:
                    result[name][ifname] = peers
        return result

    def uniform_timers(self, interface):
        """True when every OSPF interface in this interface's broadcast domain uses the same
        hello and dead intervals, so the harness may shorten them without changing who forms
        adjacencies."""
        mine = self.ospf_interfaces(interface.device).get(interface.name)
        if mine is None:
            return True
        for peer in self.l2_peers(interface):
            theirs = self.ospf_interfaces(peer.device).get(peer.name) if peer.device.type == "router" else None
            if theirs is not None and (theirs.hello, theirs.dead) != (mine.hello, mine.dead):
                return False
        return True

    # -- layer 2 ---------------------------------------------------------------------------

    def _build_segments(self):
        """Groups links that run through switches (or have 3+ endpoints) into bridges."""
        parent = {}

        def find(node):
            parent.setdefault(node, node)
            while parent[node] != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        def union(a, b):
            parent[find(a)] = find(b)

        for link in self.links:
            if link.is_direct_pair:
                continue
            node = ("link", link.index)
            find(node)
            trunks = [e for e in link.endpoints if e.device.type == "switch" and e.trunk]
            if trunks:
                if len(trunks) != len(link.endpoints):
                    raise UnsupportedTopology(f"links[{link.index}]: the harness only models trunk ports "
                                              "cabled to other trunk ports")
                common = set(trunks[0].trunk)
                for trunk in trunks[1:]:
                    common &= set(trunk.trunk)
                for vlan in common:
                    for trunk in trunks:
                        if not trunk.shutdown:
                            union(("vlan", trunks[0].device.name, vlan), ("vlan", trunk.device.name, vlan))
                continue
            for endpoint in link.endpoints:
                if endpoint.device.type == "switch" and not endpoint.shutdown:
                    union(node, ("vlan", endpoint.device.name, endpoint.vlan or 1))

        self.segments = []
        self.segment_of = {}
        by_root = {}
        for link in self.links:
            if link.is_direct_pair:
                continue
            root = find(("link", link.index))
            for endpoint in link.endpoints:
                if endpoint.device.type == "switch":
                    continue
                segment = by_root.get(root)
                if segment is None:
                    segment = by_root[root] = Segment(len(self.segments))
                    self.segments.append(segment)
                segment.members.append(endpoint)
                self.segment_of[endpoint.key] = segment

    def switch_port_up(self, interface):
        """For a router or host on a switched two-endpoint link: is the switch's port up?"""
        link = interface.link
        return all(not e.shutdown for e in link.endpoints if e.device.type == "switch")


def load(path):
    return Topology(path)
