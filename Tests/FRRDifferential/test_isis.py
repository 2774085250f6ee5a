"""Unit tests of the harness's IS-IS parts (no root, no FRR needed):

    python3 -m unittest discover -s Tests/FRRDifferential -p 'test_*.py'
"""

import os
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import compare  # noqa: E402
import frr_isis  # noqa: E402
import frrlab  # noqa: E402
import isis_model  # noqa: E402
import l1_into_l2  # noqa: E402
import topogen  # noqa: E402
import topogen_isis  # noqa: E402
import topology as topo  # noqa: E402


def load(name):
    return topo.load(os.path.join(HERE, "topologies", name))


def load_text(text):
    handle = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
    handle.write(textwrap.dedent(text))
    handle.close()
    try:
        return topo.load(handle.name)
    finally:
        os.unlink(handle.name)


def isis_route(metric, *hops, level="level-2"):
    return {"protocol": "isis", "distance": 115, "metric": metric, "nexthops": compare.sorted_hops(hops),
            "path_type": level}


class ISISModelTests(unittest.TestCase):
    def test_net(self):
        self.assertEqual(isis_model.parse_net("49.0001.0000.0000.0001.00", "x"), ("49.0001", "0000.0000.0001"))
        self.assertEqual(isis_model.parse_net("49.0001.0002.1921.6800.1001.00", "x"),
                         ("49.0001.0002", "1921.6800.1001"))
        for bad in ("49.0001.0000.0000.0001.01", "49.zz01.0000.0000.0001.00", "0000.0000.0001.00"):
            with self.assertRaises(topo.TopologyError):
                isis_model.parse_net(bad, "x")

    def test_defaults_levels_and_loopbacks(self):
        model = isis_model.ISISModel(load("isis-lan-levels.yaml"))
        r2, r3, r4 = (model.interfaces[n] for n in ("r2", "r3", "r4"))
        self.assertEqual(sorted(r2), ["eth0", "eth1", "lo"])
        self.assertEqual((r2["eth0"].network, r2["eth0"].priority, r2["eth0"].levels), ("broadcast", 70, {1, 2}))
        self.assertEqual(r2["eth1"].network, "broadcast")            # through a switch
        self.assertEqual((r3["eth1"].network, r3["eth1"].levels), ("broadcast", {2}))
        self.assertEqual(r4["eth1"].levels, {1})                      # circuit l1 on an l1 router
        self.assertEqual((r2["lo"].passive, r2["lo"].metric), (True, 0))
        p2p = isis_model.ISISModel(load("isis-l2-p2p.yaml"))
        eth0 = p2p.interfaces["r1"]["eth0"]
        self.assertEqual((eth0.network, eth0.metric, eth0.priority, eth0.hello, eth0.hold, eth0.passive),
                         ("point-to-point", 10, 64, 10, 30, False))
        self.assertEqual(p2p.interfaces["r3"]["lo1"].metric, 7)
        self.assertEqual(p2p.routers["r3"].levels, {2})

    def test_adjacencies_per_level(self):
        model = isis_model.ISISModel(load("isis-lan-levels.yaml"))
        adjacencies = model.adjacencies()
        self.assertEqual(adjacencies["r1"], {"eth0": {1: {"r2", "r3", "r4"}}})
        self.assertEqual(adjacencies["r2"], {"eth0": {1: {"r1", "r3", "r4"}, 2: {"r3"}}, "eth1": {2: {"r5"}}})
        self.assertEqual(adjacencies["r3"]["eth1"], {2: {"r5"}})
        self.assertEqual(adjacencies["r4"]["eth1"], {1: {"r6"}})
        self.assertEqual(adjacencies["r5"], {"eth0": {2: {"r2"}}, "eth1": {2: {"r3"}}})
        # Level 1 needs the same area: the multi-area topology's b3 and core meet at level 2 only.
        multi = isis_model.ISISModel(load("isis-multiarea.yaml")).adjacencies()
        self.assertEqual(multi["b3"], {"eth0": {2: {"core"}}, "eth1": {1: {"c1"}}})
        self.assertNotIn("eth3", multi["a1"])                                   # passive stub

    def test_mismatched_network_types_and_passive_circuits_form_nothing(self):
        model = isis_model.ISISModel(load_text("""\
            name: x
            devices:
              - name: a
                type: router
                isis: { net: 49.0001.0000.0000.0001.00 }
                interfaces:
                  - { name: e0, ip: 10.0.0.1/24, isis: { network: broadcast } }
                  - { name: e1, ip: 10.0.1.1/24, isis: { passive: true } }
                  - { name: e2, ip: 10.0.2.1/24 }
              - name: b
                type: router
                isis: { net: 49.0001.0000.0000.0002.00, level: l2 }
                interfaces:
                  - { name: e0, ip: 10.0.0.2/24, isis: {} }
                  - { name: e1, ip: 10.0.1.2/24, isis: {} }
            links:
              - endpoints: [a:e0, b:e0]
              - endpoints: [a:e1, b:e1]
            """))
        self.assertEqual(model.adjacencies(), {"a": {}, "b": {}})
        self.assertEqual(sorted(model.interfaces["a"]), ["e0", "e1"])      # e2 has no isis block
        self.assertEqual({str(p): m for p, m in model.own_prefixes("a").items()},
                         {"10.0.0.0/24": 10, "10.0.1.0/24": 10})           # passive ones announced too

    def test_errors(self):
        with self.assertRaises(topo.TopologyError):
            isis_model.ISISModel(load_text("""\
                name: x
                devices:
                  - name: a
                    type: router
                    isis: { level: l1 }
                    interfaces: []
                """))
        with self.assertRaises(topo.TopologyError):
            load_text("""\
                name: x
                devices:
                  - name: a
                    type: router
                    interfaces: [{ name: lo, ip: 192.0.2.1/32 }, { name: e0, ip: 10.0.0.1/24 }]
                  - name: b
                    type: router
                    interfaces: [{ name: e0, ip: 10.0.0.2/24 }]
                links:
                  - endpoints: [a:lo, b:e0]
                """)

    def test_leaking_is_skipped_not_failed(self):
        model = load_text("""\
            name: x
            devices:
              - name: a
                type: router
                isis: { net: 49.0001.0000.0000.0001.00, leak_l2_to_l1: true, overload: true }
                interfaces: [{ name: lo, ip: 192.0.2.1/32 }]
            """)
        self.assertEqual(isis_model.ISISModel(model).unmodelled(), ["a sets isis leak_l2_to_l1"])
        self.assertTrue(isis_model.ISISModel(model).routers["a"].overload)
        with self.assertRaises(topo.UnsupportedTopology):
            frrlab.Lab(model)

    def test_loopbacks_are_up_without_a_link(self):
        model = load("isis-l2-p2p.yaml")
        r3 = model.devices["r3"]
        self.assertTrue(model.oper_up(r3.interface("lo")))
        self.assertTrue(model.oper_up(r3.interface("lo1")))
        self.assertTrue(topo.is_loopback_name("lo12"))
        self.assertFalse(topo.is_loopback_name("loopback0"))


class ShortfallTests(unittest.TestCase):
    """FRR #6966: the prefixes FRR's level-1-2 routers leave out of level 2, and where."""

    def setUp(self):
        self.shortfall = l1_into_l2.Shortfall(isis_model.ISISModel(load("isis-multiarea.yaml")))

    def test_carried_prefixes(self):
        carried = {name: sorted(str(p) for p in prefixes) for name, prefixes in self.shortfall.carried.items()}
        self.assertEqual(sorted(carried), ["b1", "b2", "b3"])
        for prefix in ("172.16.1.0/24", "192.0.2.11/32", "192.0.2.12/32", "10.1.3.0/24", "192.0.2.22/32"):
            self.assertIn(prefix, carried["b1"])
        self.assertNotIn("10.1.1.0/24", carried["b1"])     # b1's own circuit: FRR announces it too
        self.assertNotIn("192.0.2.21/32", carried["b1"])
        self.assertEqual(carried["b3"], ["192.0.2.31/32"])  # c1's loopback; c1's link is b3's own

    def test_affected_routers(self):
        affected = self.shortfall.affected
        self.assertEqual(sorted(affected), ["b1", "b2", "b3", "core"])  # level-1 routers never
        self.assertEqual(affected["core"]["192.0.2.11/32"], {"b1", "b2"})
        self.assertEqual(affected["b3"]["172.16.1.0/24"], {"b1", "b2"})
        self.assertEqual(affected["b1"], {"192.0.2.31/32": {"b3"}})       # area 1 reaches its own at L1
        self.assertNotIn("10.0.3.0/24", affected["core"])                 # connected there

    def test_explanations(self):
        explain = self.shortfall.explain
        ours = isis_route(20, ("10.0.1.21", "eth0"), ("10.0.2.22", "eth1"))
        self.assertIn("FRR #6966", explain("core", "192.0.2.11/32", ours, None))
        self.assertIn("b1, b2 carry", explain("core", "192.0.2.11/32", ours, None))
        self.assertIn("cheaper", explain("core", "192.0.2.11/32", ours, isis_route(30, ("10.0.1.21", "eth0"))))
        self.assertIn("equal-cost", explain("core", "192.0.2.11/32", ours, isis_route(20, ("10.0.1.21", "eth0"))))
        # Anything else stays a failure.
        self.assertIsNone(explain("core", "192.0.2.11/32", None, ours))               # netsim lacks it
        self.assertIsNone(explain("core", "192.0.2.11/32", ours, isis_route(10, ("10.0.1.21", "eth0"))))
        self.assertIsNone(explain("core", "192.0.2.11/32", isis_route(20, ("10.0.1.21", "eth0")),
                                  isis_route(20, ("10.0.2.22", "eth1"))))               # other next hop
        self.assertIsNone(explain("core", "192.0.2.11/32", isis_route(20, ("10.0.1.21", "eth0"), level="level-1"),
                                  None))
        self.assertIsNone(explain("a1", "192.0.2.31/32", ours, None))                   # level-1 router
        self.assertIsNone(explain("core", "10.1.1.0/24", ours, None))                   # FRR announces it
        self.assertIsNone(explain("core", "192.0.2.11/32", dict(ours, protocol="ospf"), None))

    def test_compare_reports_explained_differences_apart(self):
        frr = {"core": {"10.0.1.0/24": {"protocol": "connected", "distance": 0, "metric": 0,
                                        "nexthops": [(None, "eth0")]}}}
        netsim = {"core": dict(frr["core"], **{"192.0.2.11/32": isis_route(20, ("10.0.1.21", "eth0")),
                                              "192.0.2.99/32": isis_route(20, ("10.0.1.21", "eth0"))})}
        expected = {}
        differences = compare.compare(frr, netsim, explain=self.shortfall.explain, expected=expected)
        self.assertEqual(differences, {"core": ["extra in netsim:   i L2 192.0.2.99/32 [115/20] via 10.0.1.21, eth0"]})
        self.assertEqual(len(expected["core"]), 2)
        self.assertTrue(expected["core"][0].startswith("expected (FRR #6966): b1, b2 carry 192.0.2.11/32"))

    def test_single_area_has_no_shortfall(self):
        self.assertEqual(l1_into_l2.Shortfall(isis_model.ISISModel(load("isis-l2-p2p.yaml"))).affected, {})


ROUTER_R2_NEIGHBORS = """\
Area lab:
  System Id           Interface   L  State        Holdtime SNPA
 r4                  eth0        1  Up            3        faf3.d0f7.eb00
 0000.0000.0003      eth0        1  Initializing  4        6a96.bbc7.1a4f
 r1                  eth0        1  Up            3        be87.988c.b4d5
 r3                  eth0        2  Up            4        6a96.bbc7.1a4f
 r5                  eth1        3  Up            4        2020.2020.2020
"""

DATABASE = """\
Area lab:
IS-IS Level-1 link-state database:
LSP ID                  PduLen  SeqNumber   Chksum  Holdtime  ATT/P/OL
r1.00-00                   91   0x00000004  0xdf1c    1183    0/0/0
r2.00-00             *     99   0x00000004  0x9a1e    1187    1/0/0
    2 LSPs

IS-IS Level-2 link-state database:
LSP ID                  PduLen  SeqNumber   Chksum  Holdtime  ATT/P/OL
r2.00-00             *     99   0x00000005  0xd8e5    1159    0/0/0
r2.03-00             *     51   0x00000001  0x76eb     656    0/0/0
    2 LSPs
"""

ROUTES = """\
Area lab:
IS-IS L1 IPv4 routing table:

 Prefix        Metric  Interface  Nexthop   Label(s)
 -----------------------------------------------------
 0.0.0.0/0     10      eth0       10.1.0.2  -
 10.0.0.0/24   20      eth0       10.1.0.2  -
                       eth1       10.1.1.2  -
 192.0.2.1/32  0       -          -         -

Area lab:
IS-IS L2 IPv4 routing table:

 Prefix        Metric  Interface  Nexthop   Label(s)
 -----------------------------------------------------
 10.0.0.0/24   30      eth0       10.1.0.2  -
 192.0.2.3/32  20      eth0       10.1.0.2  -
"""

INTERFACES = """\
Area lab:
  Interface: eth0, State: Up, Active, Circuit Id: 0x2
    Type: lan, Level: L1L2, SNPA: b609.1267.c42b
    LAN Priority: 70, is DIS
    Level-1 Information:
      Metric: 10, Active neighbors: 3
      Hello interval: 1, Holddown count: 4 (pad)
      CNSP interval: 1, PSNP interval: 1
      LAN Priority: 70, is DIS
    Level-2 Information:
      Metric: 10, Active neighbors: 1
      Hello interval: 1, Holddown count: 4 (pad)
      CNSP interval: 1, PSNP interval: 1
      LAN Priority: 70, is DIS
    IP Prefix(es):
      10.10.0.2/24

  Interface: lo1, State: Up, Passive, Circuit Id: 0x0
    Type: lan, Level: L2, SNPA: 0000.0000.0000
    Level-2 Information:
      Metric: 7
    IP Prefix(es):
      198.51.100.3/32
"""


class FRRTextTests(unittest.TestCase):
    def test_neighbors(self):
        rows = frr_isis.parse_neighbors(ROUTER_R2_NEIGHBORS)
        self.assertEqual(rows[0], ("r4", "eth0", 1, "Up"))
        self.assertEqual(rows[1], ("0000.0000.0003", "eth0", 1, "Initializing"))
        self.assertEqual(len(rows), 5)

    def test_adjacency_problems(self):
        model = isis_model.ISISModel(load("isis-lan-levels.yaml"))
        lab = frrlab.Lab(model.topology)
        node = lab.nodes["r2"]
        expected = model.adjacencies()["r2"]
        problems = frr_isis.adjacency_problems(model, node, frr_isis.parse_neighbors(ROUTER_R2_NEIGHBORS), expected)
        self.assertEqual(problems, ["adjacency (level mask 1) with r3 on eth0 is Initializing"])
        problems = frr_isis.adjacency_problems(model, node, [], expected)
        self.assertIn("no L2 adjacency with r5 on eth1 yet", problems)
        self.assertEqual(len(problems), 5)

    def test_database(self):
        self.assertEqual(frr_isis.parse_database(DATABASE), {
            (1, "r1.00-00"): (4, 0xdf1c, 0), (1, "r2.00-00"): (4, 0x9a1e, 1),
            (2, "r2.00-00"): (5, 0xd8e5, 0), (2, "r2.03-00"): (1, 0x76eb, 0)})
        # Neighbor rows in the same text are not taken for LSPs, nor LSP rows for neighbors.
        self.assertEqual(frr_isis.parse_database(ROUTER_R2_NEIGHBORS + DATABASE), frr_isis.parse_database(DATABASE))
        self.assertEqual(frr_isis.parse_neighbors(ROUTER_R2_NEIGHBORS + DATABASE),
                         frr_isis.parse_neighbors(ROUTER_R2_NEIGHBORS))

    def test_route_levels(self):
        self.assertEqual(frr_isis.parse_route_levels(ROUTES), {
            "0.0.0.0/0": "level-1", "10.0.0.0/24": "level-1", "192.0.2.1/32": "level-1",
            "192.0.2.3/32": "level-2"})

    def test_interfaces(self):
        interfaces = frr_isis.parse_interfaces(INTERFACES)
        self.assertEqual(interfaces["eth0"], {"state": "Up", "passive": False, "type": "lan", "levels": "L1L2",
                                              "metric": {1: 10, 2: 10}, "priority": {1: 70, 2: 70}})
        self.assertEqual(interfaces["lo1"], {"state": "Up", "passive": True, "type": "lan", "levels": "L2",
                                             "metric": {2: 7}, "priority": {}})


class ISISConfigTests(unittest.TestCase):
    def test_isisd_configuration(self):
        lab = frrlab.Lab(load("isis-lan-levels.yaml"))
        text = frr_isis.config(lab.isis, lab.nodes["r3"])
        lines = text.splitlines()
        self.assertLess(lines.index(" lsp-gen-interval 1"), lines.index(" is-type level-1-2"))
        for line in ["router isis lab", " net 49.0001.0000.0000.0003.00", " metric-style wide",
                     "interface eth1", " ip router isis lab", " isis circuit-type level-2-only", " isis metric 20",
                     " isis priority 64", " isis hello-interval 1", " isis hello-multiplier 4",
                     "interface lo", " isis metric 0", " isis passive"]:
            self.assertIn(line, lines)
        self.assertNotIn(" isis network point-to-point", lines)
        narrow = frrlab.Lab(load("isis-narrow.yaml"))
        text = frr_isis.config(narrow.isis, narrow.nodes["n4"])
        self.assertIn(" is-type level-1\n", text)
        self.assertIn(" metric-style narrow\n", text)
        self.assertIn(" isis network point-to-point\n", text)
        self.assertEqual(frrlab.Lab(load("isis-narrow.yaml")).daemons_for(narrow.nodes["n2"]), ["zebra", "isisd"])


class ISISGeneratorTests(unittest.TestCase):
    def test_same_seed_same_topology(self):
        self.assertEqual(topogen_isis.generate(5), topogen_isis.generate(5))
        self.assertNotEqual(topogen_isis.generate(5), topogen_isis.generate(6))
        self.assertEqual(topogen_isis.generate(2).splitlines()[1], "name: random-isis-2")

    def test_generated_topologies_keep_the_harness_invariants(self):
        for seed in range(1, 60):
            handle = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
            handle.write(topogen_isis.generate(seed))
            handle.close()
            try:
                model = isis_model.ISISModel(topo.load(handle.name))
            finally:
                os.unlink(handle.name)
            where = f"seed {seed}"
            adjacencies = model.adjacencies()
            for name in model.routers:
                self.assertTrue(adjacencies[name], f"{where}: {name} has no adjacency")
            areas = {r.area for r in model.routers.values()}
            self.assertGreaterEqual(len(areas), 2, where)
            # Every level-1-2 router reaches another area at level 2, so FRR's ATT rule and ISO's agree.
            l2 = model.components(2)
            for name, router in model.routers.items():
                if router.levels == {1, 2}:
                    others = {model.routers[m].area for m in l2[name]} - {router.area}
                    self.assertTrue(others, f"{where}: {name} reaches no other area at level 2")
            # No two routers share two circuits (FRR 8.4 picks among parallel adjacencies by age).
            pairs = [(i.device.name, peer.device.name) for d in model.topology.routers for i in d.interfaces
                     for peer in model.topology.l2_peers(i) if peer.device.type == "router"]
            self.assertEqual(len(pairs), len(set(pairs)), f"{where}: parallel circuits")
            # Every area is connected at level 1.
            l1 = model.components(1)
            for area in areas:
                members = {n for n, r in model.routers.items() if r.area == area and 1 in r.levels}
                for name in members:
                    self.assertEqual(l1[name], frozenset(members), f"{where}: area {area} is split at level 1")

    def test_command_line(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "x.yaml")
            topogen.main(["--protocol", "isis", "--seed", "4", "-o", path])
            with open(path) as handle:
                self.assertEqual(handle.read(), topogen_isis.generate(4))


if __name__ == "__main__":
    unittest.main()
