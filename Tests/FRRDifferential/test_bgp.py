"""Unit tests of the harness's BGP parts (no root, no FRR needed):

    python3 -m unittest discover -s Tests/FRRDifferential -p 'test_*.py'
"""

import json
import os
import stat
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bgp_expect  # noqa: E402
import bgp_model  # noqa: E402
import compare  # noqa: E402
import frr_bgp  # noqa: E402
import frrlab  # noqa: E402
import netsim_side  # noqa: E402
import topogen_bgp  # noqa: E402
import topology as topo  # noqa: E402
from test_isis import load, load_text  # noqa: E402

TOPOLOGIES = os.path.join(HERE, "topologies")


TWO_ROUTERS = """\
    name: pair
    devices:
      - name: a
        type: router
        router_id: 1.1.1.1
        interfaces: [{ name: eth0, ip: 10.0.0.1/24 }, { name: lo0, ip: 1.1.1.1/32 }]
        bgp:
          as: 65001
          neighbors: [{ ip: 10.0.0.2, remote_as: 65002%(a)s }]
      - name: b
        type: router
        router_id: 2.2.2.2
        interfaces: [{ name: eth0, ip: 10.0.0.2/24 }]
        bgp:
          as: 65002
          neighbors: [{ ip: 10.0.0.1, remote_as: %(b_remote)s%(b)s }]
    links:
      - endpoints: [a:eth0, b:eth0]
    """


def pair(a="", b="", b_remote=65001):
    return load_text(TWO_ROUTERS % {"a": a, "b": b, "b_remote": b_remote})


class BGPModelTests(unittest.TestCase):
    def test_defaults(self):
        model = bgp_model.BGPModel(pair())
        router = model.routers["a"]
        self.assertEqual((router.asn, router.router_id, router.maximum_paths, router.maximum_paths_ibgp),
                         (65001, "1.1.1.1", 1, 1))
        self.assertEqual(router.timers, {"keepalive": 60, "hold": 180, "connect_retry": 120})
        self.assertFalse(any(router.bestpath.values()))
        neighbor = router.neighbors[0]
        self.assertEqual((neighbor.send_community, neighbor.advertisement_interval, neighbor.weight,
                          neighbor.ebgp_multihop, neighbor.internal), (True, 0, 0, 1, False))

    def test_router_id_falls_back_to_the_device_rule(self):
        text = TWO_ROUTERS.replace("        router_id: 1.1.1.1\n", "", 1) % {"a": "", "b": "", "b_remote": 65001}
        self.assertEqual(bgp_model.BGPModel(load_text(text)).routers["a"].router_id, "1.1.1.1")  # the loopback

    def test_sessions_need_both_ends_to_agree(self):
        self.assertEqual(bgp_model.BGPModel(pair()).expected_sessions(),
                         {"a": {"10.0.0.2": "b"}, "b": {"10.0.0.1": "a"}})
        for topology in (pair(b_remote=65009), pair(a=", shutdown: true"), pair(a=", password: x"),
                         pair(a=", password: x", b=", password: y")):
            self.assertEqual(bgp_model.BGPModel(topology).expected_sessions(), {"a": {}, "b": {}})
        self.assertEqual(bgp_model.BGPModel(pair(a=", password: x", b=", password: x")).expected_sessions()["a"],
                         {"10.0.0.2": "b"})

    def test_loopback_sessions_pair_by_update_source(self):
        sessions = bgp_model.BGPModel(load("bgp-ibgp-mesh-ospf.yaml")).expected_sessions()
        self.assertEqual(sessions["r1"], {"2.2.2.2": "r2", "3.3.3.3": "r3", "10.0.100.2": "ext1"})
        self.assertEqual(sessions["r2"], {"1.1.1.1": "r1", "3.3.3.3": "r3"})
        reflectors = bgp_model.BGPModel(load("bgp-route-reflectors.yaml")).expected_sessions()
        self.assertEqual(sorted(reflectors["rr1"].values()), ["c1", "c2", "c3", "c4", "rr2"])
        self.assertEqual(sorted(reflectors["c3"].values()), ["rr1", "rr2"])

    def test_multihop_password_shutdown_and_hold_zero(self):
        model = bgp_model.BGPModel(load("bgp-sessions.yaml"))
        self.assertEqual(model.expected_sessions()["r1"], {"2.2.2.2": "r2", "10.0.15.5": "r5"})
        self.assertEqual(model.expected_sessions()["r3"], {})
        self.assertEqual(model.routers["r5"].timers, {"keepalive": 0, "hold": 0, "connect_retry": 1})
        lab = frrlab.Lab(load("bgp-sessions.yaml"))
        r1 = frr_bgp.config(lab.bgp, lab.nodes["r1"])
        for line in [" neighbor 2.2.2.2 ebgp-multihop 2", " neighbor 2.2.2.2 password s3cret",
                     " neighbor 10.0.15.5 remote-as 4200000005", " neighbor 10.0.15.5 timers 0 0"]:
            self.assertIn(line + "\n", r1)
        self.assertNotIn("10.0.13.3 ebgp-multihop", r1)
        self.assertIn(" neighbor 10.0.14.1 shutdown\n", frr_bgp.config(lab.bgp, lab.nodes["r4"]))

    def test_errors(self):
        cases = {
            ", import: NOPE": "route map NOPE is not defined",
            ", colour: red": "unknown key 'colour'",
            ", update_source: eth9": "update_source eth9 is not an interface",
            ", route_reflector_client: true": "route_reflector_client needs an iBGP neighbor",
        }
        for extra, message in cases.items():
            with self.assertRaisesRegex(topo.TopologyError, message):
                bgp_model.BGPModel(pair(a=extra))

    def test_policy_names_are_unique_across_levels(self):
        text = """\
            name: p
            policies:
              route_maps: { RM: [{ action: permit }] }
            devices:
              - name: a
                type: router
                router_id: 1.1.1.1
                interfaces: [{ name: eth0, ip: 10.0.0.1/24 }]
                policies:
                  route_maps: { RM: [{ action: deny }] }
                bgp: { as: 1 }
            """
        with self.assertRaisesRegex(topo.TopologyError, "defined twice"):
            bgp_model.BGPModel(load_text(text))

    def test_policy_values_are_checked(self):
        policies = bgp_model.Policies()
        with self.assertRaisesRegex(topo.TopologyError, "not a community"):
            policies.add({"community_lists": {"C": [{"action": "permit", "communities": ["65536:1"]}]}}, "p")
        with self.assertRaisesRegex(topo.TopologyError, "action 'allow'"):
            policies.add({"prefix_lists": {"P": [{"action": "allow", "prefix": "10.0.0.0/8"}]}}, "p")
        policies.add({"route_maps": {"R": [{"action": "permit", "match": {"prefix_list": "MISSING"}}]}}, "p")
        with self.assertRaisesRegex(topo.TopologyError, "prefix list MISSING, which is not defined"):
            policies.check_references("r")


class FRRConfigTests(unittest.TestCase):
    def config(self, name, router):
        lab = frrlab.Lab(load(name))
        return frr_bgp.config(lab.bgp, lab.nodes[router])

    def test_router_and_neighbors(self):
        text = self.config("bgp-ibgp-mesh-ospf.yaml", "r1")
        for line in ["router bgp 65100", " bgp router-id 1.1.1.1", " no bgp ebgp-requires-policy",
                     " no bgp default ipv4-unicast", " bgp network import-check", " timers bgp 1 3",
                     " neighbor 2.2.2.2 remote-as 65100", " neighbor 2.2.2.2 update-source 1.1.1.1",
                     " neighbor 2.2.2.2 timers 1 3", " neighbor 2.2.2.2 timers connect 1",
                     " neighbor 2.2.2.2 advertisement-interval 0", " address-family ipv4 unicast",
                     "  maximum-paths 1", "  maximum-paths ibgp 1", "  neighbor 2.2.2.2 activate",
                     "  neighbor 2.2.2.2 next-hop-self", "  neighbor 2.2.2.2 send-community all",
                     "  neighbor 10.0.100.2 activate", " exit-address-family"]:
            self.assertIn(line + "\n", text)
        self.assertNotIn("  neighbor 10.0.100.2 next-hop-self\n", text)
        self.assertNotIn("graceful-restart", text)  # `no bgp graceful-restart` is rejected by FRR
        self.assertIn("  network 10.3.0.0/24\n", self.config("bgp-ibgp-mesh-ospf.yaml", "r3"))

    def test_route_reflection_and_bestpath(self):
        text = self.config("bgp-route-reflectors.yaml", "rr1")
        for line in [" bgp cluster-id 10.0.0.100", " bgp bestpath compare-routerid",
                     "  neighbor 11.11.11.11 route-reflector-client"]:
            self.assertIn(line + "\n", text)
        self.assertNotIn("2.2.2.2 route-reflector-client", text)

    def test_policies(self):
        text = self.config("bgp-policy-exits.yaml", "p2")
        for line in ["ip prefix-list P200 seq 10 permit 10.200.0.0/24",
                     "ip prefix-list P209 seq 10 permit 10.209.0.0/16 ge 24 le 24",
                     "bgp as-path access-list FROM_65002 seq 10 permit ^65002_",
                     "route-map TO_A2 permit 10", " match ip address prefix-list P203", " set metric 10",
                     "route-map TO_A2 permit 20", " set as-path prepend 65002 65002", "route-map TO_A2 permit 30",
                     "  neighbor 10.0.22.1 route-map TO_A2 out"]:
            self.assertIn(line + "\n", text)
        a1 = self.config("bgp-policy-exits.yaml", "a1")
        self.assertIn("route-map FROM_P1 deny 10\n match ip address prefix-list P209\n match as-path FROM_65002\n", a1)
        self.assertIn("  neighbor 10.0.11.2 route-map FROM_P1 in\n", a1)
        self.assertNotIn("TO_A2", a1)  # another router's own policies are not visible

    def test_community_policies(self):
        y1 = self.config("bgp-communities.yaml", "y1")
        for line in ["bgp community-list standard BOTH permit 65010:2 65010:3",
                     "bgp community-list standard FROM_X-10-remove permit 65010:2",
                     "route-map FROM_X permit 10", " match community BOTH", " set local-preference 300",
                     " set comm-list FROM_X-10-remove delete", " set community 65020:2 additive",
                     " set community none", "  no neighbor 10.0.24.4 send-community all",
                     "  neighbor 10.0.24.4 weight 100"]:
            self.assertIn(line + "\n", y1)
        x1 = self.config("bgp-communities.yaml", "x1")
        self.assertIn(" set community 65010:2 65010:3 additive\n", x1)
        self.assertIn(" set community no-export additive\n", x1)

    def test_all_set_clauses(self):
        policies = bgp_model.Policies()
        policies.add({"route_maps": {"ALL": [{"action": "permit", "set": {
            "local_pref": 200, "med": 50, "weight": 100, "origin": "incomplete", "community_add": ["65001:100"],
            "large_community_add": ["65001:1:1"], "as_path_prepend": [65001], "next_hop": "self"}}],
            "HOP": [{"action": "permit", "set": {"next_hop": "10.0.0.1"}}]}}, "p")
        text = "\n".join(frr_bgp.policy_lines(policies))
        for line in [" set local-preference 200", " set metric 50", " set weight 100", " set origin incomplete",
                     " set community 65001:100 additive", " set large-community 65001:1:1 additive",
                     " set as-path prepend 65001", " set ip next-hop peer-address", " set ip next-hop 10.0.0.1"]:
            self.assertIn(line, text.split("\n"))

    def test_removing_all_communities_and_adding_some_replaces_them(self):
        # bgpd keeps one `set community` clause per entry: `none` followed by `... additive`
        # would leave only the addition, so the pair is written as one replacement.
        policies = bgp_model.Policies()
        policies.add({"route_maps": {"NEW": [{"action": "permit", "set": {
            "community_remove": "all", "community_add": ["65001:7"]}}]}}, "p")
        lines = frr_bgp.policy_lines(policies)
        self.assertIn(" set community 65001:7", lines)
        self.assertNotIn(" set community none", lines)
        self.assertFalse([line for line in lines if "additive" in line])

    def test_connect_retry_is_shortened_in_the_lab(self):
        lab = frrlab.Lab(pair())
        self.assertIn(" neighbor 10.0.0.2 timers 60 180\n neighbor 10.0.0.2 timers connect 2\n",
                      frr_bgp.config(lab.bgp, lab.nodes["a"]))


# `show bgp ipv4 unicast json` as FRR 8.4 prints it (trimmed): a learned path, a local one, an
# invalid local one (the network import check failed) and two multipaths.
FRR_TABLE = {"routerId": "4.4.4.4", "localAS": 65004, "routes": {
    "10.1.0.0/24": [{"valid": True, "bestpath": True, "selectionReason": "First path received",
                     "pathFrom": "external", "prefix": "10.1.0.0", "prefixLen": 24, "network": "10.1.0.0/24",
                     "weight": 0, "peerId": "10.0.34.3", "path": "65003 65002 65001", "origin": "IGP",
                     "nexthops": [{"ip": "10.0.34.3", "hostname": "r3", "afi": "ipv4", "used": True}]}],
    "10.4.0.0/24": [{"valid": True, "bestpath": True, "pathFrom": "external", "metric": 0, "weight": 32768,
                     "peerId": "(unspec)", "path": "", "origin": "IGP",
                     "nexthops": [{"ip": "0.0.0.0", "hostname": "r4", "afi": "ipv4", "used": True}]}],
    "10.99.0.0/24": [{"pathFrom": "external", "metric": 0, "weight": 32768, "peerId": "(unspec)", "path": "",
                      "origin": "IGP", "nexthops": [{"ip": "0.0.0.0", "afi": "ipv4", "used": True}]}],
    "10.7.0.0/24": [
        {"valid": True, "multipath": True, "pathFrom": "internal", "metric": 5, "locPrf": 100, "weight": 0,
         "peerId": "2.2.2.2", "path": "65007", "origin": "incomplete",
         "nexthops": [{"ip": "2.2.2.2", "afi": "ipv4", "used": True}]},
        {"valid": True, "bestpath": True, "multipath": True, "pathFrom": "internal", "metric": 5, "locPrf": 100,
         "weight": 0, "peerId": "1.1.1.1", "path": "65007", "origin": "incomplete",
         "nexthops": [{"ip": "1.1.1.1", "afi": "ipv4", "used": True}]}]}}


class FRRTableTests(unittest.TestCase):
    def test_paths_are_normalized(self):
        table = frr_bgp.normalize_table(FRR_TABLE)
        learned = table["10.1.0.0/24"][0]
        self.assertEqual((learned["next_hop"], learned["as_path"], learned["origin"], learned["med"],
                          learned["local_pref"], learned["peer"], learned["internal"]),
                         ("10.0.34.3", "65003 65002 65001", "igp", None, None, "10.0.34.3", False))
        local = table["10.4.0.0/24"][0]
        self.assertEqual((local["peer"], local["next_hop"], local["weight"], local["med"]), (None, "0.0.0.0", 32768, 0))
        self.assertFalse(table["10.99.0.0/24"][0]["valid"])
        self.assertEqual([p["next_hop"] for p in table["10.7.0.0/24"]], ["1.1.1.1", "2.2.2.2"])  # best first

    def test_best_paths_and_multipath(self):
        best = compare.bgp_best_paths(frr_bgp.normalize_table(FRR_TABLE))
        self.assertNotIn("10.99.0.0/24", best)
        self.assertEqual(best["10.7.0.0/24"]["multipath"], ["1.1.1.1", "2.2.2.2"])
        self.assertEqual((best["10.7.0.0/24"]["origin"], best["10.7.0.0/24"]["local_pref"]), ("incomplete", 100))
        self.assertNotIn("communities", best["10.7.0.0/24"])

    def test_communities_come_from_the_prefix_details(self):
        table = frr_bgp.normalize_table(FRR_TABLE)
        details = [{"prefix": "10.7.0.0/24", "paths": [
            {"community": {"string": "65001:100 no-export"}, "nexthops": [{"ip": "1.1.1.1"}],
             "peer": {"peerId": "1.1.1.1"}},
            {"nexthops": [{"ip": "2.2.2.2"}], "peer": {"peerId": "2.2.2.2"}}]},
            {"prefix": "10.4.0.0/24", "paths": [{"nexthops": [{"ip": "0.0.0.0"}], "peer": {"peerId": "0.0.0.0"}}]},
            "% Network not in table"]
        frr_bgp.add_communities(table, details)
        self.assertEqual(table["10.7.0.0/24"][0]["communities"], ["65001:100", "no-export"])
        self.assertEqual(table["10.7.0.0/24"][1]["communities"], [])
        self.assertEqual(table["10.4.0.0/24"][0]["communities"], [])
        self.assertIsNone(table["10.1.0.0/24"][0]["communities"])

    def test_session_problems(self):
        summary = {"ipv4Unicast": {"peers": {
            "10.0.0.2": {"state": "Established", "inq": 0, "outq": 0},
            "10.0.0.3": {"state": "Active"},
            "10.0.0.4": {"state": "Established", "inq": 0, "outq": 2}}}}
        expected = {"10.0.0.2": "b", "10.0.0.3": "c", "10.0.0.4": "d", "10.0.0.5": "e"}
        self.assertEqual(frr_bgp.session_problems(summary, expected), [
            "session with c (10.0.0.3) is Active", "session with d (10.0.0.4) has messages queued",
            "session with e (10.0.0.5) not configured in bgpd"])

    def test_neighbor_settings_are_read_back(self):
        model = bgp_model.BGPModel(load("bgp-ibgp-mesh-ospf.yaml"))
        r1 = model.routers["r1"]
        good = {
            "2.2.2.2": {"remoteAs": 65100, "bgpState": "Established", "hostLocal": "1.1.1.1",
                        "updateSource": "1.1.1.1", "bgpTimerConfiguredHoldTimeMsecs": 3000,
                        "bgpTimerConfiguredKeepAliveIntervalMsecs": 1000, "minBtwnAdvertisementRunsTimerMsecs": 0,
                        "addressFamilyInfo": {"ipv4Unicast": {"routerAlwaysNextHop": True}}},
            "3.3.3.3": {"remoteAs": 65100, "bgpState": "Active", "updateSource": "1.1.1.1",
                        "bgpTimerConfiguredHoldTimeMsecs": 3000, "bgpTimerConfiguredKeepAliveIntervalMsecs": 1000,
                        "minBtwnAdvertisementRunsTimerMsecs": 0,
                        "addressFamilyInfo": {"ipv4Unicast": {"routerAlwaysNextHop": True}}},
            "10.0.100.2": {"remoteAs": 65200, "bgpState": "Established", "hostLocal": "10.0.100.1",
                           "bgpTimerConfiguredHoldTimeMsecs": 3000, "bgpTimerConfiguredKeepAliveIntervalMsecs": 1000,
                           "minBtwnAdvertisementRunsTimerMsecs": 0, "addressFamilyInfo": {"ipv4Unicast": {}}}}
        self.assertEqual(frr_bgp.neighbor_problems(model, r1, good), [])
        bad = json.loads(json.dumps(good))
        bad["2.2.2.2"]["hostLocal"] = "10.0.12.1"
        bad["10.0.100.2"]["addressFamilyInfo"]["ipv4Unicast"]["routeReflectorClient"] = True
        del bad["3.3.3.3"]
        self.assertEqual(frr_bgp.neighbor_problems(model, r1, bad), [
            "r1 neighbor 2.2.2.2: local address wanted 1.1.1.1, bgpd has 10.0.12.1",
            "r1 neighbor 3.3.3.3: not in bgpd",
            "r1 neighbor 10.0.100.2: route reflector client wanted False, bgpd has True"])


def path(next_hop, as_path="65002", best=True, **extra):
    entry = {"best": best, "multipath": False, "valid": True, "next_hop": next_hop, "as_path": as_path,
             "origin": "igp", "med": None, "local_pref": None, "weight": 0, "peer": next_hop, "internal": False,
             "communities": []}
    entry.update(extra)
    return entry


class BGPCompareTests(unittest.TestCase):
    def test_identical(self):
        table = {"10.1.0.0/24": [path("10.0.12.2"), path("10.0.13.3", best=False)]}
        self.assertEqual(compare.compare_bgp({"r1": table}, {"r1": table}), {})

    def test_differences(self):
        frr = {"r1": {"10.1.0.0/24": [path("10.0.12.2", "65002 65001")],
                      "10.2.0.0/24": [path("10.0.12.2", multipath=True), path("10.0.13.3", best=False, multipath=True)],
                      "10.3.0.0/24": [path("10.0.12.2")],
                      "10.5.0.0/24": [path("10.0.12.2", communities=["65001:1"], local_pref=200)]},
               "r2": {}}
        netsim = {"r1": {"10.1.0.0/24": [path("10.0.13.3", "65003 65001")],
                         "10.2.0.0/24": [path("10.0.12.2")],
                         "10.4.0.0/24": [path("10.0.12.2")],
                         "10.5.0.0/24": [path("10.0.12.2", communities=[], local_pref=200)]}}
        differences = compare.compare_bgp(frr, netsim)
        self.assertEqual(differences["r2"], ["netsim reported no BGP table for this router"])
        text = "\n".join(differences["r1"])
        self.assertIn('BGP 10.1.0.0/24: next hop netsim 10.0.13.3, FRR 10.0.12.2; as path netsim 65003 65001, '
                      'FRR 65002 65001', text)
        self.assertIn("BGP 10.2.0.0/24: multipath netsim ['10.0.12.2'], FRR ['10.0.12.2', '10.0.13.3']", text)
        self.assertIn('no best path in netsim: *> 10.3.0.0/24 via 10.0.12.2 path "65002"', text)
        self.assertIn('best path only in netsim: *> 10.4.0.0/24', text)
        self.assertIn("BGP 10.5.0.0/24: communities netsim [], FRR ['65001:1']", text)

    def test_communities_compare_only_when_both_sides_have_them(self):
        frr = {"r1": {"10.1.0.0/24": [path("10.0.12.2", communities=None)]}}
        netsim = {"r1": {"10.1.0.0/24": [path("10.0.12.2", communities=["65001:1"])]}}
        self.assertEqual(compare.compare_bgp(frr, netsim), {})


class ExpectationTests(unittest.TestCase):
    TEXT = textwrap.dedent("""\
        name: x
        # bgp-expect: r4 10.1.0.0/24 via 10.0.34.3 path "65003 65002 65001" origin igp med - weight 0
        #   bgp-expect: r1 10.2.0.0/24 via 10.0.12.2,10.0.13.3 local-pref 200 communities "no-export 65001:1"
        # bgp-expect: r1 10.9.0.0/24 absent
        devices: []
        """)

    def test_parse(self):
        first, second, third = bgp_expect.parse(self.TEXT)
        self.assertEqual((first.line_number, first.router, first.prefix), (2, "r4", "10.1.0.0/24"))
        self.assertEqual(first.fields, {"next_hop": "10.0.34.3", "as_path": "65003 65002 65001", "origin": "igp",
                                        "med": None, "weight": 0})
        self.assertEqual(second.fields, {"multipath": ["10.0.12.2", "10.0.13.3"], "local_pref": 200,
                                         "communities": ["65001:1", "no-export"]})
        self.assertTrue(third.absent)

    def test_check(self):
        expectations = bgp_expect.parse(self.TEXT)
        tables = {"r4": {"10.1.0.0/24": [path("10.0.34.3", "65003 65002 65001")]},
                  "r1": {"10.2.0.0/24": [path("10.0.12.2", local_pref=200, multipath=True,
                                              communities=["no-export", "65001:1"]),
                                         path("10.0.13.3", best=False, multipath=True)]}}
        self.assertEqual(bgp_expect.check(expectations, tables), [])
        tables["r4"]["10.1.0.0/24"] = [path("10.0.34.3", "65003 65001")]
        tables["r1"]["10.9.0.0/24"] = [path("10.0.12.2")]
        failures = bgp_expect.check(expectations, tables)
        self.assertEqual(len(failures), 2)
        self.assertIn("line 2: r4 10.1.0.0/24: as path '65003 65001', expected '65003 65002 65001'", failures[0])
        self.assertIn("line 4: r1 10.9.0.0/24: expected no best path", failures[1])
        self.assertEqual(bgp_expect.check(expectations, {}), [f"{e!r}: {e.router} has no BGP table"
                                                               for e in expectations])

    def test_malformed(self):
        for line, message in [("r1 10.0.0.0/24", "needs a router"), ("r1 10.0.0.300/24 absent", "not a prefix"),
                              ("r1 10.0.0.0/24 via", "pairs"), ("r1 10.0.0.0/24 colour red", "unknown key")]:
            with self.assertRaisesRegex(bgp_expect.ExpectationError, message):
                bgp_expect.parse(f"# bgp-expect: {line}\n")

    def test_every_case_file_parses(self):
        for name in sorted(os.listdir(TOPOLOGIES)):
            if name.startswith("bgp-"):
                with open(os.path.join(TOPOLOGIES, name)) as handle:
                    expectations = bgp_expect.parse(handle.read())
                self.assertTrue(expectations, f"{name} has no bgp-expect lines")
                routers = bgp_model.BGPModel(load(name)).routers
                for expectation in expectations:
                    self.assertIn(expectation.router, routers, f"{name}: {expectation!r}")


class NetsimBGPTests(unittest.TestCase):
    def run_fake(self, script):
        fake = tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False)
        fake.write("#!/bin/sh\n" + script)
        fake.close()
        os.chmod(fake.name, os.stat(fake.name).st_mode | stat.S_IXUSR)
        workdir = tempfile.mkdtemp()
        try:
            run = netsim_side.NetsimRun(fake.name, load("bgp-ebgp-chain.yaml"), workdir)
            return run.tables(), run.bgp_tables()
        finally:
            os.unlink(fake.name)
            for name in os.listdir(workdir):
                os.unlink(os.path.join(workdir, name))
            os.rmdir(workdir)

    def test_script_asks_every_bgp_router(self):
        result = netsim_side.with_route_script("name: x\n", ["r1", "h1"], ["r1"])
        self.assertEqual(result.count("show ip route --json"), 2)
        self.assertEqual(result.count("show ip bgp --json"), 1)

    def test_bgp_tables_are_read(self):
        bgp = {"router_id": "4.4.4.4", "local_as": 65004, "routes": [{"prefix": "10.1.0.0/24", "paths": [
            {"best": True, "valid": True, "multipath": False, "next_hop": "10.0.34.3", "med": None,
             "local_pref": None, "weight": 0, "as_path": "65003 65002 65001", "origin": "igp",
             "peer": "10.0.34.3", "internal": False, "communities": ["65001:100"]}]}]}
        results = [{"device": r, "command": c, "succeeded": True, "output": bgp if "bgp" in c else []}
                   for r in ("r1", "r2", "r3", "r4") for c in ("show ip route --json", "show ip bgp --json")]
        _, tables = self.run_fake("cat <<'EOF'\n" + json.dumps({"results": results}) + "\nEOF\n")
        best = compare.bgp_best_paths(tables["r4"])["10.1.0.0/24"]
        self.assertEqual((best["next_hop"], best["as_path"], best["communities"]),
                         ("10.0.34.3", "65003 65002 65001", ["65001:100"]))

    def test_a_netsim_without_bgp_is_recognized(self):
        for message in ["error: 'bgp' is not supported yet in this netsim version",
                        "error: script command 'show ip bgp --json': unknown word 'bgp' after 'show ip'; expected"]:
            with self.assertRaises(netsim_side.NetsimLacksBGP):
                self.run_fake(f"echo \"x.yaml:6:5: {message}\" >&2\nexit 2\n")
        with self.assertRaises(netsim_side.NetsimError) as raised:
            self.run_fake("echo 'x.yaml:1:1: error: unknown key' >&2\nexit 2\n")
        self.assertNotIsInstance(raised.exception, netsim_side.NetsimLacksBGP)


class GeneratorTests(unittest.TestCase):
    def test_same_seed_same_topology(self):
        self.assertEqual(topogen_bgp.generate(3), topogen_bgp.generate(3))
        self.assertNotEqual(topogen_bgp.generate(3), topogen_bgp.generate(4))

    def test_every_configured_session_comes_up(self):
        """Generated files are consistent: every neighbor pairs with one on the other router,
        so FRR must reach Established on all of them; every AS has an eBGP border."""
        for seed in range(1, 40):
            model = bgp_model.BGPModel(load_text(topogen_bgp.generate(seed)))
            sessions = model.expected_sessions()
            for name, router in model.routers.items():
                self.assertEqual(sorted(sessions[name]), sorted(n.ip for n in router.neighbors),
                                 f"seed {seed}: {name}")
                self.assertEqual(router.bestpath["compare_routerid"], True)
            systems = {router.asn for router in model.routers.values()}
            borders = {router.asn for router in model.routers.values() if any(not n.internal for n in router.neighbors)}
            self.assertEqual(systems, borders, f"seed {seed}")
            self.assertGreaterEqual(len(systems), 2)


if __name__ == "__main__":
    unittest.main()
