-- wrk script: leaves the request alone (wrk keeps its pre-built request, so the load generator stays cheap) and,
-- at the end, prints one machine-readable line that the bench harness parses:
--   BENCH requests=.. seconds=.. bytes=.. p50_us=.. p90_us=.. p99_us=.. max_us=.. errors=.. non2xx=..
-- Latencies come from wrk's own latency histogram (microseconds).

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status))
end
