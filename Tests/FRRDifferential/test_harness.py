"""Unit tests of the harness itself (no root, no FRR needed):

    python3 -m unittest discover -s Tests/FRRDifferential -p 'test_*.py'
"""

import glob
import json
import os
import stat
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import compare  # noqa: E402
import frrlab  # noqa: E402
import netsim_side  # noqa: E402
import topogen  # noqa: E402
import topology as topo  # noqa: E402
import yamlsubset  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
TOPOLOGIES = sorted(glob.glob(os.path.join(HERE, "topologies", "*.yaml")) +
                    glob.glob(os.path.join(REPO, "examples", "*.yaml")))


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def write_temp(text, suffix=".yaml"):
    handle = tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False)
    handle.write(text)
    handle.close()
    return handle.name


class YAMLSubsetTests(unittest.TestCase):
    def test_netsim_style_document(self):
        text = textwrap.dedent("""\
            name: lab   # comment
            description: >
              folded
              text
            devices:
              - name: r1
                type: router
                interfaces:
                  - { name: eth0, ip: 10.0.12.1/24, ospf: { area: 0.0.0.1, cost: 10, passive: true } }
                  - name: eth1
                    trunk: [10, 20]
            links:
              - endpoints: [r1:eth0, r2:eth0]
                delay: 500us
            script:
              - at: converged + 100
                command: "show ip route # not a comment"
            """)
        self.assertEqual(yamlsubset.loads(text), {
            "name": "lab",
            "description": "folded text\n",
            "devices": [{"name": "r1", "type": "router", "interfaces": [
                {"name": "eth0", "ip": "10.0.12.1/24", "ospf": {"area": "0.0.0.1", "cost": 10, "passive": True}},
                {"name": "eth1", "trunk": [10, 20]}]}],
            "links": [{"endpoints": ["r1:eth0", "r2:eth0"], "delay": "500us"}],
            "script": [{"at": "converged + 100", "command": "show ip route # not a comment"}],
        })

    def test_scalars(self):
        self.assertEqual(yamlsubset.loads("a: [1, 1.5, true, null, ~, 'x''y', \"q\\n\", 0x10, 1.2.3.4]"),
                         {"a": [1, 1.5, True, None, None, "x'y", "q\n", 16, "1.2.3.4"]})

    def test_rejects_what_it_does_not_understand(self):
        with self.assertRaises(yamlsubset.YAMLError):
            yamlsubset.loads("a: &anchor 1\nb: *anchor\n")
        with self.assertRaises(yamlsubset.YAMLError):
            yamlsubset.loads("a: 1\na: 2\n")

    def test_agrees_with_pyyaml_when_available(self):
        try:
            import yaml
        except ImportError:
            self.skipTest("PyYAML not installed")
        texts = [read(path) for path in TOPOLOGIES] + [topogen.generate(seed) for seed in range(1, 40)]
        for text in texts:
            self.assertEqual(yamlsubset.loads(text), yaml.safe_load(text))


class TopologyTests(unittest.TestCase):
    def load(self, name):
        return topo.load(os.path.join(HERE, "topologies", name))

    def test_every_topology_loads(self):
        for path in TOPOLOGIES:
            model = topo.load(path)
            for router in model.ospf_routers:
                model.ospf_interfaces(router)
                model.redistribution(router)
            model.expected_adjacencies()

    def test_defaults_and_implicit_passive_interfaces(self):
        model = self.load("ospf-triangle.yaml")
        r1 = model.devices["r1"]
        interfaces = model.ospf_interfaces(r1)
        eth0, eth2 = interfaces["eth0"], interfaces["eth2"]
        self.assertEqual((eth0.area, eth0.cost, eth0.network, eth0.priority, eth0.passive, eth0.hello, eth0.dead),
                         ("0.0.0.0", 10, "point-to-point", 1, False, 10, 40))
        self.assertEqual((eth2.area, eth2.cost, eth2.passive), ("0.0.0.0", 1, True))
        self.assertEqual([d.name for d in model.ospf_routers], ["r1", "r2", "r3"])
        self.assertEqual(model.expected_adjacencies()["r1"], {"eth0": {"2.2.2.2"}, "eth1": {"3.3.3.3"}})

    def test_network_types_segments_and_areas(self):
        model = self.load("ospf-broadcast.yaml")
        r3 = model.ospf_interfaces(model.devices["r3"])
        self.assertEqual(r3["eth0"].network, "broadcast")   # four routers on one segment
        self.assertEqual(r3["eth1"].network, "broadcast")   # two routers through a switch
        self.assertEqual(model.ospf_interfaces(model.devices["r1"])["eth1"].network, "point-to-point")
        self.assertEqual(model.expected_adjacencies()["r1"]["eth0"], {"2.2.2.2", "3.3.3.3", "4.4.4.4"})
        self.assertEqual(model.expected_adjacencies()["r5"]["eth0"], {"3.3.3.3"})
        multi = self.load("ospf-multiarea.yaml")
        self.assertEqual(multi.ospf_interfaces(multi.devices["abr2"])["eth4"].area, "0.0.0.2")

    def test_router_id_falls_back_to_highest_address(self):
        path = write_temp("name: x\ndevices:\n  - name: r\n    type: router\n    interfaces:\n"
                          "      - { name: a, ip: 10.0.0.1/24 }\n      - { name: b, ip: 10.9.0.1/24 }\n")
        try:
            self.assertEqual(topo.load(path).devices["r"].effective_router_id, "10.9.0.1")
        finally:
            os.unlink(path)

    def test_shutdown_and_uncabled_interfaces_are_down(self):
        model = self.load("ospf-passive-stub.yaml")
        r1, r2 = model.devices["r1"], model.devices["r2"]
        self.assertFalse(model.oper_up(r1.interface("eth3")))   # shut down
        self.assertFalse(model.oper_up(r2.interface("eth3")))   # on no link
        self.assertTrue(model.oper_up(r2.interface("eth2")))

    def test_switches_join_links_into_segments(self):
        model = topo.load(os.path.join(REPO, "examples", "switched-lan.yaml"))
        by_member = {m.key: s.index for s in model.segments for m in s.members}
        self.assertEqual(by_member[("gw", "eth0")], by_member[("h1", "eth0")])      # VLAN 10
        self.assertEqual(by_member[("gw", "eth1")], by_member[("h3", "eth0")])      # VLAN 20
        self.assertNotEqual(by_member[("gw", "eth0")], by_member[("gw", "eth1")])
        self.assertEqual(by_member[("ra", "eth0")], by_member[("rb", "eth0")])      # three-router segment


class FRRConfigTests(unittest.TestCase):
    def test_ospfd_configuration(self):
        model = topo.load(os.path.join(HERE, "topologies", "ospf-redistribute.yaml"))
        lab = frrlab.Lab(model)
        text = lab.ospfd_config(lab.nodes["r1"])
        for line in ["interface eth0", " ip ospf area 0.0.0.0", " ip ospf network point-to-point",
                     " ip ospf cost 10", " ip ospf hello-interval 1", " ip ospf dead-interval 4",
                     "interface eth2", " ip ospf cost 1", " ip ospf passive", "router ospf",
                     " ospf router-id 1.1.1.1", " timers throttle lsa all 0", " timers throttle spf 0 50 200",
                     " redistribute static metric 50 metric-type 1"]:
            self.assertIn(line + "\n", text)
        r2 = lab.ospfd_config(lab.nodes["r2"])
        self.assertIn(" redistribute connected metric 20 metric-type 2\n", r2)
        self.assertIn("ip route 172.16.5.0/24 192.168.2.10\n", lab.staticd_config(lab.nodes["r2"]))
        self.assertIn("ip route 172.16.5.0/24 192.168.4.10 5\n", lab.staticd_config(lab.nodes["r4"]))

    def test_mismatched_timers_are_kept(self):
        text = textwrap.dedent("""\
            name: timers
            devices:
              - name: a
                type: router
                interfaces: [{ name: e0, ip: 10.0.0.1/24, ospf: { hello: 5 } }]
              - name: b
                type: router
                interfaces: [{ name: e0, ip: 10.0.0.2/24, ospf: { hello: 10 } }]
            links:
              - endpoints: [a:e0, b:e0]
            """)
        path = write_temp(text)
        try:
            model = topo.load(path)
            lab = frrlab.Lab(model)
            self.assertIn(" ip ospf hello-interval 5\n ip ospf dead-interval 20\n", lab.ospfd_config(lab.nodes["a"]))
            self.assertEqual(model.expected_adjacencies(), {"a": {}, "b": {}})
        finally:
            os.unlink(path)

    def test_interface_names_linux_cannot_take_are_mapped(self):
        path = write_temp("name: x\ndevices:\n  - name: r\n    type: router\n    interfaces:\n"
                          "      - { name: GigabitEthernet0/0, ip: 10.0.0.1/24 }\n")
        try:
            lab = frrlab.Lab(topo.load(path))
            node = lab.nodes["r"]
            self.assertEqual(node.linux_names["GigabitEthernet0/0"], "if0")
            routes = lab.normalize_routes(node, {"10.0.0.0/24": [{
                "protocol": "connected", "selected": True, "distance": 0, "metric": 0,
                "nexthops": [{"fib": True, "directlyConnected": True, "interfaceName": "if0"}]}]})
            self.assertEqual(routes["10.0.0.0/24"]["nexthops"], [(None, "GigabitEthernet0/0")])
        finally:
            os.unlink(path)

    def test_frr_route_normalization(self):
        lab = frrlab.Lab(topo.load(os.path.join(HERE, "topologies", "ospf-triangle.yaml")))
        table = {
            "10.0.12.0/24": [
                {"protocol": "ospf", "distance": 110, "metric": 10,
                 "nexthops": [{"directlyConnected": True, "interfaceName": "eth0", "active": True}]},
                {"protocol": "connected", "selected": True, "distance": 0, "metric": 0,
                 "nexthops": [{"fib": True, "directlyConnected": True, "interfaceName": "eth0"}]}],
            "10.0.23.0/24": [{"protocol": "ospf", "selected": True, "distance": 110, "metric": 20, "nexthops": [
                {"fib": True, "ip": "10.0.13.3", "interfaceName": "eth1"},
                {"fib": True, "ip": "10.0.12.2", "interfaceName": "eth0"}]}],
            "10.9.0.0/24": [{"protocol": "static", "selected": True, "distance": 1, "metric": 0, "nexthops": [
                {"ip": "10.7.0.1", "recursive": True, "active": True},
                {"fib": True, "ip": "10.0.12.2", "interfaceName": "eth0", "resolver": True}]}],
            "0.0.0.0/0": [{"protocol": "kernel", "selected": True, "distance": 0, "metric": 0, "nexthops": []}],
        }
        self.assertEqual(lab.normalize_routes(lab.nodes["r1"], table), {
            "10.0.12.0/24": {"protocol": "connected", "distance": 0, "metric": 0, "nexthops": [(None, "eth0")]},
            "10.0.23.0/24": {"protocol": "ospf", "distance": 110, "metric": 20,
                             "nexthops": [("10.0.12.2", "eth0"), ("10.0.13.3", "eth1")]},
            "10.9.0.0/24": {"protocol": "static", "distance": 1, "metric": 0, "nexthops": [("10.0.12.2", "eth0")]},
        })

    def test_vtysh_json_stream(self):
        self.assertEqual(frrlab._parse_json_stream('{"a":1}\n{\n "b":[2]\n}\n% Unknown command\n{}'),
                         [{"a": 1}, {"b": [2]}, "% Unknown command", {}])


def route(protocol, metric, *hops, distance=None, path_type=None):
    entry = {"protocol": protocol, "distance": distance if distance is not None else
             {"connected": 0, "static": 1, "ospf": 110}[protocol], "metric": metric,
             "nexthops": compare.sorted_hops(hops)}
    if path_type:
        entry["path_type"] = path_type
    return entry


class CompareTests(unittest.TestCase):
    def test_identical_tables(self):
        table = {"10.0.0.0/24": route("connected", 0, (None, "eth0"))}
        self.assertEqual(compare.compare({"r1": table}, {"r1": dict(table)}), {})

    def test_connected_metric_is_ignored(self):
        self.assertEqual(compare.compare({"r1": {"10.0.0.0/24": route("connected", 0, (None, "eth0"))}},
                                         {"r1": {"10.0.0.0/24": route("connected", 5, (None, "eth0"))}}), {})

    def test_differences_are_spelled_out(self):
        frr = {"r1": {
            "10.0.1.0/24": route("ospf", 20, ("10.0.12.2", "eth0"), ("10.0.13.3", "eth1")),
            "10.0.2.0/24": route("ospf", 30, ("10.0.12.2", "eth0")),
            "10.0.3.0/24": route("ospf", 11, ("10.0.13.3", "eth1")),
            "10.0.5.0/24": route("ospf", 20, ("10.0.12.2", "eth0")),
        }, "r2": {}}
        netsim = {"r1": {
            "10.0.1.0/24": route("ospf", 20, ("10.0.12.2", "eth0")),
            "10.0.2.0/24": route("ospf", 40, ("10.0.12.2", "eth0")),
            "10.0.4.0/24": route("static", 0, ("10.0.12.2", "eth0")),
            "10.0.5.0/24": route("ospf", 20, ("10.0.12.2", "eth0"), path_type="inter-area"),
        }}
        differences = compare.compare(frr, netsim, {"r1": {"10.0.5.0/24": "intra-area"}})
        self.assertEqual(differences["r2"], ["netsim reported no table for this router"])
        text = "\n".join(differences["r1"])
        self.assertIn("10.0.1.0/24: next hops differ: only FRR has via 10.0.13.3, eth1", text)
        self.assertIn("10.0.2.0/24: metric netsim 40, FRR 30", text)
        self.assertIn("missing in netsim: O    10.0.3.0/24 [110/11] via 10.0.13.3, eth1", text)
        self.assertIn("extra in netsim:   S    10.0.4.0/24 [1/0] via 10.0.12.2, eth0", text)
        self.assertIn("10.0.5.0/24: path type netsim inter-area, FRR intra-area", text)


class NetsimSideTests(unittest.TestCase):
    def test_script_is_replaced(self):
        text = "name: x\nscript:\n  - at: converged\n    device: r1\n    command: ping 1.2.3.4\n# tail\nlinks: []\n"
        result = netsim_side.with_route_script(text, ["r1", "r2"])
        self.assertNotIn("ping", result)
        self.assertIn("links: []", result)
        parsed = yamlsubset.loads(result)
        self.assertEqual([s["device"] for s in parsed["script"]], ["r1", "r2"])
        self.assertTrue(all(s["command"] == "show ip route --json" for s in parsed["script"]))

    def test_report_is_read_from_a_netsim_binary(self):
        """A stand-in netsim prints a run report; the harness reads tables out of it."""
        report = {"log": [], "summary": {}, "results": [
            {"device": "r1", "command": "show ip route --json", "succeeded": True, "output": [
                {"destination": "10.0.3.0/24", "source": "ospf", "distance": 110, "metric": 11,
                 "path_type": "intra-area", "next_hops": [{"address": "10.0.13.3", "interface": "eth1"}]}]},
            {"device": "r2", "command": "show ip route --json", "succeeded": True, "output": []},
            {"device": "r3", "command": "show ip route --json", "succeeded": True, "output": []}]}
        fake = write_temp("#!/bin/sh\ncat <<'EOF'\n" + json.dumps(report) + "\nEOF\n", suffix=".sh")
        os.chmod(fake, os.stat(fake).st_mode | stat.S_IXUSR)
        workdir = tempfile.mkdtemp()
        try:
            model = topo.load(os.path.join(HERE, "topologies", "ospf-triangle.yaml"))
            tables = netsim_side.NetsimRun(fake, model, workdir).tables()
            self.assertEqual(tables["r1"], {"10.0.3.0/24": {"protocol": "ospf", "distance": 110, "metric": 11,
                                                            "path_type": "intra-area",
                                                            "nexthops": [("10.0.13.3", "eth1")]}})
        finally:
            os.unlink(fake)
            for name in os.listdir(workdir):
                os.unlink(os.path.join(workdir, name))
            os.rmdir(workdir)


class GeneratorTests(unittest.TestCase):
    def test_same_seed_same_topology(self):
        self.assertEqual(topogen.generate(5), topogen.generate(5))
        self.assertNotEqual(topogen.generate(5), topogen.generate(6))

    def test_generated_topologies_are_consistent(self):
        for seed in range(1, 60):
            path = write_temp(topogen.generate(seed))
            try:
                model = topo.load(path)
            finally:
                os.unlink(path)
            self.assertGreaterEqual(len(model.ospf_routers), 5)
            for link in model.links:
                networks = {e.ip.network for e in link.endpoints if e.ip is not None}
                self.assertEqual(len(networks), 1, f"seed {seed}: link {link.index} spans subnets")
            areas = {o.area for r in model.ospf_routers for o in model.ospf_interfaces(r).values()}
            self.assertIn("0.0.0.0", areas)
            # Every router has an adjacency: the areas' graphs are connected.
            adjacencies = model.expected_adjacencies()
            for router in model.ospf_routers:
                self.assertTrue(adjacencies[router.name], f"seed {seed}: {router.name} has no neighbor")


if __name__ == "__main__":
    unittest.main()
