#!/bin/bash
# ci-validate.sh — validate topology in CI pipeline

# Start simulation in background
netsim daemon start ci-test topology.yaml --tick-interval 10ms

# Wait for convergence
sleep 2

# Run validation checks, collect JSON output
ROUTES=$(netsim exec ci-test r1 "show ip route --json")
OSPF=$(netsim exec ci-test r1 "show ospf neighbors --json")
PING=$(netsim exec ci-test h1 "ping 10.0.3.10")

# Assert expected state
echo "$ROUTES" | jq -e '.[] | select(.destination == "10.0.3.0/24")' || exit 1
echo "$OSPF" | jq -e 'length == 2' || exit 1
echo "$PING" | grep -q "0% loss" || exit 1

# Clean up
netsim daemon stop ci-test

echo "All validations passed"
