"""Random multi-AS BGP topologies for the differential test, reproducible from a seed
(`topogen.py --protocol bgp --seed N`).

What a topology has:
- N routers (default 6-10) in M autonomous systems (default 2-4, at most one per two routers),
  numbered from 65001, or now and then from 4200000001 (4-octet AS numbers).
- Inside an AS of two or more routers: point-to-point cables forming a connected graph (a random
  spanning tree plus extra edges) running OSPF area 0 with costs from {10, 20, 30}, so equal IGP
  distances are common; a loopback `lo0` per router; iBGP between loopbacks (update_source lo0)
  as a full mesh, or with one or two route reflectors (sharing a cluster ID or not) whose
  clients peer with every reflector.
- Between ASes: a connected graph of AS adjacencies, each realised by one or two eBGP links
  between random routers of the two ASes (parallel exits make tie-breaks matter). A border
  router sets next_hop_self towards its iBGP peers or not; without it, the eBGP link is a
  passive OSPF interface (netsim's rule for addressed interfaces without an ospf block), so the
  next hop resolves through OSPF either way.
- Every router announces its loopback; some announce a /24 on `lo1`, and some of those /24s are
  announced from two ASes at once (anycast), so paths tie up to the router ID.
- `compare_routerid: true` everywhere (otherwise FRR prefers the oldest eBGP path, which
  depends on arrival timing); per AS, sometimes maximum_paths 2-4 with or without
  as_path_multipath_relax.
- Short timers (keepalive 1, hold 3, connect_retry 1) and advertisement_interval 0, in the
  file, so netsim and FRR run the same.

Only `Random.random()` is used, through topogen.Rng, so a seed gives the same file everywhere.
"""

import topogen

TIMERS = {"keepalive": 1, "hold": 3, "connect_retry": 1}


class BGPGenerator:
    def __init__(self, seed, routers=(6, 10), systems=(2, 4)):
        self.seed = seed
        self.rng = topogen.Rng(seed)
        self.router_range = routers
        self.system_range = systems
        self.routers = {}     # name -> {"id", "as", "interfaces", "neighbors", "networks", "bgp"}
        self.links = []
        self.link_count = 0
        self.anycast_count = 0

    def interface(self, router, ip, ospf=None):
        interfaces = self.routers[router]["interfaces"]
        entry = {"name": f"eth{len([i for i in interfaces if i['name'].startswith('eth')])}", "ip": ip}
        if ospf is not None:
            entry["ospf"] = ospf
        interfaces.append(entry)
        return entry

    def cable(self, a, b, ospf):
        self.link_count += 1
        net = f"10.{self.link_count // 250}.{self.link_count % 250}"
        ends = []
        for router in (a, b):
            block = {"area": 0, "cost": self.rng.choice([10, 20, 30])} if ospf else None
            ends.append(self.interface(router, f"{net}.{router[1:]}/24", block))
        self.links.append([f"{a}:{ends[0]['name']}", f"{b}:{ends[1]['name']}"])
        return [e["ip"].split("/")[0] for e in ends]

    def neighbor(self, router, ip, remote_as, **extra):
        entry = {"ip": ip, "remote_as": remote_as}
        entry.update(extra)
        entry["advertisement_interval"] = 0
        self.routers[router]["neighbors"].append(entry)

    def generate(self):
        rng = self.rng
        count = rng.int(*self.router_range)
        names = [f"r{i}" for i in range(1, count + 1)]
        system_count = min(rng.int(*self.system_range), count // 2)
        base = 4200000001 if rng.chance(0.25) else 65001
        order = rng.shuffled(names)
        # Every AS gets at least one router; the rest are spread at random.
        members = {base + k: [order[k]] for k in range(system_count)}
        for name in order[system_count:]:
            members[base + rng.int(0, system_count - 1)].append(name)
        for asn, routers in members.items():
            for name in routers:
                i = int(name[1:])
                self.routers[name] = {"id": f"{i}.{i}.{i}.{i}", "as": asn, "neighbors": [], "networks": [],
                                      "interfaces": [{"name": "lo0", "ip": f"{i}.{i}.{i}.{i}/32"}], "bgp": {}}
                self.routers[name]["networks"].append(f"{i}.{i}.{i}.{i}/32")
        self.members = members
        for asn in sorted(members):
            self.inside(asn, sorted(members[asn], key=lambda n: int(n[1:])))
        self.between(sorted(members))
        self.stubs(names)
        return self.render()

    def inside(self, asn, routers):
        rng = self.rng
        block = {"as": asn, "bestpath": {"compare_routerid": True}, "timers": dict(TIMERS)}
        if rng.chance(0.4):
            block["maximum_paths"] = rng.int(2, 4)
            block["maximum_paths_ibgp"] = rng.int(2, 4)
            if rng.chance(0.5):
                block["bestpath"]["as_path_multipath_relax"] = True
        for name in routers:
            self.routers[name]["bgp"] = dict(block, bestpath=dict(block["bestpath"]))
        if len(routers) < 2:
            return
        shuffled = rng.shuffled(routers)
        edges = [(shuffled[rng.int(0, i - 1)], shuffled[i]) for i in range(1, len(shuffled))]
        for _ in range(rng.int(0, len(routers) // 2)):
            a, b = rng.sample(routers, 2)
            if (a, b) not in edges and (b, a) not in edges:
                edges.append((a, b))
        for a, b in edges:
            self.cable(a, b, ospf=True)
        loopback = {name: self.routers[name]["id"] for name in routers}
        reflectors = []
        if len(routers) >= 3 and rng.chance(0.5):
            reflectors = rng.sample(routers, rng.int(1, 2))
            shared = rng.chance(0.5)
            for n, name in enumerate(sorted(reflectors)):
                self.routers[name]["bgp"]["cluster_id"] = f"10.255.{asn % 250}.{1 if shared else n + 1}"
        for a in routers:
            for b in routers:
                if a == b:
                    continue
                if reflectors and a not in reflectors and b not in reflectors:
                    continue  # two clients: no session
                extra = {"update_source": "lo0"}
                if a in reflectors and b not in reflectors:
                    extra["route_reflector_client"] = True
                self.neighbor(a, loopback[b], asn, **extra)

    def between(self, systems):
        rng = self.rng
        if len(systems) < 2:
            return
        shuffled = rng.shuffled(systems)
        pairs = [(shuffled[rng.int(0, i - 1)], shuffled[i]) for i in range(1, len(shuffled))]
        for _ in range(rng.int(0, len(systems) - 1)):
            a, b = rng.sample(systems, 2)
            pairs.append((a, b))
        joined = set()
        for asn_a, asn_b in pairs:
            for _ in range(1 if rng.chance(0.6) else 2):
                a = rng.choice(self.members[asn_a])
                b = rng.choice(self.members[asn_b])
                if (a, b) in joined or (b, a) in joined:
                    continue
                joined.add((a, b))
                address_a, address_b = self.cable(a, b, ospf=False)
                self.neighbor(a, address_b, asn_b)
                self.neighbor(b, address_a, asn_a)
                for border in (a, b):
                    if not self.routers[border].get("next_hop_self_decided"):
                        self.routers[border]["next_hop_self_decided"] = True
                        self.routers[border]["next_hop_self"] = rng.chance(0.6)
        for name, info in self.routers.items():
            if info.get("next_hop_self"):
                for neighbor in info["neighbors"]:
                    if neighbor["remote_as"] == info["as"]:
                        neighbor["next_hop_self"] = True

    def stubs(self, names):
        rng = self.rng
        anycast = []
        for name in names:
            if not rng.chance(0.5):
                continue
            i = int(name[1:])
            if anycast and rng.chance(0.4):
                prefix_base = rng.choice(anycast)
            else:
                self.anycast_count += 1
                prefix_base = f"10.{200 + self.anycast_count // 250}.{self.anycast_count % 250}"
                anycast.append(prefix_base)
            info = self.routers[name]
            info["interfaces"].insert(1, {"name": "lo1", "ip": f"{prefix_base}.{i}/24"})
            info["networks"].append(f"{prefix_base}.0/24")

    def render(self):
        out = [f"# Generated by Tests/FRRDifferential/topogen.py --protocol bgp --seed {self.seed}"
               f" --routers {self.router_range[0]}-{self.router_range[1]}"
               f" --systems {self.system_range[0]}-{self.system_range[1]}; do not edit.",
               f"name: random-bgp-{self.seed}",
               f"description: Random multi-AS BGP topology from seed {self.seed}"
               f" with {len(self.members)} ASes and {len(self.routers)} routers",
               "", "devices:"]
        for name in sorted(self.routers, key=lambda n: int(n[1:])):
            info = self.routers[name]
            out += [f"  - name: {name}", "    type: router", f"    router_id: {info['id']}", "    interfaces:"]
            out += [f"      - {topogen.flow(i)}" for i in info["interfaces"]]
            bgp = info["bgp"]
            out += ["    bgp:", f"      as: {bgp['as']}", f"      networks: {topogen.flow(info['networks'])}"]
            for key in ("cluster_id", "maximum_paths", "maximum_paths_ibgp", "bestpath", "timers"):
                if key in bgp:
                    out.append(f"      {key}: {topogen.flow(bgp[key])}")
            out.append("      neighbors:")
            out += [f"        - {topogen.flow(n)}" for n in info["neighbors"]]
            out.append("")
        out.append("links:")
        out += [f"  - endpoints: [{', '.join(endpoints)}]" for endpoints in self.links]
        return "\n".join(out) + "\n"


def generate(seed, routers=(6, 10), systems=(2, 4)):
    return BGPGenerator(seed, routers, systems).generate()
