"""Best paths derived by hand, written into a topology file as comments, and checked against a
BGP table. They pin what the small hand-written cases must converge to, so FRR's side is tested
on its own (before netsim has BGP, and whenever the lab or its configuration changes):

    # bgp-expect: r4 10.1.0.0/24 via 10.0.34.3 path "65003 65002 65001" origin igp
    # bgp-expect: r1 10.2.0.0/24 via 10.0.12.2,10.0.13.3 local-pref 200 communities "65001:100 no-export"
    # bgp-expect: r1 10.99.0.0/24 absent

`via` is the best path's next hop, or with several comma-separated addresses the set of
multipath next hops; `path` the AS path as printed (empty for local routes); `origin`, `med`,
`local-pref` (`-` for none), `weight` and `communities` (space-separated, any order) are
compared when given; `absent` means the router has no best path for the prefix.
"""

import ipaddress
import re
import shlex

import compare

MARKER = re.compile(r"^\s*#\s*bgp-expect:\s*(.*)$")
KEYS = {"via": "next_hop", "path": "as_path", "origin": "origin", "med": "med", "local-pref": "local_pref",
        "weight": "weight", "communities": "communities"}


class ExpectationError(Exception):
    pass


class Expectation:
    def __init__(self, line_number, router, prefix, fields, absent):
        self.line_number = line_number
        self.router = router
        self.prefix = prefix
        self.fields = fields
        self.absent = absent

    def __repr__(self):
        return f"line {self.line_number}: {self.router} {self.prefix}"


def _value(key, text):
    if key in ("med", "local_pref"):
        return None if text == "-" else int(text)
    if key == "weight":
        return int(text)
    if key == "communities":
        return sorted(text.split())
    return text


def parse(text):
    """The expectations in a topology file's text, in file order."""
    result = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = MARKER.match(line)
        if not found:
            continue
        try:
            words = shlex.split(found.group(1))
        except ValueError as error:
            raise ExpectationError(f"line {number}: {error}") from None
        if len(words) < 3:
            raise ExpectationError(f"line {number}: needs a router, a prefix and what to expect")
        router, prefix, rest = words[0], words[1], words[2:]
        try:
            prefix = str(ipaddress.IPv4Network(prefix))
        except ValueError:
            raise ExpectationError(f"line {number}: {prefix!r} is not a prefix") from None
        if rest == ["absent"]:
            result.append(Expectation(number, router, prefix, {}, True))
            continue
        if len(rest) % 2:
            raise ExpectationError(f"line {number}: expected `key value` pairs after the prefix")
        fields = {}
        for key, value in zip(rest[::2], rest[1::2]):
            if key not in KEYS:
                raise ExpectationError(f"line {number}: unknown key {key!r}; expected one of: {', '.join(KEYS)}")
            fields[KEYS[key]] = _value(KEYS[key], value)
        if "next_hop" in fields and "," in fields["next_hop"]:
            hops = fields.pop("next_hop").split(",")
            fields["multipath"] = sorted(hops, key=lambda hop: compare.hop_key((hop, None)))
        result.append(Expectation(number, router, prefix, fields, False))
    return result


def check(expectations, tables):
    """Failed expectations as text (empty when all hold), against {router: {prefix: [path]}}."""
    failures = []
    for expectation in expectations:
        table = tables.get(expectation.router)
        if table is None:
            failures.append(f"{expectation!r}: {expectation.router} has no BGP table")
            continue
        best = compare.bgp_best(table.get(expectation.prefix, []))
        if expectation.absent:
            if best is not None:
                failures.append(f"{expectation!r}: expected no best path, found {compare.format_bgp(expectation.prefix, best)}")
            continue
        if best is None:
            failures.append(f"{expectation!r}: no best path")
            continue
        wrong = [f"{key.replace('_', ' ')} {best.get(key)!r}, expected {value!r}"
                 for key, value in expectation.fields.items() if best.get(key) != value]
        if wrong:
            failures.append(f"{expectation!r}: " + "; ".join(wrong) + f"\n    found {compare.format_bgp(expectation.prefix, best)}")
    return failures
