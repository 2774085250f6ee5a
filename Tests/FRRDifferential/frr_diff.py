#!/usr/bin/env python3
"""Differential test: netsim's routing tables against FRR's on the same topology.

For each topology file: start netsim on a copy whose script runs `show ip route --json` on every
router (and `show ip bgp --json` on every BGP router); build the topology out of network
namespaces running FRR (zebra, ospfd, isisd, bgpd, staticd); wait until FRR has converged; check
the BGP best paths the file expects (`# bgp-expect:` comments); compare every router's selected
routes: prefix, protocol, distance, metric (not for connected routes), the set of next hops
(address, interface), and the OSPF path type once netsim reports one; and every BGP router's
best paths. Any difference fails (exit status 1) with a per-router diff.

Needs root (network namespaces) and FRR (`apt-get install frr`). See README.md.
"""

import argparse
import fcntl
import glob
import json
import os
import signal
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bgp_expect  # noqa: E402
import compare  # noqa: E402
import frrlab  # noqa: E402
import isis_model  # noqa: E402
import l1_into_l2  # noqa: E402
import netsim_side  # noqa: E402
import topology as topo  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
LOCK_PATH = "/run/frrdiff.lock"
MESSAGE_LINES = 8


def default_netsim():
    if os.environ.get("NETSIM"):
        return os.environ["NETSIM"]
    # The most recently built of .build and the scratch paths beside it (.build-*).
    candidates = sorted(glob.glob(os.path.join(REPO, ".build*", "debug", "netsim")))
    built = [c for c in candidates if os.access(c, os.X_OK)]
    return max(built, key=os.path.getmtime) if built else os.path.join(REPO, ".build", "debug", "netsim")


def display_path(path):
    """The path relative to the repository when inside it (examples/x.yaml and
    Tests/FRRDifferential/topologies/x.yaml share names), else as given."""
    absolute = os.path.abspath(path)
    if absolute.startswith(REPO + os.sep):
        return os.path.relpath(absolute, REPO)
    return os.path.basename(path) if absolute.startswith(tempfile.gettempdir() + os.sep) else path


class Outcome:
    def __init__(self, name):
        self.name = name
        self.passed = False
        self.skipped = False
        self.message = ""
        self.converge_seconds = None
        self.total_seconds = None
        self.differences = {}
        self.expected = {}


def print_tables(title, tables, path_types=None, bgp_tables=None, out=sys.stdout):
    print(f"--- {title}", file=out)
    for router in sorted(tables):
        print(f"{router}:", file=out)
        for line in compare.render_table(tables[router], (path_types or {}).get(router)):
            print(f"  {line}", file=out)
        for line in compare.render_bgp_table((bgp_tables or {}).get(router, {})):
            print(f"  {line}", file=out)


def run_one(path, args, log):
    shown = display_path(path)
    outcome = Outcome(shown)
    started = time.monotonic()
    netsim_run = lab = None
    workdir = tempfile.mkdtemp(prefix="frrdiff-")
    try:
        topology = topo.load(path)
        outcome.name = f"{topology.name} ({shown})"
        if not args.frr_only:
            netsim_run = netsim_side.NetsimRun(args.netsim, topology, workdir, args.netsim_arg)
        if args.netsim_only:
            netsim_tables = netsim_run.tables()
            print_tables(f"netsim: {topology.name}", netsim_tables, bgp_tables=netsim_run.bgp_tables())
            outcome.passed = True
            outcome.message = "netsim only"
            return outcome
        expectations = bgp_expect.parse(topology.text)
        lab = frrlab.Lab(topology, log=log, keep=args.keep, verbose=args.verbose)
        try:
            lab.build()
            lab.start()
            frr_tables, outcome.converge_seconds = lab.wait_converged(timeout=args.timeout)
            lab.read_bgp_communities()
            frr_bgp_tables = lab.bgp_tables
            lab.verify_ospf_interfaces()
            lab.verify_isis_interfaces()
            lab.verify_bgp_neighbors()
            path_types = lab.ospf_path_types()
            for router, levels in lab.isis_path_types().items():
                path_types.setdefault(router, {}).update(
                    {prefix: level for prefix, level in levels.items() if prefix not in path_types[router]})
        finally:
            lab.stop()
        if args.show_tables or args.frr_only:
            print_tables(f"FRR: {topology.name}", frr_tables, path_types, frr_bgp_tables)
        if args.json_out:
            os.makedirs(args.json_out, exist_ok=True)
            base = os.path.join(args.json_out, os.path.splitext(shown)[0].replace(os.sep, "_"))
            with open(base + ".frr.json", "w") as handle:
                json.dump({"tables": frr_tables, "path_types": path_types, "bgp": frr_bgp_tables},
                          handle, indent=1, sort_keys=True)
        failures = bgp_expect.check(expectations, frr_bgp_tables)
        if failures:
            raise frrlab.LabError(f"FRR's BGP best paths differ from {len(failures)} of the {len(expectations)} "
                                  "the file expects:\n" + "\n".join(failures))
        checked = f", {len(expectations)} expected BGP best paths hold" if expectations else ""
        if args.frr_only:
            outcome.passed = True
            outcome.message = f"FRR only{checked}"
            return outcome
        # netsim runs BGP: a BGP topology it rejects is a failure like any other (NetsimError).
        netsim_tables = netsim_run.tables()
        netsim_bgp_tables = netsim_run.bgp_tables()
        if args.show_tables:
            print_tables(f"netsim: {topology.name}", netsim_tables, bgp_tables=netsim_bgp_tables)
        if args.json_out:
            with open(base + ".netsim.json", "w") as handle:
                json.dump({"tables": netsim_tables, "bgp": netsim_bgp_tables}, handle, indent=1, sort_keys=True)
        shortfall = l1_into_l2.Shortfall(isis_model.ISISModel(topology))
        outcome.differences = compare.compare(frr_tables, netsim_tables, path_types,
                                              explain=shortfall.explain, expected=outcome.expected)
        for router, lines in compare.compare_bgp(frr_bgp_tables, netsim_bgp_tables).items():
            outcome.differences.setdefault(router, []).extend(lines)
        outcome.passed = not outcome.differences
        routes = sum(len(t) for t in frr_tables.values())
        accounted = sum(1 for lines in outcome.expected.values() for line in lines if not line.startswith(" "))
        best_paths = sum(len(compare.bgp_best_paths(t)) for t in frr_bgp_tables.values())
        bgp_text = f" and {best_paths} BGP best paths" if frr_bgp_tables else ""
        outcome.message = (f"{len(frr_tables)} routers, {routes} routes{bgp_text} identical" if outcome.passed else
                           f"{len(outcome.differences)} of {len(frr_tables)} routers differ")
        if accounted:
            outcome.message = outcome.message.replace(" identical", " agree", 1) + \
                (f" ({accounted} route differs" if accounted == 1 else f" ({accounted} routes differ") + \
                " as FRR #6966 predicts)"
    except topo.UnsupportedTopology as error:
        outcome.skipped = outcome.passed = True
        outcome.message = str(error)
    except (topo.TopologyError, frrlab.LabError, netsim_side.NetsimError, bgp_expect.ExpectationError) as error:
        outcome.message = str(error)
    finally:
        if netsim_run is not None:
            netsim_run.stop()
        outcome.total_seconds = time.monotonic() - started
        if not args.keep_workdir:
            for name in os.listdir(workdir):
                os.unlink(os.path.join(workdir, name))
            os.rmdir(workdir)
        else:
            log(f"netsim input and output kept in {workdir}")
    return outcome


def report(outcome):
    timing = f"{outcome.total_seconds:.1f} s"
    if outcome.converge_seconds is not None:
        timing = f"FRR converged in {outcome.converge_seconds:.1f} s, {timing} in all"
    status = "SKIP" if outcome.skipped else "PASS" if outcome.passed else "FAIL"
    first, _, rest = outcome.message.partition("\n")
    print(f"{status}  {outcome.name}: {first} [{timing}]", flush=True)
    if rest:
        lines = rest.split("\n")
        if len(lines) > MESSAGE_LINES:
            lines = lines[:MESSAGE_LINES] + [f"... and {len(lines) - MESSAGE_LINES} more lines"]
        print("      " + "\n      ".join(lines), flush=True)
    for router, lines in sorted(outcome.differences.items()):
        print(f"  {router}:")
        for line in lines:
            print(f"    {line}")
    for router, lines in sorted(outcome.expected.items()):
        print(f"  {router} (expected differences, not failures):")
        for line in lines:
            print(f"    {line}")
    sys.stdout.flush()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topologies", nargs="+", metavar="TOPOLOGY", help="netsim topology files")
    parser.add_argument("--netsim", default=default_netsim(),
                        help="netsim binary (default: $NETSIM, else the newest of .build/debug/netsim and "
                             ".build-*/debug/netsim)")
    parser.add_argument("--netsim-arg", action="append", default=[],
                        help="extra argument for `netsim run` (repeatable), e.g. --netsim-arg=--until=10m")
    parser.add_argument("--timeout", type=float, default=60, help="seconds FRR may take to converge (default 60)")
    parser.add_argument("--frr-only", action="store_true", help="only run FRR and print its tables")
    parser.add_argument("--netsim-only", action="store_true", help="only run netsim and print its tables (no root)")
    parser.add_argument("--show-tables", action="store_true", help="print both sides' tables")
    parser.add_argument("--json-out", metavar="DIR", help="write each side's normalized tables to DIR")
    parser.add_argument("-v", "--verbose", action="store_true", help="log FRR's progress at every poll")
    parser.add_argument("--keep", action="store_true", help="leave the FRR lab of the (single) topology running")
    parser.add_argument("--keep-workdir", action="store_true", help="keep netsim's input and output files")
    args = parser.parse_args(argv)
    if args.keep and len(args.topologies) != 1:
        parser.error("--keep needs exactly one topology")
    if args.frr_only and args.netsim_only:
        parser.error("--frr-only and --netsim-only exclude each other")

    def log(message):
        print(f"      {message}", flush=True)

    lock = None
    if not args.netsim_only:
        if os.geteuid() != 0:
            print("frr_diff: the FRR lab needs root (network namespaces); run with sudo", file=sys.stderr)
            return 2
        # One lab at a time on a machine: namespaces and the run directory are shared names.
        os.makedirs(os.path.dirname(LOCK_PATH), exist_ok=True)
        lock = open(LOCK_PATH, "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"frr_diff: another run holds {LOCK_PATH}; waiting for it", file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        frrlab.cleanup_leftovers(log=log)

    # SIGTERM (CI cancelling the job) unwinds like Ctrl-C, so `finally` tears the lab down.
    signal.signal(signal.SIGTERM, _interrupt)

    outcomes = []
    try:
        for path in args.topologies:
            outcome = run_one(path, args, log)
            report(outcome)
            outcomes.append(outcome)
    except KeyboardInterrupt:
        print("frr_diff: interrupted; lab removed", file=sys.stderr)
        return 130
    finally:
        if lock is not None and not args.keep:
            frrlab.cleanup_leftovers(log=lambda message: None)
    failed = [o for o in outcomes if not o.passed]
    skipped = [o for o in outcomes if o.skipped]
    if len(outcomes) > 1:
        print(f"{len(outcomes) - len(failed) - len(skipped)} passed, {len(skipped)} skipped, {len(failed)} failed"
              + (": " + ", ".join(o.name for o in failed) if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
