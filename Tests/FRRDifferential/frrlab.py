"""An FRR lab built from a netsim topology: one network namespace per router and host, veth
pairs for two-endpoint links, Linux bridges (in a namespace of their own) for shared segments
and switches, and zebra/ospfd/isisd/bgpd/staticd per router, each with its own vty socket
directory.

Everything the lab creates is named with PREFIX, so a later run can find and remove what an
aborted run left behind (`cleanup_leftovers`).
"""

import concurrent.futures
import grp
import ipaddress
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import time

import bgp_model
import compare
import frr_bgp
import frr_isis
import isis_model
from topology import UnsupportedTopology

PREFIX = "frrdiff-"
L2_NAMESPACE = PREFIX + "l2"
RUN_ROOT = "/run/frrdiff"
FRR_DIR = os.environ.get("FRR_DAEMON_DIR", "/usr/lib/frr")
VTYSH = os.environ.get("VTYSH", "vtysh")
IP = "ip"

# Timers for the lab. They change how fast FRR converges, never the tables it converges to.
LAB_HELLO = 1
LAB_DEAD = 4
LAB_RETRANSMIT = 1  # a lost first DBD otherwise leaves a neighbor in ExStart for 5 s


class LabError(Exception):
    pass


def run(args, check=True, input_text=None, timeout=60):
    result = subprocess.run(args, input=input_text, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise LabError(f"command failed ({result.returncode}): {' '.join(args)}\n{result.stderr.strip()}")
    return result


def ip_batch(commands, namespace=None, force=False):
    """Runs `ip` commands in one process (`ip -batch -`), optionally inside a namespace."""
    if not commands:
        return
    args = [IP]
    if namespace:
        args += ["-n", namespace]
    if force:
        args.append("-force")
    args += ["-batch", "-"]
    result = run(args, check=False, input_text="\n".join(commands) + "\n")
    if result.returncode != 0 and not force:
        raise LabError(f"ip -batch failed in {namespace or 'the root namespace'}:\n{result.stderr.strip()}\n"
                       "commands:\n  " + "\n  ".join(commands))


def our_namespaces():
    result = run([IP, "netns", "list"], check=False)
    names = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    return [name for name in names if name.startswith(PREFIX)]


def _kill_pids(pids, grace=3.0):
    """SIGTERM the given processes, then SIGKILL those still alive after `grace` seconds."""
    alive = []
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
            alive.append(pid)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = [pid for pid in alive if _alive(pid)]
    for pid in alive:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ")[-1][:1] != "Z"
    except OSError:
        return False


def cleanup_leftovers(log=print):
    """Removes namespaces (and the processes inside them) left by an earlier, aborted run."""
    namespaces = our_namespaces()
    pids = []
    for namespace in namespaces:
        result = run([IP, "netns", "pids", namespace], check=False)
        pids += [int(p) for p in result.stdout.split() if p.isdigit()]
    if namespaces:
        log(f"removing leftovers of an earlier run: {len(namespaces)} namespaces, {len(pids)} processes")
    _kill_pids(pids)
    for namespace in namespaces:
        run([IP, "netns", "del", namespace], check=False)
    if os.path.isdir(RUN_ROOT):
        shutil.rmtree(RUN_ROOT, ignore_errors=True)


_LINUX_NAME = re.compile(r"^[A-Za-z0-9_.\-]{1,15}$")


def _parse_json_stream(text):
    """The JSON documents vtysh printed one after another (one per -c command)."""
    decoder = json.JSONDecoder()
    documents, index = [], 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index >= len(text):
            return documents
        try:
            value, index = decoder.raw_decode(text, index)
        except json.JSONDecodeError:
            # Not JSON (an error message): keep it as text up to the next line.
            end = text.find("\n", index)
            end = len(text) if end < 0 else end
            value, index = text[index:end], end
        documents.append(value)


OSPF_PATH_TYPES = {"N": "intra-area", "N IA": "inter-area", "N E1": "external-1", "N E2": "external-2"}


class Router:
    """One router's namespace, run directory, daemons and interface-name mapping."""

    def __init__(self, lab, device, index):
        self.lab = lab
        self.device = device
        safe = re.sub(r"[^A-Za-z0-9_.\-]", "_", device.name)
        self.namespace = f"{PREFIX}{index}-{safe}"[:200]
        self.run_dir = os.path.join(RUN_ROOT, f"{index}-{safe}")
        self.processes = {}
        self.linux_names = {}
        # Loopbacks go onto the namespace's own `lo`, which FRR treats as a loopback (OSPF's
        # cost-0 host routes), except where IS-IS settings differ between a router's
        # loopbacks: one IS-IS circuit cannot carry two metrics, so those get a veth each.
        loopbacks = [i for i in device.interfaces if i.loopback]
        settings = {(repr(i.isis), i.isis_excluded) for i in loopbacks}
        self.on_lo = [i for i in loopbacks if len(settings) == 1 or not device.runs_isis or i.name == "lo"]
        for n, interface in enumerate(device.interfaces):
            name = interface.name
            if interface in self.on_lo:
                name = "lo"
            elif not _LINUX_NAME.match(name) or name in (".", "..", "lo") or name in self.linux_names.values():
                name = f"if{n}"
            self.linux_names[interface.name] = name
        self.netsim_names = {v: k for k, v in self.linux_names.items() if v != "lo"}
        if self.on_lo:
            self.netsim_names["lo"] = "lo" if device.interface("lo") in self.on_lo else self.on_lo[0].name

    def netsim_name(self, linux, prefix=None):
        """The netsim interface of a Linux one; for `lo`, the loopback that holds `prefix`."""
        if linux == "lo" and prefix is not None:
            network = ipaddress.IPv4Network(prefix)
            for interface in self.on_lo:
                if interface.ip is not None and network.subnet_of(interface.ip.network):
                    return interface.name
        return self.netsim_names.get(linux, linux)

    def vtysh(self, *commands, timeout=20):
        args = [VTYSH, "--vty_socket", self.run_dir]
        for command in commands:
            args += ["-c", command]
        return run(args, check=False, timeout=timeout).stdout


class Lab:
    def __init__(self, topology, log=print, keep=False, verbose=False):
        self.topology = topology
        self.verbose = verbose
        self.log = log
        self.keep = keep
        self.nodes = {}
        index = 0
        for device in topology.devices.values():
            if device.type == "switch":
                continue
            self.nodes[device.name] = Router(self, device, index)
            index += 1
        self.ospf_interfaces = {d.name: topology.ospf_interfaces(d) for d in topology.ospf_routers}
        self.isis = isis_model.ISISModel(topology)
        self.bgp = bgp_model.BGPModel(topology)
        self.bgp_tables = {}
        if self.isis.unmodelled():
            raise UnsupportedTopology("; ".join(self.isis.unmodelled()) + ", which the harness does not model "
                                      "(FRR 8.4 has no level-2 to level-1 route leaking)")
        self.started = False

    # -- building --------------------------------------------------------------------------

    def build(self):
        self._check_tools()
        os.makedirs(RUN_ROOT, exist_ok=True)
        namespaces = [node.namespace for node in self.nodes.values()] + [L2_NAMESPACE]
        ip_batch([f"netns add {ns}" for ns in namespaces])
        self.started = True
        root, l2, per_node = [], [f"link set lo up"], {name: ["link set lo up"] for name in self.nodes}
        segments_seen = set()
        peer_count = 0

        def l2_port():
            nonlocal peer_count
            peer_count += 1
            return f"p{peer_count}"

        for link in self.topology.links:
            mtu = link.mtu
            if link.is_direct_pair:
                a, b = link.endpoints
                na, nb = self.nodes[a.device.name], self.nodes[b.device.name]
                root.append(f"link add {na.linux_names[a.name]} mtu {mtu} netns {na.namespace} type veth "
                            f"peer name {nb.linux_names[b.name]} mtu {mtu} netns {nb.namespace}")
                continue
            for endpoint in link.endpoints:
                if endpoint.device.type == "switch":
                    continue
                node = self.nodes[endpoint.device.name]
                segment = self.topology.segment_of[endpoint.key]
                if segment.index not in segments_seen:
                    segments_seen.add(segment.index)
                    l2 += [f"link add {segment.bridge} type bridge stp_state 0 mcast_snooping 0",
                           f"link set {segment.bridge} mtu {mtu} up"]
                port = l2_port()
                root.append(f"link add {node.linux_names[endpoint.name]} mtu {mtu} netns {node.namespace} type veth "
                            f"peer name {port} mtu {mtu} netns {L2_NAMESPACE}")
                l2.append(f"link set {port} master {segment.bridge}")
                # On a two-endpoint link through a switch, the router sees carrier only while
                # the switch port is up (netsim's computeOperUp).
                if len(link.endpoints) != 2 or self.topology.switch_port_up(endpoint):
                    l2.append(f"link set {port} up")
        # Interfaces on no link: a veth whose peer stays down, so the interface has no carrier
        # and no connected route, as in netsim. Loopbacks: `lo` is the namespace's own; any
        # other is a veth whose peer is up but on no bridge (the kernel may lack dummy
        # interfaces), so it has carrier and its prefix but never a neighbor.
        for name, node in self.nodes.items():
            for interface in node.device.interfaces:
                if interface.link is not None or node.linux_names[interface.name] == "lo":
                    continue
                port = l2_port()
                root.append(f"link add {node.linux_names[interface.name]} netns {node.namespace} type veth "
                            f"peer name {port} netns {L2_NAMESPACE}")
                if interface.loopback:
                    l2.append(f"link set {port} up")
        ip_batch(root)
        ip_batch(l2, namespace=L2_NAMESPACE)
        for name, node in self.nodes.items():
            commands = per_node[name]
            for interface in node.device.interfaces:
                linux = node.linux_names[interface.name]
                if linux == "lo":
                    # A shut-down loopback on the shared `lo` is one whose address is absent.
                    if interface.ip is not None and not interface.shutdown:
                        commands.append(f"addr add {interface.ip.with_prefixlen} dev lo")
                    continue
                if interface.ip is not None:
                    commands.append(f"addr add {interface.ip.with_prefixlen} dev {linux}")
                if not interface.shutdown:
                    commands.append(f"link set {linux} up")
            if node.device.type == "host":
                for interface in node.device.interfaces:
                    if interface.gateway:
                        commands.append(f"route add default via {interface.gateway}")
                for route in node.device.routes:
                    commands.append(self._kernel_route(node, route))
            # Hosts' routes may point at interfaces that are down; those are simply not added.
            ip_batch(commands, namespace=node.namespace, force=node.device.type == "host")
        for node in self.nodes.values():
            if node.device.type == "router":
                run([IP, "netns", "exec", node.namespace, "sysctl", "-qw", "net.ipv4.ip_forward=1"], check=False)

    def _kernel_route(self, node, route):
        text = f"route add {route['prefix']}"
        if route.get("via"):
            text += f" via {route['via']}"
        if route.get("interface"):
            text += f" dev {node.linux_names[route['interface']]}"
        return text

    def _check_tools(self):
        for daemon in ("zebra", "ospfd", "isisd", "bgpd", "staticd"):
            if not os.access(os.path.join(FRR_DIR, daemon), os.X_OK):
                raise LabError(f"{FRR_DIR}/{daemon} not found: install FRR (apt-get install frr)")
        if shutil.which(VTYSH) is None:
            raise LabError("vtysh not found: install FRR (apt-get install frr)")
        if os.geteuid() != 0:
            raise LabError("the FRR lab needs root (network namespaces)")

    # -- FRR configuration -----------------------------------------------------------------

    def ospfd_config(self, node):
        device = node.device
        lines = [f"hostname {device.name}", "!"]
        for ifname, ospf in self.ospf_interfaces[device.name].items():
            if ospf.interface.loopback:
                # State Loopback whatever the settings: only the area matters, per address on
                # the shared `lo`.
                lines += [f"interface {node.linux_names[ifname]}",
                          f" ip ospf area {ospf.area} {ospf.interface.ip.ip}", "exit", "!"]
                continue
            hello, dead = (LAB_HELLO, LAB_DEAD) if self.topology.uniform_timers(ospf.interface) \
                else (ospf.hello, ospf.dead)
            lines += [f"interface {node.linux_names[ifname]}",
                      f" ip ospf area {ospf.area}",
                      f" ip ospf network {ospf.network}",
                      # Always explicit: FRR's own default derives the cost from the interface
                      # bandwidth, and a veth claims 10 Gbit/s (cost 1).
                      f" ip ospf cost {ospf.cost}",
                      f" ip ospf priority {ospf.priority}",
                      f" ip ospf hello-interval {hello}",
                      f" ip ospf dead-interval {dead}",
                      f" ip ospf retransmit-interval {LAB_RETRANSMIT}"]
            if ospf.passive:
                lines.append(" ip ospf passive")
            lines.append("exit")
            lines.append("!")
        lines += ["router ospf",
                  f" ospf router-id {device.effective_router_id}",
                  " timers throttle lsa all 0",
                  " timers throttle spf 0 50 200",
                  " timers lsa min-arrival 0"]
        for source, metric, metric_type in self.topology.redistribution(device):
            lines.append(f" redistribute {source} metric {metric} metric-type {metric_type}")
        lines += ["exit", "!"]
        return "\n".join(lines) + "\n"

    def staticd_config(self, node):
        lines = [f"hostname {node.device.name}", "!"]
        for route in node.device.routes:
            parts = ["ip route", str(route["prefix"])]
            if route.get("via"):
                parts.append(str(route["via"]))
            if route.get("interface"):
                parts.append(node.linux_names[route["interface"]])
            if route.get("distance") is not None:
                parts.append(str(route["distance"]))
            lines.append(" ".join(parts))
        return "\n".join(lines) + "\n"

    def daemons_for(self, node):
        daemons = ["zebra"]
        if node.device.runs_ospf:
            daemons.append("ospfd")
        if node.device.runs_isis:
            daemons.append("isisd")
        if node.device.runs_bgp:
            daemons.append("bgpd")
        if node.device.routes:
            daemons.append("staticd")
        return daemons

    # -- daemons ---------------------------------------------------------------------------

    def start(self):
        frr_uid = pwd.getpwnam("frr").pw_uid
        frr_gid = grp.getgrnam("frr").gr_gid
        routers = [n for n in self.nodes.values() if n.device.type == "router"]
        for node in routers:
            os.makedirs(node.run_dir, exist_ok=True)
            configs = {"zebra": f"hostname {node.device.name}\n"}
            if node.device.runs_ospf:
                configs["ospfd"] = self.ospfd_config(node)
            if node.device.runs_isis:
                configs["isisd"] = frr_isis.config(self.isis, node)
            if node.device.runs_bgp:
                configs["bgpd"] = frr_bgp.config(self.bgp, node)
            if node.device.routes:
                configs["staticd"] = self.staticd_config(node)
            for daemon, text in configs.items():
                with open(os.path.join(node.run_dir, f"{daemon}.conf"), "w") as handle:
                    handle.write(text)
            for entry in [node.run_dir] + [os.path.join(node.run_dir, f) for f in os.listdir(node.run_dir)]:
                os.chown(entry, frr_uid, frr_gid)
        for node in routers:
            self._spawn(node, "zebra")
        for node in routers:
            self._wait_for_socket(node, "zserv.api")
        for node in routers:
            for daemon in self.daemons_for(node)[1:]:
                self._spawn(node, daemon)
        for node in routers:
            for daemon in self.daemons_for(node):
                self._wait_for_socket(node, f"{daemon}.vty")
        self.check_config_errors()

    def check_config_errors(self):
        """FRR logs a configuration line it rejects and carries on; the harness must not."""
        errors = []
        for node in self.nodes.values():
            for daemon in node.processes:
                path = os.path.join(node.run_dir, f"{daemon}.log")
                try:
                    with open(path, errors="replace") as handle:
                        errors += [f"{node.device.name} {daemon}: {line.strip()}" for line in handle
                                   if "config line" in line or "Unknown command" in line]
                except OSError:
                    pass
        if errors:
            raise LabError("FRR rejected generated configuration:\n" + "\n".join(errors))

    def _spawn(self, node, daemon):
        directory = node.run_dir
        args = [IP, "netns", "exec", node.namespace, os.path.join(FRR_DIR, daemon),
                "-f", os.path.join(directory, f"{daemon}.conf"),
                "-i", os.path.join(directory, f"{daemon}.pid"),
                "--vty_socket", directory,
                "-z", os.path.join(directory, "zserv.api"),
                "-A", "127.0.0.1", "-P", "0",
                "--log", f"file:{os.path.join(directory, daemon + '.log')}"]
        if daemon == "zebra":
            args += ["-s", "90000000"]
        # A daemon that inherits a pipe as stdout/stderr stalls once the pipe's reader goes
        # away, so every daemon gets /dev/null and a file.
        output = open(os.path.join(directory, f"{daemon}.out"), "w")
        node.processes[daemon] = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=output,
                                                  stderr=subprocess.STDOUT, start_new_session=True)
        output.close()

    def _wait_for_socket(self, node, name, timeout=15):
        path = os.path.join(node.run_dir, name)
        deadline = time.monotonic() + timeout
        while not os.path.exists(path):
            for daemon, process in node.processes.items():
                if process.poll() is not None:
                    raise LabError(f"{node.device.name}: {daemon} exited with status {process.returncode}; "
                                   f"see {node.run_dir}/{daemon}.out and {daemon}.log:\n"
                                   + self._tail(os.path.join(node.run_dir, f"{daemon}.out")))
            if time.monotonic() > deadline:
                raise LabError(f"{node.device.name}: {name} did not appear within {timeout} s")
            time.sleep(0.05)

    @staticmethod
    def _tail(path, lines=15):
        try:
            with open(path) as handle:
                return "".join(handle.readlines()[-lines:])
        except OSError:
            return ""

    def check_daemons(self):
        for node in self.nodes.values():
            for daemon, process in node.processes.items():
                if process.poll() is not None:
                    raise LabError(f"{node.device.name}: {daemon} died (status {process.returncode}):\n"
                                   + self._tail(os.path.join(node.run_dir, f"{daemon}.log")))

    # -- observing -------------------------------------------------------------------------

    def poll(self, node):
        """(routes, problems, databases) of one router: routes as {prefix: route}, problems as
        text, databases as the IS-IS database {(level, LSP ID): (sequence, checksum, ATT)} and
        the BGP table {prefix: [path]}."""
        commands = ["show ip route json"]
        if node.device.runs_ospf:
            commands += ["show ip ospf neighbor json", "show ip ospf interface json"]
        if node.device.runs_bgp:
            commands += ["show bgp summary json", "show bgp ipv4 unicast json"]
        documents = _parse_json_stream(node.vtysh(*commands))
        if len(documents) != len(commands) or not all(isinstance(d, dict) for d in documents):
            return None, [f"vtysh gave unexpected output: {documents!r:.300}"], None
        routes = self.normalize_routes(node, documents[0])
        problems = self.ospf_problems(node, documents[1], documents[2]) if node.device.runs_ospf else []
        database = {}
        if node.device.runs_bgp:
            problems += frr_bgp.session_problems(documents[-2], self.expected_bgp.get(node.device.name, {}))
            database["bgp"] = frr_bgp.normalize_table(documents[-1])
        if node.device.runs_isis:
            # One vtysh for both: neighbor rows and LSP rows cannot be taken for each other.
            text = node.vtysh("show isis neighbor", "show isis database")
            problems += frr_isis.adjacency_problems(self.isis, node, frr_isis.parse_neighbors(text),
                                                    self.expected_isis.get(node.device.name, {}))
            database["isis"] = frr_isis.parse_database(text)
        return routes, problems, database

    def normalize_routes(self, node, table):
        """FRR's `show ip route json` reduced to the selected connected, static, OSPF, IS-IS and BGP routes:
        {prefix: {protocol, distance, metric, nexthops: sorted [(ip or None, interface)]}}."""
        result = {}
        for prefix, entries in table.items():
            for entry in entries:
                if not entry.get("selected") or entry.get("protocol") not in compare.CODES:
                    continue
                hops = set()
                for hop in entry.get("nexthops", []):
                    if not hop.get("fib"):
                        continue  # recursive parents, inactive or not installed next hops
                    name = hop.get("interfaceName")
                    name = node.netsim_name(name, prefix)
                    address = None if entry["protocol"] == "connected" else hop.get("ip")
                    hops.add((address, name))
                result[prefix] = {"protocol": entry["protocol"], "distance": entry.get("distance"),
                                  "metric": entry.get("metric"),
                                  "nexthops": compare.sorted_hops(hops)}
        return result

    def ospf_problems(self, node, neighbors, interfaces):
        problems = []
        expected = self.expected.get(node.device.name, {})
        seen = {}
        for router_id, entries in (neighbors.get("neighbors") or {}).items():
            for entry in entries:
                state = str(entry.get("nbrState", entry.get("state", ""))).split("/")[0]
                linux = str(entry.get("ifaceName", "")).split(":")[0]
                ifname = node.netsim_names.get(linux, linux)
                seen.setdefault(ifname, {})[router_id] = state
                if state not in ("Full", "2-Way"):
                    problems.append(f"neighbor {router_id} on {ifname} is {state}")
                elif entry.get("linkStateRequestListCounter", 0):
                    problems.append(f"neighbor {router_id} on {ifname} has LS requests pending")
        for ifname, peers in expected.items():
            for router_id in sorted(peers):
                if router_id not in seen.get(ifname, {}):
                    problems.append(f"no adjacency with {router_id} on {ifname} yet")
        for linux, info in (interfaces.get("interfaces") or {}).items():
            if info.get("state") == "Waiting":
                problems.append(f"interface {node.netsim_names.get(linux, linux)} is still Waiting (DR election)")
        return problems

    def wait_converged(self, timeout=60, stable_polls=3, interval=1.0):
        """Polls every router until all tables are identical over `stable_polls` consecutive
        polls, OSPF has every expected adjacency Full (or 2-Way), IS-IS every expected adjacency
        Up at each level, every expected BGP session Established with no messages queued, and
        the IS-IS databases (LSP IDs, sequence numbers, checksums) and BGP tables are as still
        as the routing tables. Returns (tables, seconds); the BGP tables are left in
        `bgp_tables` ({router: {prefix: [path]}})."""
        self.expected = self.topology.expected_adjacencies()
        self.expected_isis = self.isis.adjacencies()
        self.expected_bgp = self.bgp.expected_sessions()
        routers = [n for n in self.nodes.values() if n.device.type == "router"]
        start = time.monotonic()
        previous, stable = None, 0
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            while True:
                tick = time.monotonic()
                self.check_daemons()
                results = dict(zip([n.device.name for n in routers], pool.map(self.poll, routers)))
                tables = {name: routes for name, (routes, _, _) in results.items()}
                problems = {name: issues for name, (_, issues, _) in results.items() if issues}
                state = (tables, {name: database for name, (_, _, database) in results.items()})
                if not problems and state == previous:
                    stable += 1
                else:
                    stable = 1 if not problems else 0
                previous = state
                if self.verbose:
                    summary = "; ".join(f"{name}: {issues[0]}" + (f" (+{len(issues) - 1})" if len(issues) > 1 else "")
                                        for name, issues in sorted(problems.items()))
                    self.log(f"t={time.monotonic() - start:5.1f}s stable={stable} {summary or 'adjacencies ready'}")
                if stable >= stable_polls:
                    self.check_config_errors()
                    self.bgp_tables = {name: databases["bgp"] for name, (_, _, databases) in results.items()
                                       if "bgp" in (databases or {})}
                    # The first of the identical polls is when FRR had converged.
                    return tables, time.monotonic() - start - (stable_polls - 1) * interval
                elapsed = time.monotonic() - start
                if elapsed > timeout:
                    detail = "\n".join(f"  {name}: " + "; ".join(issues) for name, issues in sorted(problems.items()))
                    raise LabError(f"FRR did not converge within {timeout} s"
                                   + (f"; adjacencies not ready:\n{detail}" if detail else
                                      "; routing tables kept changing"))
                time.sleep(max(0.0, interval - (time.monotonic() - tick)))

    def verify_ospf_interfaces(self):
        """Checks that FRR runs every up OSPF interface with the area, cost, network type,
        priority and passivity the topology asks for, so a configuration the harness got wrong
        cannot pass as agreement."""
        problems = []
        for node in self.nodes.values():
            if not node.device.runs_ospf:
                continue
            documents = _parse_json_stream(node.vtysh("show ip ospf interface json"))
            interfaces = (documents[0] if documents and isinstance(documents[0], dict) else {}).get("interfaces", {})
            for ifname, ospf in self.ospf_interfaces[node.device.name].items():
                if not self.topology.oper_up(ospf.interface):
                    continue
                info = interfaces.get(node.linux_names[ifname]) or {}
                if ospf.interface.loopback:
                    wanted = {"networkType": "LOOPBACK" if node.linux_names[ifname] == "lo" else "BROADCAST"}
                    actual = {"networkType": info.get("networkType")}
                else:
                    wanted = {"area": ospf.area, "cost": ospf.cost, "priority": ospf.priority,
                              "networkType": "POINTOPOINT" if ospf.network == "point-to-point" else "BROADCAST",
                              "passive": ospf.passive}
                    actual = {"area": info.get("area"), "cost": info.get("cost"), "priority": info.get("priority"),
                              "networkType": info.get("networkType"), "passive": bool(info.get("timerPassiveIface"))}
                if wanted != actual:
                    problems.append(f"{node.device.name} {ifname}: wanted {wanted}, FRR has {actual}")
        if problems:
            raise LabError("FRR's OSPF interfaces differ from the topology:\n" + "\n".join(problems))

    def verify_isis_interfaces(self):
        """Checks that FRR runs every up IS-IS circuit with the type, levels, metric, priority and
        passivity the topology asks for."""
        problems = []
        for node in self.nodes.values():
            if node.device.runs_isis:
                interfaces = frr_isis.parse_interfaces(node.vtysh("show isis interface detail"))
                problems += frr_isis.interface_problems(self.isis, self.topology, node, interfaces)
        if problems:
            raise LabError("FRR's IS-IS circuits differ from the topology:\n" + "\n".join(problems))

    def read_bgp_communities(self):
        """Adds the communities of every path to `bgp_tables` (`show bgp ipv4 unicast json` has
        none: one detail query per prefix, all of a router's in one vtysh)."""
        for node in self.nodes.values():
            table = self.bgp_tables.get(node.device.name)
            if not table:
                continue
            prefixes = sorted(table, key=compare.prefix_key)
            text = node.vtysh(*[f"show bgp ipv4 unicast {prefix} json" for prefix in prefixes],
                              timeout=20 + len(prefixes) // 10)
            frr_bgp.add_communities(table, _parse_json_stream(text))

    def verify_bgp_neighbors(self):
        """Checks that bgpd runs every neighbor with the settings the topology asks for."""
        problems = []
        for node in self.nodes.values():
            router = self.bgp.routers.get(node.device.name)
            if router is not None:
                documents = _parse_json_stream(node.vtysh("show bgp neighbors json"))
                problems += frr_bgp.neighbor_problems(self.bgp, router, documents[0] if documents else {})
        if problems:
            raise LabError("FRR's BGP neighbors differ from the topology:\n" + "\n".join(problems))

    def isis_path_types(self):
        """{router: {prefix: 'level-1' | 'level-2'}} from `show isis route`."""
        return {node.device.name: frr_isis.parse_route_levels(node.vtysh("show isis route"))
                for node in self.nodes.values() if node.device.runs_isis}

    def ospf_path_types(self):
        """{router: {prefix: path type name}} from `show ip ospf route json`."""
        result = {}
        for node in self.nodes.values():
            if not node.device.runs_ospf:
                continue
            documents = _parse_json_stream(node.vtysh("show ip ospf route json"))
            table = documents[0] if documents and isinstance(documents[0], dict) else {}
            result[node.device.name] = {prefix: OSPF_PATH_TYPES.get(str(info.get("routeType", "")).strip(),
                                                                    info.get("routeType"))
                                        for prefix, info in table.items() if "/" in prefix}
        return result

    # -- teardown --------------------------------------------------------------------------

    def stop(self):
        if not self.started:
            return
        if self.keep:
            self.log(f"--keep: leaving the lab running (namespaces {PREFIX}*, run directory {RUN_ROOT})")
            return
        processes = [p for node in self.nodes.values() for p in node.processes.values()]
        _kill_pids([p.pid for p in processes if p.poll() is None])
        for process in processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        cleanup_leftovers(log=lambda message: None)
        self.started = False
