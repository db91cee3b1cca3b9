-- wrk script of `make bench`: post the question form again and again, each
-- time with a question of its own (the site refuses the same text twice).
-- Arguments after "--": the form's path, the url-encoded form fields up to
-- "body=" (CSRF token, signed timestamp, empty honeypot) and a marker that
-- every question starts with, different for each run of wrk (the count of
-- questions starts again), so the runner can delete them afterwards.
-- A post the site refused with its form page again (200: duplicate, too
-- quick, bad token) counts as an error, like wrk's own 4xx/5xx errors.

local path, form, marker
local sent = 0
refused = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  path, form, marker = args[1], args[2], args[3]
end

function request()
  sent = sent + 1
  local question = string.format(
    "%s-%d:+is+it+normal+to+feel+tired+at+%d+weeks?", marker, sent, sent % 30 + 10)
  return wrk.format("POST", path, nil, form .. question)
end

function response(status, headers, body)
  if status ~= 302 and status < 400 then
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local not_accepted = 0
  for _, thread in ipairs(threads) do
    not_accepted = not_accepted + thread:get("refused")
  end
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "refused": %d}, "latency_us": {"p50": %d, ' ..
    '"p95": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, not_accepted,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
