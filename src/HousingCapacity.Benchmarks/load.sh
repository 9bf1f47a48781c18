#!/usr/bin/env bash
# The load script of issue 14: bash src/HousingCapacity.Benchmarks/load.sh [seconds per endpoint, default 10] [api folder]
# (api folder: the Release output of another build of HousingCapacity.Api, e.g. an older commit's, to measure it with the same
# script and clients.)
# Starts the API (Release, Development, rate limits raised) on a fresh demo database on 127.0.0.1, runs wrk (Debian's package,
# installed when missing) against six endpoints with 2 threads and 16 connections for a bounded time each, prints throughput
# and p99 with ratios to /health and Facilities(1) of the same run, the access log's growth, and then the allocation races of
# the benchmark project (1, 8 and 32 clients). Loopback only; it stops the server at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
port="${LOAD_PORT:-5197}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi
dotnet build -c Release src/HousingCapacity.Benchmarks -v q --nologo >/dev/null
bin="$PWD/src/HousingCapacity.Benchmarks/bin/Release/net10.0"
api="${2:-$bin}"
work="$(mktemp -d)"
db="$work/load.db"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# The limits of one user are raised: the clients are one user, and the allocations register their persons by CPR number
# (each a look-up within the user's CPR budget).
(cd "$api" && ASPNETCORE_ENVIRONMENT=Development exec dotnet HousingCapacity.Api.dll --Urls="http://127.0.0.1:$port" \
  --Database:ConnectionString="Data Source=$db" --Database:SeedDemoData=true \
  --RateLimits:WritesPerMinute=100000000 --RateLimits:HeavyQueriesPerMinute=100000000 --CprLookups:PerWindow=100000000 \
  --Logging:LogLevel:Default=Warning >"$work/server.log" 2>&1) &
server=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.5
done
token="$(cd "$api" && ASPNETCORE_ENVIRONMENT=Development dotnet HousingCapacity.Api.dll token --role HousingOfficer --municipality 175)"
month="$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)"
base="http://127.0.0.1:$port"

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(date -u +%F)"
echo "wrk -t2 -c16 -d${seconds}s on loopback, one server (${2:+the build in $2, }SQLite), a housing officer of Rødovre"
printf '%-44s %10s %9s %9s %12s %14s\n' endpoint 'req/s' 'p50 ms' 'p99 ms' '÷ /health' '÷ Facilities(1)'
health_rps="" facility_rps=""
ms() { # wrk's latency ("812.00us", "3.21ms", "1.20s") in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000;
    printf "%.1f", n }'
}
run() { # name, path (already URL-encoded); a short warm-up first (the JIT, the pool, SQLite's cache)
  local out rps p50 p99
  wrk -t2 -c16 -d2s -H "Authorization: Bearer $token" "$base$2" >/dev/null
  out="$(wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$base$2")"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50="$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p99="$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  if grep -q 'Non-2xx' <<<"$out"; then echo "  $1: $(grep 'Non-2xx' <<<"$out")"; fi
  [ -z "$health_rps" ] && health_rps="$rps"
  [ "$1" = 'Facilities(1)' ] && facility_rps="$rps"
  printf '%-44s %10.0f %9s %9s %12.2f %14s\n' "$1" "$rps" "$p50" "$p99" "$(awk -v a="$rps" -v b="$health_rps" 'BEGIN {print a/b}')" \
    "$([ -n "$facility_rps" ] && awk -v a="$rps" -v b="$facility_rps" 'BEGIN {printf "%.2f", a/b}')"
}
run '/health' '/health'
run 'Facilities(1)' '/odata/Facilities(1)'
log_before="$(dotnet "$bin/HousingCapacity.Benchmarks.dll" log-size --db "$db")"
run 'Persons(1) (person data, logged)' '/odata/Persons(1)'
log_after="$(dotnet "$bin/HousingCapacity.Benchmarks.dll" log-size --db "$db")"
placements="/odata/Placements?\$filter=StartDate%20ge%202026-09-01%20and%20Facility/Kind%20eq%20%27Section110Shelter%27"
placements+="&\$orderby=StartDate%20desc&\$top=20&\$count=true&\$expand=Unit(\$select=Label),Facility(\$select=Name)"
run "README's placements query" "$placements"
run "monthly report JSON ($month)" "/reports/monthly/175/$month.json"
run "monthly report PDF ($month)" "/reports/monthly/175/$month.pdf"
read -r entries_before persons_before bytes_before <<<"$log_before"
read -r entries_after persons_after bytes_after <<<"$log_after"
entries=$((entries_after - entries_before))
echo "Access log during the Persons(1) run: $entries entries naming $((persons_after - persons_before)) persons," \
  "$(awk -v b=$((bytes_after - bytes_before)) -v n="$entries" \
    'BEGIN {printf "%.0f bytes per logged request (%.0f KB per 1,000)", b/n, b/n}')"
echo
dotnet "$bin/HousingCapacity.Benchmarks.dll" allocations --url "$base"
