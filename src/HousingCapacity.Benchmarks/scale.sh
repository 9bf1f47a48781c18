#!/usr/bin/env bash
# The scale script of issue 15: bash src/HousingCapacity.Benchmarks/scale.sh [seconds per run, default 10]
# On loopback, with a throwaway PostgreSQL cluster of its own (initdb in a temporary folder, fsync on as in production; stopped
# and removed at the end) and wrk (Debian's package; both installed when missing):
#   1. seeds the national data set (98 municipalities) into PostgreSQL with the `seed` command and prints the time;
#   2. measures a read (Persons(1), logged), README's placements query and a write (POST /odata/Turnaways) with wrk, 2 threads
#      and 16 connections, on SQLite with one API process, on PostgreSQL with one, and on PostgreSQL with two (two wrk runs
#      of 8 connections at once, one per process: the req/s added up, the p99 the worse of the two);
#   3. races 32 clients for the last bed on PostgreSQL (the benchmark project's `allocations`).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
need=()
command -v wrk >/dev/null || need+=(wrk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
dotnet build -c Release src/HousingCapacity.Benchmarks -v q --nologo >/dev/null
bin="$PWD/src/HousingCapacity.Benchmarks/bin/Release/net10.0"
work="$(mktemp -d)"
servers=()
pg_bin="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
pg_port="${SCALE_PGPORT:-55434}"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_servers() { for s in "${servers[@]}"; do kill "$s" 2>/dev/null || true; done; wait 2>/dev/null || true; servers=(); }
cleanup() { stop_servers; as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 \
  -c max_connections=300 -c shared_buffers=512MB" start >/dev/null
psql -qh 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE national" -c "CREATE DATABASE load"
pg="Host=127.0.0.1;Port=$pg_port;Username=postgres;Maximum Pool Size=200"

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr);" \
  "$("$pg_bin/postgres" --version); $(date -u +%F)"
start=$(date +%s.%N)
(cd "$bin" && ASPNETCORE_ENVIRONMENT=Development dotnet HousingCapacity.Api.dll seed --municipalities 98 \
  --Database:Provider=PostgreSQL --Database:ConnectionString="$pg;Database=national")
echo "National data set into PostgreSQL: $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}') s in all" \
  "(the command's own start, schema and seed)"
echo

ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000;
  printf "%.1f", n }'; }
serve() { # port, provider, connection string
  (cd "$bin" && ASPNETCORE_ENVIRONMENT=Development exec dotnet HousingCapacity.Api.dll --Urls="http://127.0.0.1:$1" \
    --Database:Provider="$2" --Database:ConnectionString="$3" --Database:SeedDemoData=true \
    --RateLimits:WritesPerMinute=100000000 --RateLimits:HeavyQueriesPerMinute=100000000 \
    --Logging:LogLevel:Default=Warning >>"$work/server-$1.log" 2>&1) &
  servers+=($!)
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  cat "$work/server-$1.log"; exit 1
}
officer="$(cd "$bin" && ASPNETCORE_ENVIRONMENT=Development dotnet HousingCapacity.Api.dll token --role HousingOfficer --municipality 175)"
staff="$(cd "$bin" && ASPNETCORE_ENVIRONMENT=Development dotnet HousingCapacity.Api.dll token --role ShelterStaff \
  --municipality 175 --facility 1)"
cat >"$work/turnaway.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"FacilityId":1,"Reason":"Full"}'
wrk.headers["Content-Type"] = "application/json"
LUA
placements="/odata/Placements?\$filter=StartDate%20ge%202026-09-01%20and%20Facility/Kind%20eq%20%27Section110Shelter%27"
placements+="&\$orderby=StartDate%20desc&\$top=20&\$count=true&\$expand=Unit(\$select=Label),Facility(\$select=Name)"
wrk_run() { # token, connections, url, [lua]; prints "req/s p99-ms non-2xx"
  local out
  out="$(wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"${seconds}s" --latency -H "Authorization: Bearer $1" ${4:+-s "$4"} "$3")"
  echo "$(awk '/^Requests\/sec:/ {print $2}' <<<"$out") $(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")" \
    "$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
}
measure() { # label, ports...
  local label="$1"; shift
  for what in read query write; do
    local token="$officer" path="/odata/Persons(1)" lua=""
    [ "$what" = query ] && path="$placements"
    [ "$what" = write ] && { token="$staff"; path="/odata/Turnaways"; lua="$work/turnaway.lua"; }
    for port in "$@"; do wrk -t1 -c4 -d2s -H "Authorization: Bearer $token" ${lua:+-s "$lua"} "http://127.0.0.1:$port$path" >/dev/null; done
    local connections=$(( 16 / $# )) pids=()
    for port in "$@"; do wrk_run "$token" "$connections" "http://127.0.0.1:$port$path" "$lua" >"$work/wrk-$port" & pids+=($!); done
    wait "${pids[@]}"
    read -r rps p99 errors < <(cat $(for port in "$@"; do echo "$work/wrk-$port"; done) \
      | awk '{r += $1; if ($2 > p) p = $2; e += $3} END {printf "%.0f %.1f %d\n", r, p, e}')
    rm -f "$work"/wrk-*
    printf '%-34s %-30s %10s %9s %s\n' "$label" "$what" "$rps" "$p99" "$([ "$errors" -gt 0 ] && echo "($errors non-2xx)")"
  done
}
echo "wrk on loopback, 16 connections in all, ${seconds} s a run, after a 2 s warm-up (req/s, p99 ms)"
printf '%-34s %-30s %10s %9s\n' setup endpoint 'req/s' 'p99 ms'
serve 5301 Sqlite "Data Source=$work/load.db"
measure "SQLite, 1 API process" 5301
stop_servers
serve 5302 PostgreSQL "$pg;Database=load"
measure "PostgreSQL, 1 API process" 5302
serve 5303 PostgreSQL "$pg;Database=load"
measure "PostgreSQL, 2 API processes" 5302 5303
echo "(read: Persons(1), logged; query: README's placements query; write: POST /odata/Turnaways as shelter staff)"
echo
dotnet "$bin/HousingCapacity.Benchmarks.dll" allocations --url "http://127.0.0.1:5302"
