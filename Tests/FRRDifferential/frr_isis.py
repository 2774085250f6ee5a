"""FRR's isisd in the lab: its configuration, and reading back its adjacencies, link-state
database, route levels and circuits. FRR 8.4 has no usable JSON for IS-IS, so its text output is
read; the unit tests pin the layouts."""

import re

import isis_model

TAG = "lab"
IS_TYPES = {frozenset({1}): "level-1", frozenset({2}): "level-2-only", frozenset({1, 2}): "level-1-2"}
LEVEL_NAMES = {frozenset({1}): "L1", frozenset({2}): "L2", frozenset({1, 2}): "L1L2"}

# Timers for the lab. They change how fast FRR converges, never the tables it converges to;
# unlike OSPF, IS-IS forms adjacencies whatever the neighbors' hello and hold times are.
HELLO = 1
HELLO_MULTIPLIER = 4
CSNP_INTERVAL = 1
PSNP_INTERVAL = 1


def config(model, node):
    """isisd's configuration for one router: the instance first (`lsp-gen-interval` before
    `is-type`, or FRR waits 30 s before its first LSP rebuild), then every circuit with each
    setting explicit, never left to FRR's defaults."""
    device = node.device
    router = model.routers[device.name]
    lines = [f"hostname {device.name}", "!",
             f"router isis {TAG}",
             f" net {router.net}",
             " lsp-gen-interval 1",
             f" is-type {IS_TYPES[router.levels]}",
             f" metric-style {router.metric_style}",
             " spf-interval 1"]
    if router.overload:
        lines.append(" set-overload-bit")
    lines += ["exit", "!"]
    written = set()
    for ifname, circuit in model.interfaces[device.name].items():
        linux = node.linux_names[ifname]
        if linux in written:
            continue  # loopbacks sharing `lo`, all with the same settings
        written.add(linux)
        lines += [f"interface {linux}",
                  f" ip router isis {TAG}",
                  # The circuit as written; FRR, like netsim, runs the levels it shares with is-type.
                  f" isis circuit-type {IS_TYPES[isis_model.LEVELS[circuit.circuit_name]]}",
                  f" isis metric {circuit.metric}"]
        if not circuit.loopback:
            if circuit.network == "point-to-point":
                lines.append(" isis network point-to-point")
            lines += [f" isis priority {circuit.priority}",
                      f" isis hello-interval {HELLO}",
                      f" isis hello-multiplier {HELLO_MULTIPLIER}",
                      f" isis csnp-interval {CSNP_INTERVAL}",
                      f" isis psnp-interval {PSNP_INTERVAL}"]
        if circuit.passive:
            lines.append(" isis passive")
        lines += ["exit", "!"]
    return "\n".join(lines) + "\n"


_NEIGHBOR_ROW = re.compile(r"^\s*(\S+)\s+(\S+)\s+([123])\s+(\S+)\s+\d+\s+\S+\s*$")


def parse_neighbors(text):
    """`show isis neighbor` as [(neighbor, interface, level mask, state)]. (FRR 8.4's JSON form
    lists only the level-2 adjacencies of a broadcast circuit, so the text is read.) The level
    is a mask: on point-to-point circuits FRR shows the neighbor's circuit type (3 for L1L2)
    rather than the levels the adjacency serves."""
    return [(row.group(1), row.group(2), int(row.group(3)), row.group(4))
            for row in map(_NEIGHBOR_ROW.match, text.splitlines()) if row]


def adjacency_problems(model, node, neighbors, expected):
    """What keeps one router's IS-IS from being ready: expected adjacencies (per interface and
    level) not Up yet, or adjacencies in another state. `neighbors` as `parse_neighbors` gives."""
    names = {r.system_id: name for name, r in model.routers.items()}
    seen = {}
    problems = []
    for neighbor, linux, mask, state in neighbors:
        neighbor = names.get(neighbor, neighbor)
        ifname = node.netsim_names.get(linux, linux)
        for level in (1, 2):
            if mask & level:
                seen.setdefault((ifname, level), {})[neighbor] = state
        if state != "Up":
            problems.append(f"adjacency (level mask {mask}) with {neighbor} on {ifname} is {state}")
    for ifname, levels in sorted(expected.items()):
        for level, peers in sorted(levels.items()):
            for peer in sorted(peers):
                if peer not in seen.get((ifname, level), {}):
                    problems.append(f"no L{level} adjacency with {peer} on {ifname} yet")
    return problems


_DATABASE_HEADER = re.compile(r"IS-IS Level-([12]) link-state database:")
_LSP_ROW = re.compile(r"^(\S+)\s+(\*\s+)?(\d+)\s+0x([0-9a-fA-F]{8})\s+0x([0-9a-fA-F]{4})\s+(\d+)\s+(\d)/(\d)/(\d)\s*$")


def _by_level(text, header):
    """(level, line) for every line below a per-level section header of FRR's text output."""
    level = None
    for line in text.splitlines():
        found = header.search(line)
        if found:
            level = int(found.group(1))
        elif level is not None:
            yield level, line


def parse_database(text):
    """`show isis database` as {(level, LSP ID): (sequence number, checksum, ATT bit)}; the
    LSP ID as FRR shows it (hostname or system ID, pseudonode and fragment)."""
    result = {}
    for level, line in _by_level(text, _DATABASE_HEADER):
        row = _LSP_ROW.match(line)
        if row:
            result[(level, row.group(1))] = (int(row.group(4), 16), int(row.group(5), 16), int(row.group(7)))
    return result


_ROUTE_HEADER = re.compile(r"IS-IS L([12]) IPv4 routing table:")


def parse_route_levels(text):
    """`show isis route` as {prefix: level of the route isisd installs}: level 1 wins when
    both levels have the prefix (FRR merges its tables that way, as ISO 10589 prefers L1)."""
    levels = {}
    for level, line in _by_level(text, _ROUTE_HEADER):
        fields = line.split()
        if fields and "/" in fields[0]:
            levels.setdefault(fields[0], set()).add(level)
    return {prefix: f"level-{min(found)}" for prefix, found in levels.items()}


_INTERFACE_HEADER = re.compile(r"^\s*Interface: (\S+), State: (\S+), (\S+),")
_INTERFACE_TYPE = re.compile(r"^\s*Type: (\S+), Level: ([A-Z0-9]+)")
_LEVEL_INFO = re.compile(r"^\s*Level-([12]) Information:")
_METRIC = re.compile(r"Metric: (\d+)")
_PRIORITY = re.compile(r"Priority: (\d+)")


def parse_interfaces(text):
    """`show isis interface detail` as {interface: {state, passive, type, levels, metric: {level:
    metric}, priority: {level: priority}}}."""
    result, current, level = {}, None, None
    for line in text.splitlines():
        header = _INTERFACE_HEADER.match(line)
        if header:
            current = result[header.group(1)] = {"state": header.group(2), "passive": header.group(3) == "Passive",
                                                 "type": None, "levels": None, "metric": {}, "priority": {}}
            level = None
            continue
        if current is None:
            continue
        kind = _INTERFACE_TYPE.match(line)
        if kind:
            current["type"], current["levels"] = kind.group(1), kind.group(2)
            continue
        info = _LEVEL_INFO.match(line)
        if info:
            level = int(info.group(1))
            continue
        if level is not None:
            metric = _METRIC.search(line)
            if metric and level not in current["metric"]:
                current["metric"][level] = int(metric.group(1))
            priority = _PRIORITY.search(line)
            if priority:
                current["priority"][level] = int(priority.group(1))
    return result


def interface_problems(model, topology, node, interfaces):
    """Differences between the circuits FRR runs and the ones the topology asks for, so a
    configuration the harness got wrong cannot pass as agreement."""
    problems = []
    for ifname, circuit in model.interfaces[node.device.name].items():
        if not topology.oper_up(circuit.interface):
            continue
        info = interfaces.get(node.linux_names[ifname])
        if info is None:
            problems.append(f"{node.device.name} {ifname}: FRR runs no IS-IS circuit there")
            continue
        levels = circuit.levels
        wanted = {"passive": circuit.passive,
                  "type": "loopback" if node.linux_names[ifname] == "lo" else
                  "p2p" if circuit.network == "point-to-point" else "lan",
                  "levels": LEVEL_NAMES.get(levels, "none"),
                  "metric": {level: circuit.metric for level in sorted(levels)}}
        actual = {"passive": info["passive"], "type": info["type"], "levels": info["levels"],
                  "metric": {level: info["metric"].get(level) for level in sorted(levels)}}
        if circuit.network == "broadcast" and not circuit.loopback and not circuit.passive:
            wanted["priority"] = {level: circuit.priority for level in sorted(levels)}
            actual["priority"] = {level: info["priority"].get(level) for level in sorted(levels)}
        if wanted != actual:
            problems.append(f"{node.device.name} {ifname}: wanted {wanted}, FRR has {actual}")
    return problems
