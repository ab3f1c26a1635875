#!/usr/bin/env bash
# The gateway under load, against the references: wrk through no proxy (direct to nginx), through
# HAProxy (reverse proxy, the fast reference), through Squid (the peer forward proxy, doing the
# same filtering and logging) and through CampusGate, in one run, alternating. Then the same at a
# paced, lower load ("half of peak") for added latency, and a CONNECT tunnel throughput
# comparison. Everything listens on 127.0.0.1 and lives in a temporary directory.
#
#   bench/compare.sh [options]
#     --duration 8s          each measured wrk run                --connections 50   --threads 2
#     --rounds 3             measured rounds; targets alternate within a round; medians reported
#     --warmup 3s            one unmeasured wrk run per target before the rounds
#     --jvm-warmup 45s       an extra unmeasured run for CampusGate: a JVM server reaches its steady
#                            state only after the JIT has compiled the request path (measured: 2.3 k
#                            req/s in the first 5 s, 16 k after 35 s of load)
#     --workers N            Squid workers = CampusGate event loops = HAProxy threads (default: nproc)
#     --gateway-cmd CMD      how to start CampusGate (bash -c), default:
#                              bin/campusgate gateway --config "$CG_CONFIG"
#                            it sees CG_PORT, CG_CONFIG, CG_DIR, CG_WORKERS, CG_POLICY, CG_LISTS,
#                            CG_ORIGIN_URL and must listen on 127.0.0.1:$CG_PORT within 60 s,
#                            else the CampusGate leg is skipped and the rest still runs
#     --no-gateway           skip the CampusGate leg
#     --half-rate N          requests/s for the paced run (default: half of CampusGate's median
#                            peak, or of Squid's when the CampusGate leg is skipped)
#     --no-half              skip the paced run         --no-tunnel   skip the tunnel comparison
#     --tunnel-size 256M     object downloaded through each tunnel (sparse file; truncate -s syntax)
#     --tunnel-streams 2     parallel downloads per tunnel run     --tunnel-rounds 3
#     --keep                 keep the temporary directory (configs, logs, wrk output)
#
# Needs the Debian packages nginx squid haproxy wrk (and curl, openssl). When they are missing it
# says so; run as root with BENCH_INSTALL=1 it installs them with apt-get. apt does not start
# services here and this script does not use them: it starts its own servers and stops them, by
# process id, when it exits. UT1_ARCHIVE overrides ../shared/data/ut1-blacklists.tar.gz.
# Output: progress on stderr; per-run lines and markdown tables on stdout. Figures and method:
# BENCHMARKS.md, "Gateway under load (wrk)".
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
here=$repo/bench/compare

duration=8s connections=50 threads=2 rounds=3 warmup=3s jvm_warmup=45s workers=$(nproc)
gateway_cmd='bin/campusgate gateway --config "$CG_CONFIG"'
use_gateway=1 half_rate= do_half=1 do_tunnel=1 keep=0
tunnel_size=256M tunnel_streams=2 tunnel_rounds=3

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }
die() { echo "bench/compare.sh: $*" >&2; exit 2; }
say() { echo "compare: $*" >&2; }

while (($#)); do
  case $1 in
    --duration) duration=${2:?}; shift ;;
    --connections|-c) connections=${2:?}; shift ;;
    --threads|-t) threads=${2:?}; shift ;;
    --rounds) rounds=${2:?}; shift ;;
    --warmup) warmup=${2:?}; shift ;;
    --jvm-warmup) jvm_warmup=${2:?}; shift ;;
    --workers) workers=${2:?}; shift ;;
    --gateway-cmd) gateway_cmd=${2:?}; shift ;;
    --no-gateway) use_gateway=0 ;;
    --half-rate) half_rate=${2:?}; shift ;;
    --no-half) do_half=0 ;;
    --no-tunnel) do_tunnel=0 ;;
    --tunnel-size) tunnel_size=${2:?}; shift ;;
    --tunnel-streams) tunnel_streams=${2:?}; shift ;;
    --tunnel-rounds) tunnel_rounds=${2:?}; shift ;;
    --keep) keep=1 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (--help lists them)" ;;
  esac
  shift
done
for n in connections threads rounds workers tunnel_streams tunnel_rounds; do
  [[ ${!n} =~ ^[1-9][0-9]*$ ]] || die "--${n//_/-} wants a positive number, not '${!n}'"
done
((rounds <= 20 && tunnel_rounds <= 20)) || die "at most 20 rounds"
[[ -z $half_rate || $half_rate =~ ^[1-9][0-9]*$ ]] || die "--half-rate wants requests/s"

# ---------------------------------------------------------------------------------------------
# Packages

export PATH=$PATH:/usr/sbin:/sbin
missing=()
for pkg in nginx squid haproxy wrk curl openssl; do
  command -v "$pkg" >/dev/null || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ ${BENCH_INSTALL:-} == 1 && $(id -u) == 0 ]]; then
    say "installing ${missing[*]} (apt-get; the packages' services are not used)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
  else
    die "missing: ${missing[*]}. Install the Debian packages: apt-get install ${missing[*]}
  (or run this script as root with BENCH_INSTALL=1). This script starts its own servers."
  fi
fi

archive=${UT1_ARCHIVE:-$repo/../shared/data/ut1-blacklists.tar.gz}
[[ -f $archive ]] || die "UT1 archive not found: $archive (set UT1_ARCHIVE to the ut1-blacklists.tar.gz to use)"

# ---------------------------------------------------------------------------------------------
# Temporary directory and cleanup: every server started here is stopped by its process id.

dir=$(mktemp -d /tmp/campusgate-compare.XXXXXX)
chmod 755 "$dir"              # nginx workers (nobody) read www/; Squid (proxy) reads its dir
declare -A pids=()            # name -> pid (each server leads its own process group)

stop_server() {
  local name=$1 pid=${pids[$1]:-} i
  [[ -n $pid ]] || return 0
  unset "pids[$name]"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do          # up to 10 s for a clean stop
    kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$? name
  trap - EXIT INT TERM
  for name in gateway squid haproxy nginx; do stop_server "$name"; done
  if ((keep)); then say "kept $dir"; else rm -rf "$dir"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free port: not listening now and not handed out before in this run.
declare -A used_ports=()
free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 30000))
    [[ -z ${used_ports[$p]:-} ]] || continue
    [[ -z $(ss -Htan "sport = :$p") ]] || continue
    used_ports[$p]=1
    echo "$p"
    return 0
  done
  die "no free port found"
}

# Starts a server in its own session (so its process group id is its pid), output to a log.
start_server() {
  local name=$1; shift
  setsid "$@" >"$dir/$name.out" 2>&1 </dev/null &
  pids[$name]=$!
}

# Waits until 127.0.0.1:$2 accepts connections, for at most $3 seconds, while server $1 lives.
wait_port() {
  local name=$1 port=$2 limit=$3 i
  for ((i = 0; i < limit * 10; i++)); do
    kill -0 "${pids[$name]}" 2>/dev/null || return 1
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

fill() {  # fill TEMPLATE: replaces @VAR@ with the value of shell variable VAR
  local text var
  text=$(<"$1")
  for var in DIR HTTP_PORT TLS_PORT HAPROXY_PORT HAPROXY_TLS_PORT SQUID_PORT SQUID_DIR \
             GATEWAY_PORT WORKERS THREADS; do
    text=${text//@$var@/${!var:-}}
  done
  printf '%s\n' "$text"
}

DIR=$dir WORKERS=$workers THREADS=$workers
HTTP_PORT=$(free_port) TLS_PORT=$(free_port) HAPROXY_PORT=$(free_port)
HAPROXY_TLS_PORT=$(free_port) SQUID_PORT=$(free_port) GATEWAY_PORT=$(free_port)
SQUID_DIR=$dir/squid

say "working in $dir; $(nproc) cores; squid workers = gateway event loops = haproxy threads = $workers"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------
# Origin: nginx, one worker, a 1 KiB object and the tunnel object, plain and TLS listeners.

mkdir -p "$dir/www" "$dir/tls" "$dir/nginx/tmp"
head -c 1024 /dev/urandom >"$dir/www/1k.bin"
truncate -s "$tunnel_size" "$dir/www/big.bin"
tunnel_bytes=$(stat -c %s "$dir/www/big.bin")
chmod 644 "$dir/www/"*
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$dir/tls/origin.key" -out "$dir/tls/origin.crt" 2>/dev/null
fill "$here/nginx.conf.tmpl" >"$dir/nginx/nginx.conf"
start_server nginx nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log"
wait_port nginx "$HTTP_PORT" 10 && wait_port nginx "$TLS_PORT" 10 ||
  die "nginx did not start: $(tail -5 "$dir/nginx/error.log" "$dir/nginx.out" 2>/dev/null)"

object_url=http://127.0.0.1:$HTTP_PORT/1k.bin
tls_url=https://127.0.0.1:$TLS_PORT/big.bin

check_get() {  # check_get LABEL CURL-ARGS...: the 1 KiB object comes back whole with status 200
  local label=$1 out; shift
  out=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code} %{size_download}' "$@" 2>&1) || true
  [[ $out == "200 1024" ]] || { say "$label: expected '200 1024', got '$out'"; return 1; }
}
check_get nginx "$object_url" || die "nginx does not serve the object"

# ---------------------------------------------------------------------------------------------
# HAProxy: reverse proxy in front of nginx, plus a TCP relay to nginx's TLS listener.

fill "$here/haproxy.cfg.tmpl" >"$dir/haproxy.cfg"
start_server haproxy haproxy -db -f "$dir/haproxy.cfg"
wait_port haproxy "$HAPROXY_PORT" 10 || die "haproxy did not start: $(tail -5 "$dir/haproxy.out")"
check_get haproxy "http://127.0.0.1:$HAPROXY_PORT/1k.bin" || die "haproxy does not relay"

# ---------------------------------------------------------------------------------------------
# Squid: forward proxy with the UT1 gambling domains as a dstdomain ACL.

mkdir -p "$SQUID_DIR"
"$here/squid-acl.sh" "$archive" gambling >"$SQUID_DIR/ut1-gambling.acl"
acl_entries=$(wc -l <"$SQUID_DIR/ut1-gambling.acl")
blocked_host=$(grep -m1 '^\.[a-z]' "$SQUID_DIR/ut1-gambling.acl" | cut -c2-)
fill "$here/squid.conf.tmpl" >"$SQUID_DIR/squid.conf"
if [[ $(id -u) == 0 ]]; then
  chown -R proxy:proxy "$SQUID_DIR"      # Squid run as root drops to user proxy
  # SMP workers talk over sockets in /run/squid (compiled in); the package creates it, apt
  # leaves it out when the service never ran.
  [[ -d /run/squid ]] || { mkdir -p /run/squid && chown proxy:proxy /run/squid; }
fi
squid -k parse -f "$SQUID_DIR/squid.conf" >"$dir/squid-parse.out" 2>&1 ||
  die "squid rejects its configuration: $(grep -iE 'error|fatal' "$dir/squid-parse.out" | head -5)"
start_server squid squid --foreground -f "$SQUID_DIR/squid.conf"
wait_port squid "$SQUID_PORT" 30 ||
  die "squid did not start: $(tail -5 "$SQUID_DIR/cache.log" "$dir/squid.out" 2>/dev/null)"
for ((i = 0; i < 50; i++)); do   # the port opens before every worker is ready
  check_get squid -x "http://127.0.0.1:$SQUID_PORT" "$object_url" 2>/dev/null && break
  sleep 0.2
done
check_get squid -x "http://127.0.0.1:$SQUID_PORT" "$object_url" || die "squid does not relay"
# The ACL is live: a listed host is refused (before any lookup; DNS would stay on loopback).
status=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -x "http://127.0.0.1:$SQUID_PORT" \
  "http://www.$blocked_host/") || true
[[ $status == 403 ]] || die "squid did not block www.$blocked_host (status $status)"
say "squid: $acl_entries ACL entries from $(basename "$archive") blacklists/gambling/domains; www.$blocked_host → 403"

# ---------------------------------------------------------------------------------------------
# CampusGate: optional until the gateway command exists.

targets=(direct haproxy squid)
gateway_note=
if ((use_gateway)); then
  mkdir -p "$dir/campusgate/ut1/blacklists/gambling" "$dir/campusgate/audit"
  tar -xzOf "$archive" blacklists/gambling/domains >"$dir/campusgate/ut1/blacklists/gambling/domains"
  cp "$here/campusgate-policy.yaml" "$dir/campusgate/policy.yaml"
  fill "$here/campusgate.yaml.tmpl" >"$dir/campusgate/campusgate.yaml"
  export CG_PORT=$GATEWAY_PORT CG_CONFIG=$dir/campusgate/campusgate.yaml CG_DIR=$dir/campusgate \
    CG_WORKERS=$workers CG_POLICY=$dir/campusgate/policy.yaml CG_LISTS=$dir/campusgate/ut1 \
    CG_ORIGIN_URL=$object_url
  say "campusgate: starting: $gateway_cmd   (port $GATEWAY_PORT, up to 60 s)"
  start_server gateway bash -c "cd \"\$1\" && eval \"\$2\"" gateway "$repo" "$gateway_cmd"
  if ! wait_port gateway "$GATEWAY_PORT" 60; then
    if kill -0 "${pids[gateway]}" 2>/dev/null; then
      gateway_note="CampusGate leg skipped: nothing listened on 127.0.0.1:$GATEWAY_PORT within 60 s"
    else
      gateway_note="CampusGate leg skipped: the gateway command ended: $(tail -3 "$dir/gateway.out" | tr -s '[:space:]' ' ')"
    fi
  elif ! check_get campusgate -x "http://127.0.0.1:$GATEWAY_PORT" "$object_url"; then
    gateway_note="CampusGate leg skipped: the gateway did not relay the 1 KiB object"
  else
    targets+=(campusgate)
  fi
  if [[ -n $gateway_note ]]; then
    stop_server gateway
    say "$gateway_note (output: $dir/gateway.out; --keep keeps it)"
  fi
else
  gateway_note="CampusGate leg skipped (--no-gateway)"
fi

proxy_port() {
  case $1 in squid) echo "$SQUID_PORT" ;; campusgate) echo "$GATEWAY_PORT" ;; esac
}

# ---------------------------------------------------------------------------------------------
# wrk runs

declare -A res=()   # "<phase>:<target>:<round>:<field>" -> value

# run_wrk PHASE TARGET ROUND DURATION [PACE_MS]: one wrk run, its RESULT fields stored in res.
run_wrk() {
  local phase=$1 target=$2 round=$3 dur=$4 pace=${5:-0} url absolute= log line kv
  case $target in
    direct) url=$object_url ;;
    haproxy) url=http://127.0.0.1:$HAPROXY_PORT/1k.bin ;;
    *) url=http://127.0.0.1:$(proxy_port "$target")/; absolute=$object_url ;;
  esac
  log=$dir/wrk-$phase-$target-$round.out
  BENCH_ABSOLUTE_URI=$absolute BENCH_PACE_MS=$pace \
    timeout 600 wrk -t"$threads" -c"$connections" -d"$dur" -s "$here/wrk.lua" "$url" >"$log" 2>&1 || true
  line=$(grep -m1 '^RESULT ' "$log") || { say "wrk $phase $target: no result ($(tail -2 "$log" | tr '\n' ' '))"; return 1; }
  for kv in ${line#RESULT }; do res[$phase:$target:$round:${kv%%=*}]=${kv#*=}; done
  printf '%-6s %-10s round %-2s %s\n' "$phase" "$target" "$round" "${line#RESULT }"
}

median() {  # median of the numbers given (the lower middle one for an even count)
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}
# med PHASE TARGET FIELD NROUNDS
med() {
  local r vals=()
  for ((r = 1; r <= $4; r++)); do [[ -n ${res[$1:$2:$r:$3]:-} ]] && vals+=("${res[$1:$2:$r:$3]}"); done
  ((${#vals[@]})) && median "${vals[@]}"
}
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
ratio() { [[ -n $1 && -n $2 ]] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }' || echo "–"; }
label() {
  case $1 in direct) echo "direct (nginx)" ;; haproxy) echo "HAProxy (reverse)" ;;
    squid) echo "Squid (forward)" ;; campusgate) echo "CampusGate (forward)" ;; esac
}
total_errors() {  # total_errors PHASE TARGET NROUNDS
  local r sum=0
  for ((r = 1; r <= $3; r++)); do sum=$((sum + ${res[$1:$2:$r:errors]:-0})); done
  echo "$sum"
}

say "warm-up: $warmup per target"
for t in "${targets[@]}"; do
  if [[ $t == campusgate ]]; then
    say "JVM warm-up: $jvm_warmup for CampusGate"
    run_wrk warmup "$t" 1 "$jvm_warmup" >/dev/null || true
  fi
  run_wrk warmup "$t" 1 "$warmup" >/dev/null || true
done

say "peak: $rounds rounds × ${#targets[@]} targets × $duration, wrk -t$threads -c$connections"
for ((r = 1; r <= rounds; r++)); do
  for t in "${targets[@]}"; do run_wrk peak "$t" "$r" "$duration" || true; done
done

declare -A peak_rps=()
for t in "${targets[@]}"; do peak_rps[$t]=$(med peak "$t" rps "$rounds" || true); done

echo
echo "### Peak: wrk -t$threads -c$connections -d$duration, 1 KiB object, median of $rounds rounds"
echo
echo "| target | requests/s | p50 | p99 | vs direct | vs HAProxy | vs Squid | errors |"
echo "|---|---|---|---|---|---|---|---|"
for t in "${targets[@]}"; do
  rps=${peak_rps[$t]:-}
  printf '| %s | %s | %s ms | %s ms | %s | %s | %s | %s |\n' "$(label "$t")" \
    "$(printf '%.0f' "${rps:-0}")" "$(ms "$(med peak "$t" p50_us "$rounds")")" \
    "$(ms "$(med peak "$t" p99_us "$rounds")")" \
    "$(ratio "$rps" "${peak_rps[direct]:-}")" "$(ratio "$rps" "${peak_rps[haproxy]:-}")" \
    "$(ratio "$rps" "${peak_rps[squid]:-}")" "$(total_errors peak "$t" "$rounds")"
done
[[ -n $gateway_note ]] && printf '\n%s.\n' "$gateway_note"
if [[ -n ${peak_rps[campusgate]:-} ]]; then
  awk -v g="${peak_rps[campusgate]}" -v s="${peak_rps[squid]}" -v h="${peak_rps[haproxy]}" 'BEGIN {
    printf "\nTargets: CampusGate ≥ 2× Squid: %.2f× (%s); ≥ 0.6× HAProxy (aim 0.8×): %.2f× (%s)\n",
      g / s, (g / s >= 2 ? "met" : "NOT met"), g / h, (g / h >= 0.6 ? "met" : "NOT met") }'
fi

# ---------------------------------------------------------------------------------------------
# Paced run: the same rate offered to every target, for the latency a proxy adds below its peak.

if ((do_half)); then
  if [[ -z $half_rate ]]; then
    base=${peak_rps[campusgate]:-${peak_rps[squid]:-}}
    [[ -n $base ]] || die "no peak figure to take half of; pass --half-rate"
    half_rate=$(awk -v r="$base" 'BEGIN { printf "%d", r / 2 }')
    half_of=$([[ -n ${peak_rps[campusgate]:-} ]] && echo "CampusGate's" || echo "Squid's")
  else
    half_of="--half-rate"
  fi
  # Think time per connection for that rate; the response time comes on top, so the achieved
  # rate is a little lower (shown).
  pace=$(awk -v c="$connections" -v r="$half_rate" 'BEGIN { printf "%.3f", c * 1000 / r }')
  say "paced: $half_rate req/s offered ($half_of peak / 2), think time $pace ms per connection"
  for ((r = 1; r <= rounds; r++)); do
    for t in "${targets[@]}"; do run_wrk half "$t" "$r" "$duration" "$pace" || true; done
  done
  direct_p99=$(med half direct p99_us "$rounds")
  echo
  echo "### Paced at $half_rate req/s ($half_of median peak / 2): wrk -t$threads -c$connections -d$duration, exponential think time (mean $pace ms) per connection, median of $rounds rounds"
  echo
  echo "| target | achieved req/s (of offered) | p50 | p99 | p99 added vs direct | errors |"
  echo "|---|---|---|---|---|---|"
  for t in "${targets[@]}"; do
    p99=$(med half "$t" p99_us "$rounds")
    achieved=$(med half "$t" rps "$rounds")
    printf '| %s | %s | %s ms | %s ms | %s | %s |\n' "$(label "$t")" \
      "$(awk -v a="${achieved:-0}" -v o="$half_rate" 'BEGIN { printf "%.0f (%.0f%%)", a, 100 * a / o }')" \
      "$(ms "$(med half "$t" p50_us "$rounds")")" \
      "$(ms "$p99")" "$([[ $t == direct ]] && echo – || echo "$(ms $((p99 - direct_p99))) ms")" \
      "$(total_errors half "$t" "$rounds")"
  done
  if [[ -n ${peak_rps[campusgate]:-} ]]; then
    awk -v a="$(( $(med half campusgate p99_us "$rounds") - direct_p99 ))" 'BEGIN {
      printf "\nTarget: CampusGate p99 added ≤ 1 ms at half of peak: %.2f ms (%s)\n", a / 1000, (a <= 1000 ? "met" : "NOT met") }'
  fi
fi

# ---------------------------------------------------------------------------------------------
# Tunnels: curl downloads the TLS object directly, through HAProxy's TCP relay, and through
# CONNECT tunnels of Squid and CampusGate. wrk cannot CONNECT, so this is a bounded number of
# curl runs: --tunnel-streams parallel downloads, timed from the first start to the last end.

if ((do_tunnel)); then
  tunnel_targets=(direct haproxy squid)
  [[ " ${targets[*]} " == *" campusgate "* ]] && tunnel_targets+=(campusgate)
  declare -A tun=()
  # tunnel_run TARGET ROUND: prints aggregate MB/s, or nothing when a download failed.
  tunnel_run() {
    local t=$1 r=$2 url=$tls_url args=() s start end ok=1
    case $t in
      haproxy) url=https://127.0.0.1:$HAPROXY_TLS_PORT/big.bin ;;
      squid|campusgate) args=(-x "http://127.0.0.1:$(proxy_port "$t")" -p) ;;
    esac
    local curls=()
    start=$(date +%s%N)
    for ((s = 1; s <= tunnel_streams; s++)); do
      curl -sS -k --max-time 120 "${args[@]}" -o /dev/null -w '%{http_code} %{size_download}\n' \
        "$url" >"$dir/tunnel-$t-$r-$s.out" 2>&1 &
      curls+=($!)
    done
    for s in "${curls[@]}"; do wait "$s" || true; done
    end=$(date +%s%N)
    for ((s = 1; s <= tunnel_streams; s++)); do
      [[ $(tail -1 "$dir/tunnel-$t-$r-$s.out") == "200 $tunnel_bytes" ]] || ok=0
    done
    ((ok)) || { say "tunnel $t round $r: a download failed: $(cat "$dir/tunnel-$t-$r-1.out")"; return 0; }
    awk -v b="$((tunnel_bytes * tunnel_streams))" -v ns="$((end - start))" 'BEGIN { printf "%.0f", b / (ns / 1e9) / 1e6 }'
  }
  say "tunnels: $tunnel_rounds rounds × ${#tunnel_targets[@]} targets, $tunnel_streams × $tunnel_size over TLS each"
  for t in "${tunnel_targets[@]}"; do tunnel_run "$t" 0 >/dev/null; done   # warm-up
  for ((r = 1; r <= tunnel_rounds; r++)); do
    for t in "${tunnel_targets[@]}"; do
      tun[$t:$r]=$(tunnel_run "$t" "$r")
      printf 'tunnel %-10s round %-2s MB/s=%s\n' "$t" "$r" "${tun[$t:$r]:-failed}"
    done
  done
  echo
  echo "### Tunnels: $tunnel_streams parallel curl downloads of $tunnel_size over TLS (nginx), aggregate MB/s, median of $tunnel_rounds rounds"
  echo
  echo "| path | MB/s | vs direct | vs Squid |"
  echo "|---|---|---|---|"
  declare -A tun_med=()
  for t in "${tunnel_targets[@]}"; do
    vals=()
    for ((r = 1; r <= tunnel_rounds; r++)); do [[ -n ${tun[$t:$r]:-} ]] && vals+=("${tun[$t:$r]}"); done
    tun_med[$t]=$( ((${#vals[@]})) && median "${vals[@]}" || true)
  done
  for t in "${tunnel_targets[@]}"; do
    case $t in
      direct) name="direct TLS (nginx)" ;; haproxy) name="HAProxy TCP relay" ;;
      squid) name="Squid CONNECT" ;; campusgate) name="CampusGate CONNECT" ;;
    esac
    printf '| %s | %s | %s | %s |\n' "$name" "${tun_med[$t]:-failed}" \
      "$(ratio "${tun_med[$t]:-}" "${tun_med[direct]:-}")" "$(ratio "${tun_med[$t]:-}" "${tun_med[squid]:-}")"
  done
fi

# ---------------------------------------------------------------------------------------------

sleep 1   # Squid's log daemons write behind
squid_lines=$(cat "$SQUID_DIR/access.log" 2>/dev/null | wc -l)
echo
echo "Squid access log: $squid_lines lines. Origin 127.0.0.1:$HTTP_PORT (nginx $(nginx -v 2>&1 | sed 's/.*\///')), $(haproxy -v | head -1 | awk '{print "HAProxy " $3}'), $(squid -v | head -1 | awk '{print "Squid " $4}'), $(wrk -v 2>&1 | head -1 | awk '{print "wrk " $2}'), $(nproc) cores."
echo "Load average (1, 5, 15 min) at the start: $load_start; at the end: $(cut -d' ' -f1-3 /proc/loadavg). Other work on these cores moves every figure."
