#!/usr/bin/env bash
# The scale benchmark (100k techniques, 300k references, 1M relationships); not part of CI. Same as bench/run.sh --scale.
exec "$(dirname "$0")/run.sh" --scale "$@"
