#!/usr/bin/env bash
# The netsim-vs-FRR differential suite: the harness's own unit tests, then every topology in
# Tests/FRRDifferential/topologies and examples/, then random topologies from fixed seeds.
# One PASS/FAIL/SKIP line per topology; exit status 1 when any topology differs or fails.
#
#   sudo NETSIM=.build/debug/netsim Tests/FRRDifferential/run-all.sh [frr_diff.py options]
#
# Environment: NETSIM (the netsim binary; default .build/debug/netsim), FRRDIFF_SEEDS (the
# random OSPF topologies' seeds, default 1 to 16), FRRDIFF_ISIS_SEEDS (the random IS-IS
# topologies' seeds, default 1 to 12), FRRDIFF_ROUTERS (router count range of random
# topologies, default 5-9).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seeds="${FRRDIFF_SEEDS:-1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16}"
isis_seeds="${FRRDIFF_ISIS_SEEDS:-1 2 3 4 5 6 7 8 9 10 11 12}"
routers="${FRRDIFF_ROUTERS:-5-9}"
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

echo "== differential runs (netsim: $NETSIM)"
status=0
python3 "$here/frr_diff.py" "$@" \
    "$here"/topologies/*.yaml "$repo"/examples/*.yaml "$generated"/random-*.yaml || status=$?
if [ "$status" -ne 0 ]; then
    echo "random-N topologies are regenerated with: python3 Tests/FRRDifferential/topogen.py --seed N --routers $routers"
    echo "random-isis-N ones with: python3 Tests/FRRDifferential/topogen.py --protocol isis --seed N --routers $routers"
fi
echo "== FRR differential suite finished in $(( $(date +%s) - start )) s, exit status $status"
exit "$status"
