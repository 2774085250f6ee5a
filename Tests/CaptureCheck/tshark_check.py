#!/usr/bin/env python3
"""Captures every example with `netsim run --pcap` and lets Wireshark's dissectors judge it.

For each topology: no malformed frame, no expert warning or error (with IPv4, ICMP and UDP
checksum validation switched on), every frame a protocol stack netsim means to send, and, where
OSPF runs, the newest instance of every LSA seen on the wire equals what the routers' databases
hold when the run ends (`show ospf database --json` on every OSPF router). Where IS-IS runs:
Wireshark recognises every IS-IS frame and sees hellos, LSPs, CSNPs (and PSNPs when a
point-to-point adjacency acknowledges LSPs with them); every LSP's ISO 10589 checksum is right
(checked here, isis_capture.py: Wireshark flags a wrong one only in verbose text); and the
newest instance of every LSP on the wire equals what the routers' databases hold when the run
ends (`show isis database --json` on every IS-IS router), by LSP ID and sequence number.
Where BGP runs: every TCP checksum is right and every TCP segment with data is read as BGP; each
capture point's TCP analysis (tshark over that interface's frames alone, as tcpdump on that port
would see them) notes nothing but what bgp_capture.ACCEPTED_NOTES allows (retransmissions and
their kin only on lossy links); and the OPENs, UPDATEs and message counts (the last two only
without lossy links) equal what the routers show (bgp_capture.py: `show bgp neighbors --json`, and `show bgp neighbors ADDRESS
received-routes --json` for each neighbor).

Usage: tshark_check.py [--netsim PATH] [TOPOLOGY.yaml ...]   (default: every file in examples/)
Needs tshark (Debian package `tshark`). Exit status 1 on any finding.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "Tests", "FRRDifferential"))

import bgp_capture  # noqa: E402
import bgp_model  # noqa: E402  (netsim's BGP rules, shared with the FRR harness)
import isis_capture  # noqa: E402
import isis_model  # noqa: E402  (netsim's IS-IS rules, shared with the FRR harness)
import topology  # noqa: E402  (netsim's topology rules, shared with the FRR harness)

TSHARK_PREFS = ["-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE"]
# The whole capture holds every segment once per end of its link (sent, then received), which
# TCP analysis would take for retransmissions; it runs per capture point instead (capture_points).
WHOLE_CAPTURE = ["-o", "tcp.analyze_sequence_numbers:FALSE"]
PER_INTERFACE = ["-o", "tcp.analyze_sequence_numbers:TRUE"]
# Frame protocol stacks netsim sends today; a new protocol adds its stack here.
EXPECTED_STACKS = {
    "eth:ethertype:arp",
    "eth:ethertype:ip:icmp",
    "eth:ethertype:ip:icmp:data",
    "eth:ethertype:ip:icmp:ip:icmp",
    "eth:ethertype:ip:icmp:ip:udp",
    "eth:ethertype:ip:icmp:ip:ospf",
    "eth:ethertype:ip:udp:data",
    "eth:ethertype:ip:ospf",
    "eth:llc:osi:isis:isis.hello",
    "eth:llc:osi:isis:isis.lsp",
    "eth:llc:osi:isis:isis.csnp",
    "eth:llc:osi:isis:isis.psnp",
    "eth:ethertype:ip:tcp",
    "eth:ethertype:ip:tcp:bgp",
}
OSPF_DATABASE = "show ospf database --json"
ISIS_DATABASE = "show isis database --json"
BGP_NEIGHBORS = "show bgp neighbors --json"
SEVERITY_WARN = 0x00600000
LSA_TYPES = {"router": 1, "network": 2, "summary": 3, "asbr-summary": 4, "external": 5}
MAX_AGE = 3600


def tshark_output(capture, *arguments, prefs=WHOLE_CAPTURE):
    result = subprocess.run(["tshark", "-r", capture, *TSHARK_PREFS, *prefs, *arguments],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"tshark failed: {result.stderr.strip()}")
    return result.stdout


def tshark(capture, *arguments, prefs=WHOLE_CAPTURE):
    return [line for line in tshark_output(capture, *arguments, prefs=prefs).splitlines() if line.strip()]


def run_netsim(netsim, path, commands):
    """Runs the topology's own script plus, ten minutes after convergence (after every example's
    own steps), each (router, command) of `commands`. Returns the capture, {command: [output
    of each router]} and {(router, command): (output, simulated time in ms)}."""
    with open(path) as handle:
        text = handle.read()
    steps = []
    for name, command in commands:
        steps += ["  - at: converged + 600s", f"    device: {json.dumps(name)}", f"    command: {command}"]
    lines = text.splitlines()
    if any(line.startswith("script:") for line in lines):
        at = next(n for n, line in enumerate(lines) if line.startswith("script:"))
        lines[at + 1:at + 1] = steps
    elif steps:
        lines += ["script:"] + steps
    workdir = tempfile.mkdtemp(prefix="netsim-capture-")
    topology_file = os.path.join(workdir, os.path.basename(path))
    with open(topology_file, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    capture = os.path.join(workdir, "capture.pcapng")
    result = subprocess.run([netsim, "run", topology_file, "--format", "json", "--pcap", capture],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"netsim exited {result.returncode}: {result.stderr.strip()}")
    report = json.loads(result.stdout)
    outputs = {}
    for command in {command for _, command in commands}:
        outputs[command] = [r["output"] for r in report["results"] if r["command"] == command]
    by_router = {(r["device"], r["command"]): (r["output"], r["time_ms"]) for r in report["results"]}
    return capture, outputs, by_router


def database_state(databases):
    """{(area or None, type, lsid, adv): sequence} over every router's database."""
    state = {}
    for database in databases:
        for lsa in database:
            area = None if lsa["type"] == "external" else lsa["area"]
            key = (area, LSA_TYPES[lsa["type"]], lsa["link_state_id"], lsa["advertising_router"])
            state[key] = int(lsa["sequence"], 16)
    return state


def wire_state(capture):
    """{(area or None, type, lsid, adv): newest sequence} from LS Updates, MaxAge ones left out."""
    newest = {}
    rows = tshark(capture, "-Y", "ospf.msg == 4", "-T", "fields", "-E", "occurrence=a",
                  "-e", "ospf.area_id", "-e", "ospf.lsa", "-e", "ospf.lsa.id", "-e", "ospf.advrouter",
                  "-e", "ospf.lsa.seqnum", "-e", "ospf.lsa.age")
    for row in rows:
        area, types, ids, advs, seqs, ages = (row.split("\t") + [""] * 6)[:6]
        for kind, lsid, adv, seq, age in zip(*(column.split(",") for column in (types, ids, advs, seqs, ages))):
            kind = int(kind)
            key = (None if kind == 5 else area, kind, lsid, adv)
            sequence = int(seq, 16) if seq.startswith("0x") else int(seq)
            sequence = sequence - (1 << 32) if sequence >= 1 << 31 else sequence
            if key not in newest or sequence >= newest[key][0]:
                newest[key] = (sequence, int(age))
    return {key: seq & 0xFFFFFFFF for key, (seq, age) in newest.items() if age < MAX_AGE}


def isis_database_state(databases, model):
    """{(level, LSP ID with system ID): sequence} over every router's `show isis database
    --json`: a list of {level, lsp_id, sequence, lifetime, ...}, the LSP ID by system ID or
    hostname (the device name), the sequence a number or hex text. Purges (lifetime 0) are
    left out, as on the wire."""
    system_ids = {name: router.system_id for name, router in model.routers.items()}
    state = {}
    for database in databases:
        try:
            for lsp in database:
                if lsp.get("lifetime") == 0:
                    continue
                node, _, rest = str(lsp["lsp_id"]).rpartition(".")
                lsp_id = f"{system_ids.get(node, node)}.{rest}"
                level = int(str(lsp["level"]).lower().removeprefix("level-").removeprefix("l"))
                state[(level, lsp_id)] = int(str(lsp["sequence"]), 0)
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise RuntimeError(f"show isis database --json has an unexpected shape ({error!r}): "
                               f"{json.dumps(database)[:300]}") from None
    return state


def check_isis(capture, model, databases):
    """Findings about the IS-IS frames of a capture, and a summary."""
    findings = []
    counts, lsps = isis_capture.read(capture)
    recognised = {}
    for kind in ("hello", "lsp", "csnp", "psnp"):
        recognised[kind] = len(tshark(capture, "-Y", f"isis.{kind}", "-T", "fields", "-e", "frame.number"))
    required = ["hello", "lsp", "csnp"]
    adjacencies = model.adjacencies()
    if any(model.interfaces[name][ifname].network == "point-to-point"
           for name, interfaces in adjacencies.items() for ifname in interfaces):
        required.append("psnp")
    for kind in required:
        if not recognised[kind]:
            findings.append(f"no isis.{kind} frame in the capture")
    if sum(recognised.values()) != sum(counts.values()):
        findings.append(f"Wireshark recognises {sum(recognised.values())} IS-IS frames, "
                        f"the capture holds {sum(counts.values())}")
    findings += [lsp.problem() for lsp in lsps if lsp.problem()]
    wire, held = isis_capture.newest(lsps), isis_database_state(databases, model)
    # A router with no adjacency at a level originates its LSP of that level for itself only.
    lonely = {(level, model.routers[name].system_id) for name, interfaces in adjacencies.items()
              for level in (1, 2) if level in model.routers[name].levels
              and not any(level in levels for levels in interfaces.values())}
    held = {key: sequence for key, sequence in held.items() if (key[0], key[1][:14]) not in lonely}
    for key in sorted(set(wire) | set(held)):
        if wire.get(key) != held.get(key):
            findings.append(f"LSP L{key[0]} {key[1]}: newest on the wire {wire.get(key, 'none')}, "
                            f"in the databases {held.get(key, 'none')}")
    summary = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
    return findings, f"IS-IS: {summary}; {len(lsps)} LSP checksums verified, {len(held)} LSPs"


def capture_points(capture, lossy):
    """Findings of TCP analysis at each capture point (the interface's own frames, both
    directions, as a capture on that one port would hold them) and the BGP messages read there."""
    findings, found = [], []
    interfaces = sorted(set(tshark(capture, "-Y", "tcp", "-T", "fields", "-e", "frame.interface_name")))
    workdir = os.path.dirname(capture)
    for number, interface in enumerate(interfaces):
        point = os.path.join(workdir, f"point-{number}.pcapng")
        tshark(capture, "-Y", f"frame.interface_name == {json.dumps(interface)}", "-w", point)
        rows = []
        for row in tshark(point, "-Y", "tcp && _ws.expert", "-T", "fields", "-E", "occurrence=a",
                          "-E", "aggregator=|", "-e", "frame.number", "-e", "_ws.expert.severity",
                          "-e", "_ws.expert.message", prefs=PER_INTERFACE):
            frame, severities, messages = (row.split("\t") + ["", ""])[:3]
            rows += [(frame, int(severity, 0), message)
                     for severity, message in zip(severities.split("|"), messages.split("|")) if severity]
        findings += [f"{interface} {finding}" for finding in bgp_capture.expert_findings(rows, lossy)]
        found += bgp_capture.messages(bgp_capture.parse(
            tshark_output(point, "-Y", "bgp", "-T", "json", "-J", "frame ip tcp bgp", prefs=PER_INTERFACE)))
    return findings, found


def check_bgp(capture, model, by_router, lossy):
    """Findings about the TCP segments and BGP messages of a capture, and a summary."""
    findings = []
    tcp = tshark(capture, "-Y", "tcp", "-T", "fields", "-e", "frame.number")
    unchecked = tshark(capture, "-Y", "tcp && tcp.checksum.status != 1", "-T", "fields", "-e", "frame.number")
    if unchecked:
        findings.append(f"{len(unchecked)} TCP segments without a good checksum, first #{unchecked[0]}")
    unread = tshark(capture, "-Y", "tcp.len > 0 && !bgp", "-T", "fields", "-e", "frame.number")
    if unread:
        findings.append(f"{len(unread)} TCP segments with data Wireshark does not read as BGP, first #{unread[0]}")
    tcp_findings, found = capture_points(capture, lossy)
    findings += tcp_findings
    neighbors = [by_router[(name, BGP_NEIGHBORS)] for name in sorted(model.routers)]
    for (output, _), name in zip(neighbors, sorted(model.routers)):
        if not isinstance(output, list):
            raise RuntimeError(f"{name}: {BGP_NEIGHBORS} gave no neighbor list: {json.dumps(output)[:200]}")
    entries = bgp_capture.neighbor_entries(output for output, _ in neighbors)
    findings += bgp_capture.check_opens(found, model, entries)
    findings += bgp_capture.check_hold_times(found, entries)
    if lossy:   # resent segments are not read as BGP (bgp_capture.py)
        return findings, f"BGP: {len(tcp)} TCP segments, {len(found)} messages read (lossy links: counts and RIBs not compared)"
    findings += bgp_capture.check_counts(found, entries, min(at for _, at in neighbors))
    pairs = 0
    for name, router in sorted(model.routers.items()):
        for neighbor in router.neighbors:
            output, _ = by_router[(name, received_routes(neighbor))]
            local = model.source_address(neighbor)
            findings += bgp_capture.check_routes(found, neighbor.ip, local, output)
            pairs += 1
    kinds = {}
    for message in found:
        if message.sent:
            kinds[message.type_name] = kinds.get(message.type_name, 0) + 1
    summary = ", ".join(f"{count} {name}" for name, count in sorted(kinds.items()))
    return findings, f"BGP: {len(tcp)} TCP segments, messages sent {summary}; {pairs} Adj-RIBs-In"


def received_routes(neighbor):
    return f"show bgp neighbors {neighbor.ip} received-routes --json"


def check(netsim, path):
    spec = topology.load(path)
    model = isis_model.ISISModel(spec)
    routers = [d.name for d in spec.devices.values() if d.type == "router" and d.runs_ospf]
    bgp = bgp_model.BGPModel(spec)
    commands = [(name, OSPF_DATABASE) for name in routers] + [(name, ISIS_DATABASE) for name in model.routers]
    for name, router in sorted(bgp.routers.items()):
        commands += [(name, BGP_NEIGHBORS)] + [(name, received_routes(n)) for n in router.neighbors]
    capture, outputs, by_router = run_netsim(netsim, path, commands)
    databases = outputs.get(OSPF_DATABASE, [])
    findings = []
    frames = tshark(capture, "-T", "fields", "-e", "frame.protocols")
    if not frames:
        findings.append("the capture holds no frames")
    for stack in sorted(set(frames) - EXPECTED_STACKS):
        findings.append(f"unexpected protocol stack {stack} ({frames.count(stack)} frames)")
    malformed = tshark(capture, "-Y", "_ws.malformed", "-T", "fields", "-e", "frame.number")
    if malformed:
        findings.append(f"{len(malformed)} malformed frames, first #{malformed[0]}")
    for row in tshark(capture, "-Y", "_ws.expert", "-T", "fields", "-E", "occurrence=a",
                      "-e", "frame.number", "-e", "_ws.expert.severity", "-e", "_ws.expert.message"):
        number, severities, messages = (row.split("\t") + ["", ""])[:3]
        for severity, message in zip(severities.split(","), messages.split(",")):
            if severity and int(severity, 0) >= SEVERITY_WARN:
                findings.append(f"frame #{number}: {message}")
    if routers:
        wire, held = wire_state(capture), database_state(databases)
        for key in sorted(set(wire) | set(held), key=str):
            if wire.get(key) != held.get(key):
                findings.append(f"LSA {key}: newest on the wire {wire.get(key, 'none')}, "
                                f"in the databases {held.get(key, 'none')}")
    summary = f"{len(frames)} frames" + (f", {len(database_state(databases))} LSAs" if routers else "")
    if model.routers:
        isis_findings, isis_summary = check_isis(capture, model, outputs.get(ISIS_DATABASE, []))
        findings += isis_findings
        summary += f"; {isis_summary}"
    if bgp.routers:
        lossy = any(float(str(link.get("loss", 0)).rstrip("%")) > 0 for link in spec.data.get("links") or [])
        bgp_findings, bgp_summary = check_bgp(capture, bgp, by_router, lossy)
        findings += bgp_findings
        summary += f"; {bgp_summary}"
    return findings, summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--netsim", default=os.environ.get("NETSIM", os.path.join(REPO, ".build", "debug", "netsim")))
    parser.add_argument("topologies", nargs="*")
    arguments = parser.parse_args()
    paths = arguments.topologies or sorted(glob.glob(os.path.join(REPO, "examples", "*.yaml")))
    failed = 0
    for path in paths:
        name = os.path.relpath(path, REPO)
        try:
            findings, summary = check(arguments.netsim, path)
        except (RuntimeError, topology.TopologyError, isis_capture.CaptureError) as error:
            findings, summary = [str(error)], "not run"
        print(f"{'PASS' if not findings else 'FAIL'}  {name}: {summary}")
        for finding in findings[:20]:
            print(f"    {finding}")
        failed += bool(findings)
    print(f"{len(paths) - failed} of {len(paths)} captures clean")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
