"""Random IS-IS topologies for the differential test, reproducible from a seed
(`topogen.py --protocol isis --seed N`).

What a topology has:
- 2 or 3 areas (49.0001...). Each area has one or two level-1-2 routers and up to three
  level-1 routers, connected at level 1 (a random spanning tree plus extra edges); sometimes a
  level-2-only router of an area of its own joins the backbone.
- A level-2 backbone joining every level-1-2 and level-2 router (spanning tree plus extras),
  so each level-1-2 router reaches another area at level 2. That keeps FRR's rule for the ATT
  bit (any level-2 adjacency) and ISO 10589's (another area reachable at level 2) in
  agreement; the only difference the harness allows is FRR #6966 (l1_into_l2.py).
- Circuits: at most one between any two routers (see `connect`); mostly point-to-point cables; some LANs of 3-4 routers of one area (a Linux bridge
  in the FRR lab) with random priorities, some two-router segments through a switch, now and
  then `network: broadcast` on a cable (both ends), `circuit: l1` or `circuit: l2` on an extra
  edge between two level-1-2 routers of one area.
- Metrics 1..63 (so narrow metrics fit) or from {10, 20, 30} so equal-cost paths are common;
  a quarter of the topologies use narrow metrics everywhere.
- A loopback `lo` on every router, some with a metric; passive stub LANs with a host.

Only `Random.random()` is used, through topogen.Rng, so a seed gives the same file everywhere.
"""

import topogen


class ISISGenerator:
    def __init__(self, seed, routers=(5, 9)):
        self.seed = seed
        self.rng = topogen.Rng(seed)
        self.router_range = routers
        self.routers = {}     # name -> {"area", "level", "interfaces": []}
        self.hosts = []
        self.switches = []
        self.links = []
        self.link_count = 0
        self.stub_count = 0
        self.joined = set()   # router pairs already sharing a circuit

    # -- building blocks -------------------------------------------------------------------

    def metric(self):
        return self.rng.choice([10, 20, 30]) if self.ecmp_metrics else self.rng.int(1, 63)

    def interface(self, router, ip, isis):
        interfaces = self.routers[router]["interfaces"]
        entry = {"name": f"eth{len(interfaces)}", "ip": ip, "isis": isis}
        interfaces.append(entry)
        return f"{router}:{entry['name']}"

    def subnet(self):
        self.link_count += 1
        return f"10.{self.link_count // 250}.{self.link_count % 250}"

    def address(self, net, router):
        return f"{net}.{router[1:]}/24"

    def cable(self, a, b, **extra):
        net = self.subnet()
        if self.rng.chance(0.1):
            extra["network"] = "broadcast"
        self.links.append([self.interface(r, self.address(net, r), {"metric": self.metric(), **extra})
                           for r in (a, b)])

    def lan(self, routers):
        net = self.subnet()
        self.links.append([self.interface(r, self.address(net, r),
                                          {"metric": self.metric(), "priority": self.rng.int(0, 127)})
                           for r in routers])

    def switched_pair(self, a, b):
        net = self.subnet()
        switch = f"s{len(self.switches) + 1}"
        self.switches.append(switch)
        for router, port in ((a, "p1"), (b, "p2")):
            endpoint = self.interface(router, self.address(net, router), {"metric": self.metric()})
            self.links.append([endpoint, f"{switch}:{port}"])

    def join(self, routers):
        """Records that these routers share a circuit; False when two of them already did."""
        pairs = {frozenset((a, b)) for a in routers for b in routers if a != b}
        if pairs & self.joined:
            return False
        self.joined |= pairs
        return True

    def connect(self, a, b, pool):
        """One circuit between a and b: a cable, a switched pair or a LAN with others of `pool`.
        Never a second circuit between two routers: FRR 8.4 then picks the next hop among the
        parallel adjacencies by the order they came up, not by their metric."""
        roll = self.rng.random()
        others = [r for r in pool if r not in (a, b)]
        if roll < 0.2 and others:
            members = [a, b] + self.rng.sample(others, self.rng.int(1, min(2, len(others))))
            if self.join(members):
                self.lan(members)
                return
        if not self.join([a, b]):
            return
        if roll < 0.3:
            self.switched_pair(a, b)
        else:
            self.cable(a, b)

    def graph(self, members):
        """Edges of a random connected graph over `members`: a spanning tree plus extras."""
        members = self.rng.shuffled(members)
        tree = [(members[self.rng.int(0, i - 1)], members[i]) for i in range(1, len(members))]
        extra = []
        for _ in range(self.rng.int(0, len(members) // 2)):
            if len(members) >= 3:
                extra.append(tuple(self.rng.sample(members, 2)))
        return tree, extra

    # -- the topology ----------------------------------------------------------------------

    def generate(self):
        rng = self.rng
        self.ecmp_metrics = rng.chance(0.5)
        self.narrow = rng.chance(0.25)
        total = rng.int(*self.router_range)
        area_count = 3 if total >= 7 and rng.chance(0.5) else 2
        names = [f"r{i}" for i in range(1, total + 1)]
        order = rng.shuffled(names)
        core = [order.pop()] if total > 2 * area_count + 1 and rng.chance(0.4) else []
        areas = {area: [] for area in range(1, area_count + 1)}
        for index, name in enumerate(order):
            areas[1 + index % area_count].append(name)
        for area, members in areas.items():
            for position, name in enumerate(members):
                level = "l1l2" if position < 1 or (position == 1 and len(members) > 2 and rng.chance(0.5)) else "l1"
                self.routers[name] = {"area": area, "level": level, "interfaces": []}
        for name in core:
            self.routers[name] = {"area": area_count + 1, "level": "l2", "interfaces": []}
        # The backbone is drawn first so that no `circuit: l1` edge of an area takes the place
        # of one of its level-2 edges.
        backbone = sorted((n for n, r in self.routers.items() if r["level"] != "l1"), key=names.index)
        tree, extra = self.graph(backbone)
        backbone_edges = tree + extra
        backbone_pairs = {frozenset(edge) for edge in backbone_edges}
        for area, members in areas.items():
            tree, extra = self.graph(members)
            for a, b in tree:
                self.connect(a, b, members)
            for a, b in extra:
                both_l1l2 = all(self.routers[r]["level"] == "l1l2" for r in (a, b))
                if both_l1l2 and rng.chance(0.5):
                    if frozenset((a, b)) not in backbone_pairs and self.join([a, b]):
                        self.cable(a, b, circuit=rng.choice(["l1", "l2"]))
                else:
                    self.connect(a, b, members)
        for a, b in backbone_edges:
            # A backbone edge between two routers an area already joined is no loss: that
            # circuit runs both levels.
            switched = rng.chance(0.2)
            if not self.join([a, b]):
                continue
            if switched:
                self.switched_pair(a, b)
            else:
                self.cable(a, b)
        for name in names:
            if rng.chance(0.3):
                self.stub(name)
        return self.render()

    def stub(self, router):
        self.stub_count += 1
        net = f"192.168.{self.stub_count}"
        endpoint = self.interface(router, f"{net}.1/24", {"passive": True, "metric": self.metric()})
        host = f"h{self.stub_count}"
        self.hosts.append((host, {"name": "eth0", "ip": f"{net}.10/24", "gateway": f"{net}.1"}))
        self.links.append([endpoint, f"{host}:eth0"])

    # -- output ----------------------------------------------------------------------------

    def render(self):
        flow = topogen.flow
        out = [f"# Generated by Tests/FRRDifferential/topogen.py --protocol isis --seed {self.seed}"
               f" --routers {self.router_range[0]}-{self.router_range[1]}; do not edit.",
               f"name: random-isis-{self.seed}",
               f"description: Random IS-IS topology from seed {self.seed}"
               f" ({'narrow' if self.narrow else 'wide'} metrics drawn from"
               f" {'10/20/30' if self.ecmp_metrics else '1..63'})",
               "", "devices:"]
        for name in sorted(self.routers, key=lambda n: int(n[1:])):
            info = self.routers[name]
            number = int(name[1:])
            block = {"net": f"49.{info['area']:04d}.0000.0000.{number:04d}.00", "level": info["level"]}
            if self.narrow:
                block["metric_style"] = "narrow"
            loopback = {"name": "lo", "ip": f"192.0.2.{number}/32"}
            if self.rng.chance(0.3):
                loopback["isis"] = {"metric": self.metric()}
            out += [f"  - name: {name}", "    type: router", f"    isis: {flow(block)}", "    interfaces:"]
            out += [f"      - {flow(i)}" for i in info["interfaces"] + [loopback]]
            out.append("")
        for switch in self.switches:
            out += [f"  - name: {switch}", "    type: switch", "    interfaces:",
                    "      - { name: p1 }", "      - { name: p2 }", ""]
        for name, interface in self.hosts:
            out += [f"  - name: {name}", "    type: host", "    interfaces:", f"      - {flow(interface)}", ""]
        out.append("links:")
        out += [f"  - endpoints: [{', '.join(endpoints)}]" for endpoints in self.links]
        return "\n".join(out) + "\n"


def generate(seed, routers=(5, 9)):
    return ISISGenerator(seed, routers).generate()
