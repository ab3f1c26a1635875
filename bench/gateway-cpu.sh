#!/usr/bin/env bash
# CPU time per request of the gateway, by thread group, at peak load: where the time goes.
#
#   bench/gateway-cpu.sh DIR [--warmup 45] [--seconds 10] [--java-opts '...']
#
# DIR is a directory kept by `bench/compare.sh --keep` (its nginx and CampusGate configs are
# reused). Starts that nginx and the gateway (console/target/campusgate.jar; build it first),
# loads the gateway with wrk -t2 -c50 for --warmup seconds (JIT), then measures --seconds and
# reads every thread's user and system time from /proc/<pid>/task/*/stat before and after.
# Prints requests/s and, per thread group (event loops, audit writer, indexers, JIT, GC...), the
# microseconds of CPU per request. Everything on 127.0.0.1; both servers are stopped at the end.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${1:?usage: bench/gateway-cpu.sh DIR (kept by bench/compare.sh --keep)}; shift
warm=45 secs=10 jopts=
while (($#)); do
  case $1 in
    --warmup) warm=${2:?}; shift ;;
    --seconds) secs=${2:?}; shift ;;
    --java-opts) jopts=${2:?}; shift ;;
    *) echo "bench/gateway-cpu.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ $warm =~ ^[0-9]+$ && $secs =~ ^[1-9][0-9]*$ && $warm -le 600 && $secs -le 600 ]] \
  || { echo "bench/gateway-cpu.sh: --warmup 0..600, --seconds 1..600" >&2; exit 2; }
cfg=$dir/campusgate/campusgate.yaml
[[ -f $cfg && -f $dir/nginx/nginx.conf ]] || { echo "no kept compare run in $dir" >&2; exit 2; }
jar=$repo/console/target/campusgate.jar
[[ -f $jar ]] || { echo "build first: bin/campusgate --help" >&2; exit 2; }
gw_port=$(sed -nE 's/^listen: *127\.0\.0\.1:([0-9]+).*/\1/p' "$cfg")
origin_port=$(sed -nE 's/^ *listen 127\.0\.0\.1:([0-9]+) backlog.*/\1/p' "$dir/nginx/nginx.conf" | head -1)
url=http://127.0.0.1:$origin_port/1k.bin

rm -rf "$dir/campusgate/audit"
nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log" >"$dir/nginx.out" 2>&1 &
ng=$!
# shellcheck disable=SC2086
java $jopts -Dcampusgate.home="$repo" -jar "$jar" gateway --config "$cfg" >"$dir/gateway-cpu.out" 2>&1 &
gw=$!
trap 'kill $gw $ng 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  curl -s -o /dev/null -x "http://127.0.0.1:$gw_port" "$url" && break
  sleep 0.2
done
export BENCH_ABSOLUTE_URI=$url
lua=$repo/bench/compare/wrk.lua
((warm > 0)) && wrk -t2 -c50 -d"${warm}s" -s "$lua" "http://127.0.0.1:$gw_port/" >/dev/null

# thread name (digits and spaces dropped, so pools group together), user ticks, system ticks
snap() {
  for t in /proc/$gw/task/*; do
    sed -E 's/^[0-9]+ \((.*)\) /\1\t/' "$t/stat" 2>/dev/null \
      | awk -F'\t' '{split($2, a, " "); n = $1; gsub(/[^A-Za-z_-]/, "", n); print n, a[12], a[13]}'
  done | awk '{u[$1] += $2; s[$1] += $3} END {for (k in u) print k, u[k], s[k]}' | sort
}
before=$(snap)
result=$(wrk -t2 -c50 -d"${secs}s" -s "$lua" "http://127.0.0.1:$gw_port/" | grep RESULT)
after=$(snap)
requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")
hz=$(getconf CLK_TCK)
echo "$result" | sed -E 's/.*rps=([0-9.]+) p50_us=([0-9]+).*p99_us=([0-9]+).*/requests\/s \1, p50 \2 us, p99 \3 us/'
join <(echo "$before") <(echo "$after") | awk -v r="$requests" -v hz="$hz" '
  { du = ($4 - $2) * 1e6 / hz / r; ds = ($5 - $3) * 1e6 / hz / r; tu += du; ts += ds
    if (du + ds >= 0.1) printf "  %-18s user %5.1f  sys %5.1f  us/request\n", $1, du, ds }
  END { printf "  %-18s user %5.1f  sys %5.1f  total %5.1f us/request\n", "ALL", tu, ts, tu + ts }'
