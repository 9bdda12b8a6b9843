#!/usr/bin/env bash
# The benchmark in one command (see bench/README.md):
#   bench/run.sh            read benchmark: API vs ceiling vs json-server, write propagation -> bench/results/DATE.md, .png
#   bench/run.sh --scale    scale benchmark at 100k techniques                                 -> bench/results/DATE-scale.md
#   bench/run.sh --webhooks webhook delivery: latency from a write's acknowledgement, deliveries/s -> bench/results/DATE-webhooks.md
# Further options go to the harness, e.g. --duration 10 --warmup 5 --connections 32 --threads 2 --trials 10,
# and with --scale: --techniques 100000 --references 300000 --relationships 1000000.
# Installs what is missing (wrk, librsvg2-bin, PostgreSQL server binaries, node/npm with apt; json-server with npm ci),
# builds Release, and leaves nothing running: PostgreSQL lives in a temp folder that is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

command=run
if [ "${1:-}" = "--scale" ]; then
  command=scale
  shift
elif [ "${1:-}" = "--webhooks" ]; then
  command=webhooks
  shift
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
command -v node >/dev/null && command -v npm >/dev/null || need+=(nodejs npm)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]} with apt-get"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${need[@]}"
fi

if [ ! -f bench/node_modules/json-server/package.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  echo "bench: installing json-server (npm ci)"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "bench: building Release"
projects=(src/PostTraining.Api/PostTraining.Api.csproj bench/Ceiling/Ceiling.csproj bench/Harness/Harness.csproj)
[ "$command" = scale ] && projects+=(bench/Generator/Generator.csproj)
for project in "${projects[@]}"; do
  dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly
done

exec dotnet bench/Harness/bin/Release/net10.0/Harness.dll "$command" --repo "$PWD" "$@"
