"""BGP messages as Wireshark reads them out of a capture, compared with what the routers say.

Messages are read per capture point (one interface's frames, both directions, as tcpdump on
that port would see them), where each segment appears once and TCP reassembly is sound.
tshark's JSON (`-T json`) is read with every duplicate key kept (a frame holding two BGP
messages has two `bgp` layers; an UPDATE has one `path_attribute` per attribute), and each
message becomes a `Message`: who sent it to whom, seen on which interface in which direction,
on which TCP connection (capture point and tshark's stream index there), and its OPEN or UPDATE fields in the shape of
netsim's `--json` output. The checks take those messages plus the routers' JSON and the
topology's BGP model (Tests/FRRDifferential/bgp_model.py) and return findings, one line each:

- OPENs: My AS (AS_TRANS 23456 above 65535) and the 4-octet AS capability equal the sender's AS,
  hold time the sender's configured hold time for that neighbor, BGP identifier the sender's
  router ID; the receiver's `show bgp neighbors --json` has that identifier as
  `remote_router_id`, the sender's has the segment's source address as `local_address`; an
  Established session's `hold_time` is the smaller of the two OPENs' on its connection.
- UPDATEs: replaying, per pair of routers, the UPDATEs the receiver took in on the connection
  that carried the pair's last message gives exactly the receiver's Adj-RIB-In
  (`show bgp neighbors ADDRESS received-routes --json`): the same prefixes with the same
  AS_PATH, NEXT_HOP, communities, ORIGIN, MED and LOCAL_PREF.
- Counts: per direction and message type, the messages the sender put on the wire equal its
  `messages_sent`, and those the receiver's interface took in equal its `messages_received`
  (leaving out what arrives on a connection after the receiver sent its NOTIFICATION there).
- Expert notes on TCP frames, read per capture point: only `ACCEPTED_NOTES` (and, where a link
  loses frames, `LOSS_NOTES`) may appear.

Where a link loses frames the counts and the Adj-RIB-In replay are not checked: Wireshark does
not hand a segment it takes for a retransmission to the BGP dissector, so the messages a
receiver took in from resent segments are not readable from the capture.
"""

import json

MESSAGE_TYPES = {1: "opens", 2: "updates", 3: "notifications", 4: "keepalives", 5: "route_refresh"}
AS_TRANS = 23456
ORIGINS = {0: "igp", 1: "egp", 2: "incomplete"}
WELL_KNOWN = {0xFFFF0000: "graceful-shutdown", 0xFFFF029A: "blackhole", 0xFFFFFF01: "no-export",
              0xFFFFFF02: "no-advertise", 0xFFFFFF03: "local-AS"}
SEVERITY_NOTE = 0x00400000
# Expert notes a correct capture of BGP sessions carries, per capture point:
# - single-hop eBGP runs with IP TTL 1 (FRR's default, the peer must be directly connected),
#   and Wireshark notes any unicast packet with TTL 1.
# - a connection closes with FIN (the loser of a collision, RFC 4271 section 6.8), and Wireshark
#   notes which end closed first.
ACCEPTED_NOTES = {'"Time To Live" only 1', "This frame initiates the connection closing",
                  "This frame undergoes the connection closing"}
# Where a link loses frames, TCP recovers and Wireshark says so: the sender resends
# (retransmission, fast retransmission after duplicate ACKs; spurious where the lost frame was
# the ACK, so the capture point saw the data acknowledged), the receiver acknowledges again
# (duplicate ACK #n), and at the receiving end the lost segment is missing from the capture.
LOSS_NOTES = {"This frame is a (suspected) retransmission",
              "This frame is a (suspected) fast retransmission",
              "This frame is a (suspected) spurious retransmission",
              "Previous segment(s) not captured (common at capture start)"}
LOSS_NOTE_PREFIXES = ("Duplicate ACK (#",)


def parse(text):
    """tshark's JSON with each object a list of (key, value) pairs, duplicates kept in order."""
    return json.loads(text, object_pairs_hook=list)


def find(node, key):
    """Every value named `key` anywhere under a parsed node, in document order."""
    if isinstance(node, list):
        for item in node:
            if isinstance(item, tuple):
                name, value = item
                if name == key:
                    yield value
                yield from find(value, key)
            else:
                yield from find(item, key)


def first(node, key, default=None):
    return next(find(node, key), default)


def as_path_text(segments):
    """AS_PATH as netsim and FRR print it: sequences space-separated, sets in braces."""
    parts = []
    for segment in segments:
        kind = int(first(segment, "bgp.update.path_attribute.as_path_segment.type", "2"))
        numbers = [value for name in ("bgp.update.path_attribute.as_path_segment.as4",
                                      "bgp.update.path_attribute.as_path_segment.as2")
                   for value in find(segment, name)]
        parts.append("{" + ",".join(numbers) + "}" if kind == 1 else " ".join(numbers))
    return " ".join(part for part in parts if part)


def community_text(community):
    well_known = first(community, "bgp.update.path_attribute.community_wellknown")
    if well_known is not None:
        value = int(well_known, 0)
        return WELL_KNOWN.get(value, f"{value >> 16}:{value & 0xFFFF}")
    return (f"{first(community, 'bgp.update.path_attribute.community_as')}:"
            f"{first(community, 'bgp.update.path_attribute.community_value')}")


def attributes(bgp):
    """The path attributes of one UPDATE as netsim's received-routes shows them."""
    result = {"as_path": "", "communities": [], "next_hop": None, "origin": None, "med": None, "local_pref": None}
    for attribute in find(bgp, "bgp.update.path_attribute"):
        code = int(first(attribute, "bgp.update.path_attribute.type_code", "0"))
        if code == 1:
            origin = int(first(attribute, "bgp.update.path_attribute.origin"))
            result["origin"] = ORIGINS.get(origin, str(origin))
        elif code == 2:
            result["as_path"] = as_path_text(list(find(attribute, "bgp.update.path_attribute.as_path_segment")))
        elif code == 3:
            result["next_hop"] = first(attribute, "bgp.update.path_attribute.next_hop")
        elif code == 4:
            result["med"] = int(first(attribute, "bgp.update.path_attribute.multi_exit_disc"))
        elif code == 5:
            result["local_pref"] = int(first(attribute, "bgp.update.path_attribute.local_pref"))
        elif code == 8:
            result["communities"] = [community_text(c) for c in find(attribute, "bgp.update.path_attribute.community")]
    return result


def prefixes(bgp, section, field):
    """The prefixes (a.b.c.d/len) of an UPDATE's withdrawn routes or NLRI section."""
    found = []
    for node in find(bgp, section):
        for item in node if isinstance(node, list) else []:
            if isinstance(item, tuple) and isinstance(item[1], list) and first(item[1], field) is not None:
                found.append(f"{first(item[1], field)}/{first(item[1], 'bgp.prefix_length')}")
    return found


class Message:
    """One BGP message of a captured frame."""

    def __init__(self, layers, bgp):
        self.number = int(first(layers, "frame.number"))
        self.interface = first(layers, "frame.interface_name")
        self.sent = first(layers, "frame.p2p_dir") == "0"
        self.time_ms = float(first(layers, "frame.time_epoch")) * 1000
        self.source = first(layers, "ip.src")
        self.destination = first(layers, "ip.dst")
        self.source_port = int(first(layers, "tcp.srcport"))
        # tshark's stream index within this capture point's file
        self.connection = (self.interface, int(first(layers, "tcp.stream")))
        self.type = int(first(bgp, "bgp.type", "0"))
        self.open = None
        self.withdrawn, self.nlri, self.attributes = [], [], None
        if self.type == 1:
            four_octet = first(bgp, "bgp.cap.4as")
            self.open = {"my_as": int(first(bgp, "bgp.open.myas")),
                         "hold_time": int(first(bgp, "bgp.open.holdtime")),
                         "identifier": first(bgp, "bgp.open.identifier"),
                         "four_octet_as": None if four_octet is None else int(four_octet)}
        elif self.type == 2:
            self.withdrawn = prefixes(bgp, "bgp.update.withdrawn_routes", "bgp.withdrawn_prefix")
            self.nlri = prefixes(bgp, "bgp.update.nlri", "bgp.nlri_prefix")
            if self.nlri:
                self.attributes = attributes(bgp)

    @property
    def type_name(self):
        return MESSAGE_TYPES.get(self.type, f"type {self.type}")

    def __repr__(self):
        return f"{self.interface} #{self.number} {self.source}->{self.destination} {self.type_name}"


def messages(packets):
    """Every BGP message in tshark's parsed JSON output, in capture order."""
    found = []
    for packet in packets:
        layers = first(packet, "layers")
        for name, layer in layers:
            if name == "bgp":
                found.append(Message(layers, layer))
    return found


def neighbor_entries(outputs):
    """{(router's own address, peer address): entry} from every router's `show bgp neighbors --json`."""
    return {(entry["local_address"], entry["peer"]): entry for output in outputs for entry in output}


def check_opens(found, model, entries):
    findings = []
    for message in found:
        if message.type != 1 or not message.sent:
            continue
        owner = model.owner(message.source)
        if owner is None:
            findings.append(f"{message}: no BGP router owns {message.source}")
            continue
        router = owner[0]
        neighbor = next((n for n in router.neighbors if n.ip == message.destination), None)
        expected = {"my_as": router.asn if router.asn <= 0xFFFF else AS_TRANS,
                    "hold_time": neighbor.timers["hold"] if neighbor else None,
                    "identifier": router.router_id, "four_octet_as": router.asn}
        for key, value in expected.items():
            if message.open[key] != value:
                findings.append(f"{message} from {router.name}: {key} {message.open[key]}, the topology says {value}")
        mine = entries.get((message.source, message.destination))
        theirs = entries.get((message.destination, message.source))
        if mine is None:
            findings.append(f"{message}: {router.name} shows no neighbor {message.destination} "
                            f"with local address {message.source}")
        if theirs is not None and theirs["remote_router_id"] != message.open["identifier"]:
            findings.append(f"{message}: the receiver shows remote_router_id {theirs['remote_router_id']}, "
                            f"the OPEN says {message.open['identifier']}")
    return findings


def check_hold_times(found, entries):
    """An Established session's hold time is the smaller of the two OPENs' on its connection
    (RFC 4271 section 4.2): the connection that carried the peer's last message."""
    findings = []
    for (local, peer), entry in sorted(entries.items()):
        received = [m for m in found if not m.sent and m.source == peer and m.destination == local]
        if entry.get("state") != "Established" or not received:
            continue
        connection = received[-1].connection
        offered = [m.open["hold_time"] for m in found if m.connection == connection and m.type == 1]
        if len(offered) != 2:
            findings.append(f"{local} (neighbor {peer}): {len(offered)} OPENs on the session's connection")
        elif entry["hold_time"] != min(offered):
            findings.append(f"{local} (neighbor {peer}): hold time {entry['hold_time']}, the OPENs offer {offered}")
    return findings


def adj_rib_in(found, sender, receiver):
    """{prefix: attributes} the receiver holds from the sender after the UPDATEs it took in on
    the connection that carried the pair's last message (None when no message was taken in;
    empty when a NOTIFICATION closed that connection)."""
    received = [m for m in found if not m.sent and m.source == sender and m.destination == receiver]
    if not received:
        return None
    connection = received[-1].connection
    if any(m.connection == connection and m.type == 3 for m in found):
        return {}   # a NOTIFICATION closed that connection: the receiver dropped its routes
    table = {}
    for message in received:
        if message.connection != connection or message.type != 2:
            continue
        for prefix in message.withdrawn:
            table.pop(prefix, None)
        for prefix in message.nlri:
            table[prefix] = message.attributes
    return table


def shown_routes(output):
    """{prefix: attributes} of `show bgp neighbors ADDRESS received-routes --json`."""
    keys = ("as_path", "communities", "next_hop", "origin", "med", "local_pref")
    return {route["prefix"]: {key: route.get(key) for key in keys} for route in output["routes"]}


def check_routes(found, sender, receiver, output):
    """Findings about the receiver's Adj-RIB-In from the sender against the UPDATEs on the wire."""
    if not isinstance(output, dict) or not isinstance(output.get("routes"), list):
        return [f"{receiver}: received-routes from {sender} gave no route list: {json.dumps(output)[:200]}"]
    wire, shown = adj_rib_in(found, sender, receiver) or {}, shown_routes(output)
    findings = []
    for prefix in sorted(set(wire) | set(shown)):
        if wire.get(prefix) != shown.get(prefix):
            findings.append(f"{sender}->{receiver} {prefix}: on the wire {wire.get(prefix)}, "
                            f"received-routes shows {shown.get(prefix)}")
    return findings


def closed_at(found):
    """{(speaker's address, connection): frame number of the first NOTIFICATION it sent there}.
    A speaker closes the connection right after its NOTIFICATION (RFC 4271 section 6), so
    nothing it receives there later reaches BGP or its counters."""
    closed = {}
    for message in found:
        if message.sent and message.type == 3:
            closed.setdefault((message.source, message.connection), message.number)
    return closed


def counts(found, sender, receiver, sent, before_ms):
    """{type name: count} of the messages from sender to receiver that the sender put on the
    wire (sent) or the receiver took in before closing their connection, up to and including
    before_ms."""
    result = {name: 0 for name in MESSAGE_TYPES.values()}
    closed = closed_at(found)
    for message in found:
        if message.sent != sent or message.source != sender or message.destination != receiver \
                or message.time_ms > before_ms:
            continue
        if not sent and closed.get((receiver, message.connection), message.number + 1) < message.number:
            continue
        result[message.type_name] = result.get(message.type_name, 0) + 1
    return result


def check_counts(found, entries, before_ms):
    findings = []
    for (local, peer), entry in sorted(entries.items()):
        for sent, key, sender, receiver in ((True, "messages_sent", local, peer),
                                            (False, "messages_received", peer, local)):
            wire = counts(found, sender, receiver, sent, before_ms)
            shown = {name: entry[key].get(name, 0) for name in MESSAGE_TYPES.values()}
            if wire != shown:
                findings.append(f"{local} (neighbor {peer}) {key}: {shown}, the capture holds {wire}")
    return findings


def expert_findings(rows, lossy):
    """Findings from (frame number, severity, message) expert items of one capture point's TCP
    frames: every note or worse must be accepted (LOSS_NOTES only where frames are lost)."""
    def accepted(message):
        return message in ACCEPTED_NOTES or lossy and (message in LOSS_NOTES or message.startswith(LOSS_NOTE_PREFIXES))
    return [f"frame #{number}: {message}" for number, severity, message in rows
            if severity >= SEVERITY_NOTE and not accepted(message)]
