"""Running netsim on a topology and reading every router's routing table (and BGP table) from
its JSON report.

The topology's own `script` is replaced by one that runs `show ip route --json` on every router
and `show ip bgp --json` on every BGP router at `converged`; everything else in the file is
passed to netsim byte for byte.
"""

import json
import os
import re
import subprocess

import compare

ROUTE_COMMAND = "show ip route --json"
BGP_COMMAND = "show ip bgp --json"
# How a netsim without BGP rejects the file: the blocks, or the scripted `show ip bgp`.
NO_BGP = re.compile(r"'(bgp|policies)' is not supported yet|unknown word 'bgp' after 'show ip'")


class NetsimError(Exception):
    pass


class NetsimLacksBGP(NetsimError):
    """This netsim rejects `bgp` blocks as not supported yet: only FRR's side can be checked."""


def strip_script(text):
    """The topology text without its top-level `script:` section."""
    lines = text.splitlines(keepends=True)
    out, skipping = [], False
    for line in lines:
        top_level = bool(line[:1].strip()) and not line.startswith("#")
        if top_level:
            skipping = bool(re.match(r"^script\s*:", line))
        if not skipping:
            out.append(line)
    result = "".join(out)
    return result if result.endswith("\n") else result + "\n"


def with_route_script(text, routers, bgp_routers=()):
    script = ["script:"]
    for name in routers:
        script += ["  - at: converged", f"    device: {json.dumps(name)}", f"    command: {ROUTE_COMMAND}"]
    for name in bgp_routers:
        script += ["  - at: converged", f"    device: {json.dumps(name)}", f"    command: {BGP_COMMAND}"]
    return strip_script(text) + "\n".join(script) + "\n"


class NetsimRun:
    """netsim started in the background (it runs while the FRR lab converges)."""

    def __init__(self, binary, topology, workdir, extra_args=()):
        self.topology = topology
        self.routers = [d.name for d in topology.routers]
        self.bgp_routers = [d.name for d in topology.bgp_routers]
        self.input_path = os.path.join(workdir, "netsim-input.yaml")
        self._report = None
        with open(self.input_path, "w", encoding="utf-8") as handle:
            handle.write(with_route_script(topology.text, self.routers, self.bgp_routers))
        if not os.access(binary, os.X_OK):
            raise NetsimError(f"netsim binary not found at {binary} (build it with `swift build`, or pass --netsim)")
        self.args = [binary, "run", self.input_path, "--format", "json", *extra_args]
        self.stdout_path = os.path.join(workdir, "netsim-output.json")
        self.stderr_path = os.path.join(workdir, "netsim-stderr.txt")
        self._stdout = open(self.stdout_path, "w")
        self._stderr = open(self.stderr_path, "w")
        self.process = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=self._stdout, stderr=self._stderr)

    def failed_early(self, wait=0.3):
        """True when netsim has already exited with an error (an invalid topology is reported
        within milliseconds), so the FRR lab need not be built at all."""
        try:
            return self.process.wait(timeout=wait) != 0
        except subprocess.TimeoutExpired:
            return False

    def tables(self, timeout=600):
        """{router: {prefix: route}} once netsim has finished."""
        tables = {}
        for device, output in self._results(ROUTE_COMMAND, self.routers, timeout):
            tables[device] = normalize(output or [])
        return tables

    def bgp_tables(self, timeout=600):
        """{router: {prefix: [path]}} of the BGP routers once netsim has finished (paths as
        `show ip bgp --json` gives them, best first)."""
        tables = {}
        for device, output in self._results(BGP_COMMAND, self.bgp_routers, timeout):
            tables[device] = normalize_bgp(output or {})
        return tables

    def _results(self, command, devices, timeout):
        """[(device, JSON output)] of one scripted command, every device in `devices` present."""
        report = self._finished_report(timeout)
        found = []
        for result in report.get("results", []):
            if result.get("command") != command:
                continue
            if not result.get("succeeded", False):
                raise NetsimError(f"{result.get('device')}: `{command}` failed: {result.get('text')}")
            found.append((result["device"], result.get("output")))
        missing = [name for name in devices if name not in {device for device, _ in found}]
        if missing:
            noun = "routing table" if command == ROUTE_COMMAND else "BGP table"
            raise NetsimError(f"netsim's report has no {noun} for {', '.join(missing)}")
        return found

    def _finished_report(self, timeout):
        if self._report is not None:
            return self._report
        try:
            status = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise NetsimError(f"netsim did not finish within {timeout} s")
        finally:
            self._stdout.close()
            self._stderr.close()
        with open(self.stdout_path) as handle:
            stdout = handle.read()
        with open(self.stderr_path) as handle:
            stderr = handle.read().strip()
        try:
            report = json.loads(stdout) if stdout.strip() else None
        except json.JSONDecodeError:
            report = None
        if status != 0 or report is None:
            error = (report or {}).get("summary", {}).get("error") if isinstance(report, dict) else None
            message = (error or stderr or stdout.strip()[:2000]).replace(self.input_path, self.topology.path)
            kind = NetsimLacksBGP if NO_BGP.search(message) else NetsimError
            raise kind(f"netsim exited with status {status}:\n{message}")
        self._report = report
        return report

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for handle in (self._stdout, self._stderr):
            if not handle.closed:
                handle.close()


def normalize(routes):
    """netsim's `show ip route --json` as {prefix: {protocol, distance, metric, nexthops[, path_type]}}."""
    result = {}
    for route in routes:
        hops = compare.sorted_hops((hop.get("address"), hop.get("interface")) for hop in route.get("next_hops", []))
        entry = {"protocol": route.get("source"), "distance": route.get("distance"),
                 "metric": route.get("metric"), "nexthops": hops}
        if route.get("path_type") is not None:
            entry["path_type"] = route["path_type"]
        result[route["destination"]] = entry
    return result


def normalize_bgp(table):
    """netsim's `show ip bgp --json` as {prefix: [path]}, a path with the keys FRR's normalized
    paths have (frr_bgp.normalize_path)."""
    result = {}
    for route in table.get("routes", []):
        result[route["prefix"]] = [{
            "best": bool(path.get("best")), "multipath": bool(path.get("multipath")),
            "valid": bool(path.get("valid")), "next_hop": path.get("next_hop"),
            "as_path": path.get("as_path", ""), "origin": path.get("origin"), "med": path.get("med"),
            "local_pref": path.get("local_pref"), "weight": path.get("weight"), "peer": path.get("peer"),
            "internal": bool(path.get("internal")), "communities": list(path.get("communities") or []),
        } for path in route.get("paths", [])]
    return result
