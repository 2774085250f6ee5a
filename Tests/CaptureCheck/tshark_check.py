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

import isis_capture  # noqa: E402
import isis_model  # noqa: E402  (netsim's IS-IS rules, shared with the FRR harness)
import topology  # noqa: E402  (netsim's topology rules, shared with the FRR harness)

TSHARK_PREFS = ["-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE"]
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
}
OSPF_DATABASE = "show ospf database --json"
ISIS_DATABASE = "show isis database --json"
SEVERITY_WARN = 0x00600000
LSA_TYPES = {"router": 1, "network": 2, "summary": 3, "asbr-summary": 4, "external": 5}
MAX_AGE = 3600


def tshark(capture, *arguments):
    result = subprocess.run(["tshark", "-r", capture, *TSHARK_PREFS, *arguments],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"tshark failed: {result.stderr.strip()}")
    return [line for line in result.stdout.splitlines() if line.strip()]


def run_netsim(netsim, path, commands):
    """Runs the topology's own script plus, ten minutes after convergence (after every example's
    own steps), each (router, command) of `commands`. Returns the capture and {command: [output
    of each router]}."""
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
    return capture, outputs


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


def check(netsim, path):
    spec = topology.load(path)
    model = isis_model.ISISModel(spec)
    routers = [d.name for d in spec.devices.values() if d.type == "router" and d.runs_ospf]
    commands = [(name, OSPF_DATABASE) for name in routers] + [(name, ISIS_DATABASE) for name in model.routers]
    capture, outputs = run_netsim(netsim, path, commands)
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
