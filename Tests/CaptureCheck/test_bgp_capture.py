"""Unit tests of the BGP capture reader and checks (no tshark, no netsim needed):

    python3 -m unittest discover -s Tests/CaptureCheck -p 'test_*.py'

The JSON below has the shape tshark 4.0 gives with `-T json -J "frame ip tcp bgp"` (taken from
captures of examples/bgp-multi-as.yaml), cut down to the fields the reader uses; duplicate keys
are written out as tshark writes them.
"""

import json
import os
import sys
import unittest
from types import SimpleNamespace

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bgp_capture  # noqa: E402


def obj(*pairs):
    """A JSON object's text with its keys in order, duplicates kept."""
    return "{" + ",".join(f"{json.dumps(key)}:{value if isinstance(value, str) and value[:1] in '{[' else json.dumps(value)}"
                          for key, value in pairs) + "}"


def packet(number, interface, sent, source, destination, stream, *bgp_layers, time="0.005000000"):
    layers = [("frame", obj(("frame.interface_id_tree", obj(("frame.interface_name", interface))),
                            ("frame.time_epoch", time), ("frame.number", str(number)),
                            ("frame.p2p_dir", "0" if sent else "1"))),
              ("ip", obj(("ip.src", source), ("ip.dst", destination))),
              ("tcp", obj(("tcp.srcport", "179"), ("tcp.dstport", "36716"), ("tcp.stream", str(stream))))]
    layers += [("bgp", layer) for layer in bgp_layers]
    return obj(("_index", "packets"), ("_source", obj(("layers", obj(*layers)))))


def keepalive():
    return obj(("bgp.length", "19"), ("bgp.type", "4"))


def notification():
    return obj(("bgp.length", "21"), ("bgp.type", "3"), ("bgp.notify.major_error", "6"))


def open_message(my_as="65002", hold="180", identifier="2.2.2.2", four_octet="65002"):
    capability = obj(("bgp.cap.type", "65"), ("bgp.cap.length", "4"), ("bgp.cap.4as", four_octet))
    return obj(("bgp.length", "49"), ("bgp.type", "1"), ("bgp.open.myas", my_as), ("bgp.open.holdtime", hold),
               ("bgp.open.identifier", identifier),
               ("bgp.open.opt", obj(("bgp.open.opt.param", obj(("bgp.open.opt.param.type", "2"), ("bgp.cap", capability))))))


def attribute(code, *fields):
    return obj(("bgp.update.path_attribute.flags", "0x40"), ("bgp.update.path_attribute.type_code", str(code)), *fields)


def segment(kind, *numbers, width="as4"):
    return obj(("bgp.update.path_attribute.as_path_segment.type", str(kind)),
               *((f"bgp.update.path_attribute.as_path_segment.{width}", str(n)) for n in numbers))


def community(high, low):
    return obj(("bgp.update.path_attribute.community_as", str(high)),
               ("bgp.update.path_attribute.community_value", str(low)))


def update(nlri=(), withdrawn=(), path=(65002, 65001), next_hop="10.0.23.2", med=None, communities=((65001, 100),)):
    layer = [("bgp.type", "2")]
    if withdrawn:
        layer.append(("bgp.update.withdrawn_routes", obj(*((p, obj(("bgp.prefix_length", p.split("/")[1]),
                                                                   ("bgp.withdrawn_prefix", p.split("/")[0])))
                                                           for p in withdrawn))))
    if nlri:
        attributes = [attribute(1, ("bgp.update.path_attribute.origin", "0")),
                      attribute(2, ("bgp.update.path_attribute.as_path_segment", segment(2, *path))),
                      attribute(3, ("bgp.update.path_attribute.next_hop", next_hop))]
        if med is not None:
            attributes.append(attribute(4, ("bgp.update.path_attribute.multi_exit_disc", str(med))))
        if communities:
            attributes.append(attribute(8, ("bgp.update.path_attribute.communities",
                                            obj(*(("bgp.update.path_attribute.community", community(*c))
                                                  for c in communities)))))
        layer.append(("bgp.update.path_attributes",
                      obj(*(("bgp.update.path_attribute", a) for a in attributes))))
        layer.append(("bgp.update.nlri", obj(*((p, obj(("bgp.prefix_length", p.split("/")[1]),
                                                       ("bgp.nlri_prefix", p.split("/")[0]))) for p in nlri))))
    return obj(*layer)


def read(*packets):
    return bgp_capture.messages(bgp_capture.parse("[" + ",".join(packets) + "]"))


R2, R3 = "10.0.23.2", "10.0.23.3"
ROUTE = {"as_path": "65002 65001", "communities": ["65001:100"], "next_hop": R2, "origin": "igp",
         "med": None, "local_pref": None}


class ReadingTests(unittest.TestCase):
    def test_every_bgp_layer_of_a_frame_is_a_message(self):
        found = read(packet(7, "r3:eth0", False, R2, R3, 0, update(nlri=["10.1.0.0/24"]), keepalive()))
        self.assertEqual([m.type_name for m in found], ["updates", "keepalives"])
        self.assertEqual((found[0].interface, found[0].sent, found[0].number), ("r3:eth0", False, 7))
        self.assertEqual(found[0].connection, ("r3:eth0", 0))
        self.assertEqual(found[0].nlri, ["10.1.0.0/24"])
        self.assertEqual(found[0].attributes, ROUTE)

    def test_update_attributes_read_as_netsim_prints_them(self):
        found = read(packet(1, "r3:eth0", False, R2, R3, 0,
                            update(nlri=["10.1.0.0/24", "10.2.0.0/16"], med=20,
                                   communities=((65001, 100), (65535, 65281)))))
        self.assertEqual(found[0].nlri, ["10.1.0.0/24", "10.2.0.0/16"])
        self.assertEqual(found[0].attributes["med"], 20)
        self.assertEqual(found[0].attributes["communities"], ["65001:100", "65535:65281"])

    def test_withdrawals_and_end_of_rib(self):
        found = read(packet(1, "r3:eth0", False, R2, R3, 0, update(withdrawn=["10.1.0.0/24"])),
                     packet(2, "r3:eth0", False, R2, R3, 0, update()))
        self.assertEqual((found[0].withdrawn, found[0].nlri, found[0].attributes), (["10.1.0.0/24"], [], None))
        self.assertEqual((found[1].withdrawn, found[1].nlri), ([], []))

    def test_open_fields(self):
        found = read(packet(1, "r2:eth1", True, R2, R3, 0, open_message()))
        self.assertEqual(found[0].open, {"my_as": 65002, "hold_time": 180, "identifier": "2.2.2.2",
                                         "four_octet_as": 65002})

    def test_as_path_sets_and_two_octet_numbers(self):
        path = bgp_capture.parse("[" + segment(2, 65002, 65001, width="as2") + "," + segment(1, 3, 4) + "]")
        self.assertEqual(bgp_capture.as_path_text(path), "65002 65001 {3,4}")

    def test_well_known_community_by_name(self):
        node = bgp_capture.parse(obj(("bgp.update.path_attribute.community_wellknown", "0xffffff01")))
        self.assertEqual(bgp_capture.community_text(node), "no-export")


class RIBTests(unittest.TestCase):
    def test_announce_then_withdraw_leaves_nothing(self):
        found = read(packet(1, "r3:eth0", False, R2, R3, 0, update(nlri=["10.1.0.0/24"])),
                     packet(2, "r3:eth0", False, R2, R3, 0, update(withdrawn=["10.1.0.0/24"])))
        self.assertEqual(bgp_capture.adj_rib_in(found, R2, R3), {})

    def test_the_connection_of_the_last_message_counts(self):
        found = read(packet(1, "r3:eth0", False, R2, R3, 0, update(nlri=["10.9.0.0/16"])),
                     packet(2, "r3:eth0", False, R2, R3, 1, update(nlri=["10.1.0.0/24"])),
                     packet(3, "r3:eth0", False, R2, R3, 1, keepalive()))
        self.assertEqual(bgp_capture.adj_rib_in(found, R2, R3), {"10.1.0.0/24": ROUTE})

    def test_a_notification_empties_the_table(self):
        found = read(packet(1, "r3:eth0", False, R2, R3, 0, update(nlri=["10.1.0.0/24"])),
                     packet(2, "r3:eth0", True, R3, R2, 0, notification()))
        self.assertEqual(bgp_capture.adj_rib_in(found, R2, R3), {})

    def test_sent_copies_are_not_what_the_receiver_took_in(self):
        found = read(packet(1, "r2:eth1", True, R2, R3, 0, update(nlri=["10.1.0.0/24"])))
        self.assertIsNone(bgp_capture.adj_rib_in(found, R2, R3))

    def test_routes_compared_with_received_routes(self):
        found = read(packet(1, "r3:eth0", False, R2, R3, 0, update(nlri=["10.1.0.0/24"])))
        shown = {"routes": [dict(ROUTE, prefix="10.1.0.0/24", rejected=False)]}
        self.assertEqual(bgp_capture.check_routes(found, R2, R3, shown), [])
        shown["routes"][0]["as_path"] = "65002"
        self.assertEqual(len(bgp_capture.check_routes(found, R2, R3, shown)), 1)
        self.assertEqual(len(bgp_capture.check_routes(found, R2, R3, {"routes": []})), 1)
        self.assertEqual(len(bgp_capture.check_routes(found, R2, R3, None)), 1)


def entry(local, peer, sent=None, received=None, router_id="2.2.2.2"):
    zero = {name: 0 for name in bgp_capture.MESSAGE_TYPES.values()}
    return {"local_address": local, "peer": peer, "remote_router_id": router_id,
            "messages_sent": dict(zero, **(sent or {})), "messages_received": dict(zero, **(received or {}))}


class CountTests(unittest.TestCase):
    def test_what_arrives_after_the_receivers_notification_is_not_counted(self):
        found = read(packet(1, "r3:eth0", False, R2, R3, 4, open_message()),
                     packet(2, "r3:eth0", True, R3, R2, 4, notification()),
                     packet(3, "r3:eth0", False, R2, R3, 4, keepalive()),
                     packet(4, "r3:eth0", False, R2, R3, 5, keepalive()))
        self.assertEqual(bgp_capture.counts(found, R2, R3, False, 1e9),
                         {"opens": 1, "updates": 0, "notifications": 0, "keepalives": 1, "route_refresh": 0})

    def test_counters_against_the_wire(self):
        found = read(packet(1, "r2:eth1", True, R2, R3, 0, keepalive()),
                     packet(2, "r3:eth0", False, R2, R3, 0, keepalive()),
                     packet(3, "r2:eth1", True, R2, R3, 0, keepalive(), time="700.0"))
        entries = {(R2, R3): entry(R2, R3, sent={"keepalives": 1}),
                   (R3, R2): entry(R3, R2, received={"keepalives": 1})}
        self.assertEqual(bgp_capture.check_counts(found, entries, 600000), [])
        self.assertEqual(len(bgp_capture.check_counts(found, entries, 800000)), 1)
        entries[(R3, R2)]["messages_received"]["keepalives"] = 2
        self.assertEqual(len(bgp_capture.check_counts(found, entries, 600000)), 1)


class OpenTests(unittest.TestCase):
    def setUp(self):
        r3 = SimpleNamespace(name="r3", asn=65003, router_id="3.3.3.3", neighbors=[])
        r2 = SimpleNamespace(name="r2", asn=65002, router_id="2.2.2.2",
                             neighbors=[SimpleNamespace(ip=R3, timers={"hold": 180})])
        owners = {R2: (r2, None), R3: (r3, None)}
        self.model = SimpleNamespace(owner=owners.get)
        self.entries = {(R2, R3): entry(R2, R3, router_id="3.3.3.3"), (R3, R2): entry(R3, R2)}

    def findings(self, message, entries=None):
        found = read(packet(1, "r2:eth1", True, R2, R3, 0, message))
        return bgp_capture.check_opens(found, self.model, entries or self.entries)

    def test_a_right_open(self):
        self.assertEqual(self.findings(open_message()), [])

    def test_each_wrong_field_is_found(self):
        for wrong in (open_message(my_as="65003"), open_message(hold="90"), open_message(identifier="9.9.9.9"),
                      open_message(four_octet="65009")):
            self.assertEqual(len(self.findings(wrong)), 1 + ("9.9.9.9" in wrong), wrong)

    def test_receiver_must_show_the_identifier(self):
        self.entries[(R3, R2)]["remote_router_id"] = "2.2.2.9"
        self.assertEqual(len(self.findings(open_message())), 1)

    def test_sender_must_show_the_session_from_that_address(self):
        del self.entries[(R2, R3)]
        self.assertEqual(len(self.findings(open_message())), 1)

    def test_as_trans_above_65535(self):
        r2, _ = self.model.owner(R2)
        r2.asn = 4200000000
        self.assertEqual(self.findings(open_message(my_as="23456", four_octet="4200000000")), [])


class HoldTimeTests(unittest.TestCase):
    def test_the_smaller_offer_on_the_sessions_connection(self):
        found = read(packet(1, "r3:eth0", True, R3, R2, 0, open_message(hold="90", identifier="3.3.3.3")),
                     packet(2, "r3:eth0", False, R2, R3, 0, open_message(hold="180")),
                     packet(3, "r3:eth0", False, R2, R3, 1, open_message(hold="30")),
                     packet(4, "r3:eth0", False, R2, R3, 0, keepalive()))
        entries = {(R3, R2): dict(entry(R3, R2), state="Established", hold_time=90)}
        self.assertEqual(bgp_capture.check_hold_times(found, entries), [])
        entries[(R3, R2)]["hold_time"] = 30
        self.assertEqual(len(bgp_capture.check_hold_times(found, entries)), 1)
        entries[(R3, R2)]["state"] = "Active"
        self.assertEqual(bgp_capture.check_hold_times(found, entries), [])


class ExpertTests(unittest.TestCase):
    def test_accepted_notes_and_chats_pass(self):
        rows = [("1", 0x00400000, '"Time To Live" only 1'), ("2", 0x00200000, "Connection finish (FIN)"),
                ("3", 0x00400000, "This frame initiates the connection closing")]
        self.assertEqual(bgp_capture.expert_findings(rows, lossy=False), [])

    def test_retransmissions_only_where_frames_are_lost(self):
        rows = [("4", 0x00400000, "This frame is a (suspected) retransmission"),
                ("5", 0x00400000, "Duplicate ACK (#3)")]
        self.assertEqual(len(bgp_capture.expert_findings(rows, lossy=False)), 2)
        self.assertEqual(bgp_capture.expert_findings(rows, lossy=True), [])

    def test_warnings_fail_even_on_lossy_links(self):
        rows = [("5", 0x00600000, "ACKed segment that wasn't captured (common at capture start)"),
                ("6", 0x00800000, "Bad checksum [should be 0x1234]")]
        self.assertEqual(len(bgp_capture.expert_findings(rows, lossy=True)), 2)


if __name__ == "__main__":
    unittest.main()
