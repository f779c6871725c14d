-- Realistic tracker payloads for wrk: 240 distinct User-Agents, 200 pages, referrers and UTM tags.
-- Usage: wrk -s ingest.lua http://127.0.0.1:PORT/api/event   (or /bench/noop for the baseline)
-- Optional: WRK_DELAY_MS=N in the environment adds a per-request pause (to run below peak).
local agents = {}
local oses = {"Windows NT 10.0; Win64; x64", "Macintosh; Intel Mac OS X 10_15_7", "X11; Linux x86_64",
              "Linux; Android 14; Pixel 8", "X11; Ubuntu; Linux x86_64", "Linux; Android 13; SM-S911B"}
for version = 100, 139 do
  for _, os in ipairs(oses) do
    if version % 2 == 0 then
      agents[#agents + 1] = "Mozilla/5.0 (" .. os .. ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" .. version .. ".0.0.0 Safari/537.36"
    else
      agents[#agents + 1] = "Mozilla/5.0 (" .. os .. "; rv:" .. version .. ".0) Gecko/20100101 Firefox/" .. version .. ".0"
    end
  end
end
local referrers = {"https://www.google.com/", "https://news.ycombinator.com/", "https://t.co/x", "", "", ""}
local counter = 0
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")

function init(args)
  math.randomseed(os.time() + (args[1] and tonumber(args[1]) or 0))
end

function delay()
  return delay_ms
end

function request()
  counter = counter + 1
  local page = "/blog/post-" .. (counter % 200)
  local query = (counter % 10 == 0) and "?utm_source=newsletter&utm_campaign=spring%20sale" or ""
  local body = '{"d":"bench.test","n":"pageview","u":"https://bench.test' .. page .. query ..
      '","r":"' .. referrers[counter % #referrers + 1] .. '","w":' .. (360 + (counter % 6) * 300) .. '}'
  local headers = {}
  headers["Content-Type"] = "text/plain"
  headers["User-Agent"] = agents[(counter * 7) % #agents + 1]
  headers["X-Forwarded-For"] = "198.51." .. (counter % 250) .. "." .. ((counter * 13) % 250 + 1)
  return wrk.format("POST", nil, headers, body)
end
