-- wrk script: POST one file as the body; print successful requests per second and latency percentiles (ms,
-- over all requests, 503s included) as one line.
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = os.getenv("CTYPE") or "application/json"

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.1f ok_per_s=%.1f p50=%.1f p95=%.1f p99=%.1f non2xx_or_errors=%d\n",
    summary.requests, seconds, (summary.requests - errors) / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
end
