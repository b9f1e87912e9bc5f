#!/usr/bin/env bash
# Times GET /api/v1/projects/bench/traces?limit=100 (a page of 100 traces with their events) N times.
# usage: bench/traces/page-http.sh "<extra query parameters, e.g. &status=error>" [N]
# Expects the service on localhost:7171 with NEXUS_ADMIN_TOKEN=bench-admin and project "bench" (see BENCHMARKS.md).
set -euo pipefail
N=${2:-50}
URL="http://localhost:7171/api/v1/projects/bench/traces?limit=100$1"
for i in $(seq "$N"); do
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Authorization: Bearer bench-admin' "$URL"
done | sort -n | awk '{t[NR]=$1} END {printf "n=%d median=%.1f ms p95=%.1f ms max=%.1f ms\n", NR, t[int(NR/2)+1]*1000, t[int(NR*0.95)]*1000, t[NR]*1000}'
