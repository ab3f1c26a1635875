-- wrk script for bench/compare.sh (wrk 4.1, LuaJIT).
--
-- BENCH_ABSOLUTE_URI  when set, every request line carries this absolute-form URI, as a client
--                     sends it to a forward proxy; wrk connects to the host:port of its command
--                     line URL (the proxy). Unset: the command line URL's path (origin-form) is
--                     sent, for the origin itself and for HAProxy.
-- BENCH_PACE_MS       when > 0, each connection waits before each request for a think time drawn
--                     from an exponential distribution with this mean, in milliseconds (wrk's
--                     delay() hook has millisecond resolution). This caps the load below the
--                     target's peak: wrk has no fixed-rate mode and wrk2 is not in Debian.
--
-- done() prints one machine-readable line, read by bench/compare.sh:
--   RESULT requests=.. duration_us=.. rps=.. p50_us=.. p90_us=.. p99_us=.. max_us=.. errors=..

local uri = os.getenv("BENCH_ABSOLUTE_URI")
if uri and uri ~= "" then
  wrk.path = uri
  wrk.headers["Host"] = uri:match("^%a+://([^/]+)")
end

local pace = tonumber(os.getenv("BENCH_PACE_MS") or "") or 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + (thread_no or 0))
end

if pace > 0 then
  function delay()
    -- exponential think time, rounded to whole milliseconds (wrk truncates)
    return math.floor(-pace * math.log(1 - math.random()) + 0.5)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d status_errors=%d\n",
    summary.requests, summary.duration, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout + e.status,
    e.connect, e.read, e.write, e.timeout, e.status))
end
