-- wrk script of `make bench`: post an oversized question again and again, as
-- a client trying to burn the server's CPU would. Arguments after "--": the
-- form's path, the url-encoded fields before "body=", and the size of the
-- question in bytes. The expected answer is 413 (refused before it is read);
-- any other status counts as an error ("unexpected").

local path, body
unexpected = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  path = args[1]
  body = args[2] .. string.rep("a", tonumber(args[3]))
end

function request()
  return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end

function response(status, headers, response_body)
  if status ~= 413 then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local count = 0
  for _, thread in ipairs(threads) do
    count = count + thread:get("unexpected")
  end
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, ' ..
    '"write": %d, "timeout": %d, "unexpected": %d}, "latency_us": {"p50": %d, ' ..
    '"p95": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration,
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, count,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
