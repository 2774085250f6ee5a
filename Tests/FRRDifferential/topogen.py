#!/usr/bin/env python3
"""Random OSPF topologies for the differential test, reproducible from a seed (IS-IS ones with
`--protocol isis`: topogen_isis.py; multi-AS BGP ones with `--protocol bgp`: topogen_bgp.py).

    topogen.py --seed 7 [--protocol ospf|isis|bgp] [--routers 5-9] [--areas 1-3] [--systems 2-4]
               [-o random-7.yaml]

What a topology has:
- 1 to 3 areas. Area 0 holds at least two routers and is connected (a random spanning tree plus
  extra edges); every other area hangs off one or two ABRs taken from area 0, with its own
  connected graph of internal routers and those ABRs. No virtual links are needed.
- Links: mostly point-to-point cables; some shared segments of 3-4 routers (a Linux bridge in
  the FRR lab), some two-router segments through a switch, and now and then an explicit
  `network:` override (both ends agree).
- Costs 1..100, either uniformly random or drawn from {10, 20, 30} so that equal-cost paths
  (ECMP) are common; OSPF priorities 0..3 on shared segments (at least one router eligible).
- Stub LANs with a host behind a passive interface: implicit (no ospf block: passive, area 0,
  cost 1) on backbone routers, explicit `passive: true` in the router's own area otherwise.
- Some ASBRs: static routes to 172.16.x.0/24 through their stub host, redistributed as E1 or
  E2 with random metrics (prefixes overlap between ASBRs to exercise the tie-breaks), and
  sometimes `redistribute connected`.

Only `Random.random()` is used (its sequence is guaranteed stable across Python versions), so a
seed gives the same file everywhere.
"""

import argparse
import random
import sys


class Rng:
    def __init__(self, seed):
        self.random = random.Random(seed).random

    def int(self, low, high):
        return low + int(self.random() * (high - low + 1))

    def chance(self, p):
        return self.random() < p

    def choice(self, items):
        return items[self.int(0, len(items) - 1)]

    def shuffled(self, items):
        items = list(items)
        for i in range(len(items) - 1, 0, -1):
            j = self.int(0, i)
            items[i], items[j] = items[j], items[i]
        return items

    def sample(self, items, count):
        return self.shuffled(items)[:count]


def parse_range(text):
    low, _, high = text.partition("-")
    return int(low), int(high or low)


class Generator:
    def __init__(self, seed, routers=(5, 9), areas=(1, 3)):
        self.seed = seed
        self.rng = Rng(seed)
        self.router_range = routers
        self.area_range = areas
        self.routers = {}     # name -> {"id", "interfaces": [], "routes": [], "redistribute": []}
        self.hosts = []       # (name, interface dict)
        self.switches = []    # (name, [port names])
        self.links = []       # [endpoint strings]
        self.link_count = 0
        self.stub_count = 0

    def interface(self, router, ip, ospf=None):
        interfaces = self.routers[router]["interfaces"]
        name = f"eth{len(interfaces)}"
        entry = {"name": name, "ip": ip}
        if ospf is not None:
            entry["ospf"] = ospf
        interfaces.append(entry)
        return f"{router}:{name}"

    def cost(self):
        return self.rng.choice([10, 20, 30]) if self.narrow_costs else self.rng.int(1, 100)

    def generate(self):
        rng = self.rng
        count = rng.int(*self.router_range)
        names = [f"r{i}" for i in range(1, count + 1)]
        for i, name in enumerate(names, start=1):
            self.routers[name] = {"id": f"{i}.{i}.{i}.{i}", "interfaces": [], "routes": [], "redistribute": [],
                                  "area": 0}
        self.narrow_costs = rng.chance(0.5)
        area_count = min(rng.int(*self.area_range), 1 + (count - 2) // 2)
        order = rng.shuffled(names)
        # Non-backbone areas take one or two internal routers each; the rest is the backbone.
        members = {0: []}
        position = 0
        for area in range(1, area_count):
            take = rng.int(1, 2)
            members[area] = order[position:position + take]
            position += take
        members[0] = order[position:]
        for area, routers in members.items():
            for router in routers:
                self.routers[router]["area"] = area
        for area in range(1, area_count):
            abrs = rng.sample(members[0], rng.int(1, min(2, len(members[0]))))
            members[area] = members[area] + abrs
        for area in sorted(members):
            self.area_graph(area, members[area])
        for name in names:
            if rng.chance(0.4):
                self.stub(name)
        asbrs = rng.sample(names, rng.int(0, 2))
        for name in asbrs:
            self.asbr(name)
        return self.render()

    def area_graph(self, area, routers):
        rng = self.rng
        routers = rng.shuffled(routers)
        edges = []
        for i in range(1, len(routers)):
            edges.append((routers[rng.int(0, i - 1)], routers[i]))
        for _ in range(rng.int(0, len(routers) // 2 + 1)):
            if len(routers) < 2:
                break
            a, b = rng.sample(routers, 2)
            edges.append((a, b))
        for a, b in edges:
            roll = rng.random()
            if roll < 0.2 and len(routers) >= 3:
                others = [r for r in routers if r not in (a, b)]
                extra = rng.sample(others, rng.int(1, min(2, len(others))))
                self.segment(area, [a, b] + extra)
            elif roll < 0.3:
                self.switched_pair(area, a, b)
            else:
                self.cable(area, a, b)

    def subnet(self, area):
        self.link_count += 1
        return f"10.{area}.{self.link_count}"

    def ospf(self, area, **extra):
        block = {"area": area if area == 0 or self.rng.chance(0.7) else f"0.0.0.{area}", "cost": self.cost()}
        block.update(extra)
        return block

    def cable(self, area, a, b):
        net = self.subnet(area)
        network = {"network": "broadcast"} if self.rng.chance(0.1) else {}
        self.links.append([self.interface(r, f"{net}.{r[1:]}/24", self.ospf(area, **network)) for r in (a, b)])

    def segment(self, area, routers):
        net = self.subnet(area)
        priorities = [self.rng.int(0, 3) for _ in routers]
        if not any(priorities):
            priorities[0] = 1
        self.links.append([self.interface(r, f"{net}.{r[1:]}/24", self.ospf(area, priority=p))
                           for r, p in zip(routers, priorities)])

    def switched_pair(self, area, a, b):
        net = self.subnet(area)
        switch = f"s{len(self.switches) + 1}"
        self.switches.append((switch, ["p1", "p2"]))
        network = {"network": "point-to-point"} if self.rng.chance(0.2) else {}
        for router, port in ((a, "p1"), (b, "p2")):
            endpoint = self.interface(router, f"{net}.{router[1:]}/24", self.ospf(area, **network))
            self.links.append([endpoint, f"{switch}:{port}"])

    def stub(self, router):
        """A LAN with one host behind a passive interface; returns the host's address."""
        info = self.routers[router]
        if "stub_host" in info:
            return info["stub_host"]
        self.stub_count += 1
        net = f"192.168.{self.stub_count}"
        area = info["area"]
        if area == 0 and self.rng.chance(0.5):
            ospf = None  # implicit: passive, area 0, cost 1
        else:
            ospf = {"area": area, "passive": True, "cost": self.cost()}
        endpoint = self.interface(router, f"{net}.1/24", ospf)
        host = f"h{self.stub_count}"
        self.hosts.append((host, {"name": "eth0", "ip": f"{net}.10/24", "gateway": f"{net}.1"}))
        self.links.append([endpoint, f"{host}:eth0"])
        info["stub_host"] = f"{net}.10"
        return info["stub_host"]

    def asbr(self, router):
        rng = self.rng
        gateway = self.stub(router)
        info = self.routers[router]
        for prefix in sorted(rng.sample(range(1, 7), rng.int(1, 3))):
            info["routes"].append({"prefix": f"172.16.{prefix}.0/24", "via": gateway})
        roll = rng.random()
        if roll < 0.3:
            info["redistribute"].append("static")
        else:
            info["redistribute"].append({"source": "static", "metric": rng.int(1, 100),
                                         "metric_type": rng.choice([1, 2])})
        if rng.chance(0.3):
            info["redistribute"].append("connected")

    # -- output ----------------------------------------------------------------------------

    def render(self):
        out = [f"# Generated by Tests/FRRDifferential/topogen.py --seed {self.seed}"
               f" --routers {self.router_range[0]}-{self.router_range[1]}"
               f" --areas {self.area_range[0]}-{self.area_range[1]}; do not edit.",
               f"name: random-{self.seed}",
               f"description: Random OSPF topology from seed {self.seed}"
               f" ({'costs 10/20/30' if self.narrow_costs else 'costs 1..100'})",
               "", "devices:"]
        for name, info in self.routers.items():
            out += [f"  - name: {name}", "    type: router", f"    router_id: {info['id']}"]
            if info["redistribute"]:
                out += ["    ospf:", f"      redistribute: {flow(info['redistribute'])}"]
            out.append("    interfaces:")
            out += [f"      - {flow(i)}" for i in info["interfaces"]]
            if info["routes"]:
                out.append("    routes:")
                out += [f"      - {flow(r)}" for r in info["routes"]]
            out.append("")
        for name, ports in self.switches:
            out += [f"  - name: {name}", "    type: switch", "    interfaces:"]
            out += [f"      - {{ name: {port} }}" for port in ports]
            out.append("")
        for name, interface in self.hosts:
            out += [f"  - name: {name}", "    type: host", "    interfaces:", f"      - {flow(interface)}", ""]
        out.append("links:")
        out += [f"  - endpoints: [{', '.join(endpoints)}]" for endpoints in self.links]
        return "\n".join(out) + "\n"


def flow(value):
    """A value in YAML flow style, as the hand-written topologies write it."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def generate(seed, routers=(5, 9), areas=(1, 3)):
    return Generator(seed, routers, areas).generate()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Generate a random OSPF, IS-IS or BGP topology for netsim.")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--protocol", choices=("ospf", "isis", "bgp"), default="ospf",
                        help="ospf (default), isis (topogen_isis.py) or bgp (topogen_bgp.py)")
    parser.add_argument("--routers", type=parse_range, help="router count range, e.g. 5-9 (bgp: default 6-10)")
    parser.add_argument("--areas", type=parse_range, default=(1, 3), help="OSPF area count range, e.g. 1-3")
    parser.add_argument("--systems", type=parse_range, default=(2, 4), help="BGP AS count range, e.g. 2-4")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    if args.protocol == "isis":
        import topogen_isis
        text = topogen_isis.generate(args.seed, args.routers or (5, 9))
    elif args.protocol == "bgp":
        import topogen_bgp
        text = topogen_bgp.generate(args.seed, args.routers or (6, 10), args.systems)
    else:
        text = generate(args.seed, args.routers or (5, 9), args.areas)
    if args.output:
        with open(args.output, "w") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
