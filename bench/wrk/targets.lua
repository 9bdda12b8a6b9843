-- wrk script: each request goes to a target drawn at random from a file (one request target per line, e.g.
-- "/api/v1/techniques/syn-t-42"), given as the script's argument: wrk ... -s targets.lua URL -- FILE.
-- Used at scale, so a run over many entities measures lookups rather than one hot cache entry.
-- Defining request() makes wrk build every request in Lua: a cost on the load generator that only this script pays.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local targets = {}
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("thread_number", thread_number)
end

function init(args)
  -- Each thread has its own Lua state: seed each differently so they do not walk the same sequence.
  math.randomseed(os.time() + (thread_number or 0) * 7919)
  if args[1] == nil then
    error("pass the file of request targets after --")
  end
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(targets, line)
    end
  end
  if #targets == 0 then
    error("no request targets in " .. args[1])
  end
end

function request()
  return wrk.format(nil, targets[math.random(#targets)])
end
