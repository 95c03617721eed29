#!/usr/bin/env bash
# Runs the random fault tests (tests/faults) once per seed and prints each seed with pass/fail.
#
#   scripts/run_fault_seeds.sh [N] [FIRST] [-- extra pytest arguments]
#
# N seeds (default 20) starting at FIRST (default 1). A failing seed's full output is kept
# in a log file named on its line; replay it with FAULT_SEED=<seed> pytest tests/faults.
# Exits non-zero when any seed failed.
set -uo pipefail
cd "$(dirname "$0")/.."

count="${1:-20}"
first="${2:-1}"
shift $(( $# < 2 ? $# : 2 ))
[[ "${1:-}" == "--" ]] && shift

logs="$(mktemp -d -t fault-seeds.XXXXXX)"
export QT_QPA_PLATFORM=offscreen
failed=()
echo "seeds ${first}..$(( first + count - 1 )), logs in ${logs}"
for (( seed = first; seed < first + count; seed++ )); do
    log="${logs}/seed-${seed}.log"
    started=$SECONDS
    if FAULT_SEEDS="$seed" .venv/bin/python -m pytest tests/faults -q -p no:cacheprovider "$@" >"$log" 2>&1; then
        echo "seed ${seed}: pass ($(( SECONDS - started )) s)"
    else
        echo "seed ${seed}: FAIL ($(( SECONDS - started )) s) $(grep -E '^FAILED|^ERROR' "$log" | tr '\n' ' ') log: ${log}"
        failed+=("$seed")
    fi
done

if (( ${#failed[@]} )); then
    echo "failed seeds: ${failed[*]}"
    exit 1
fi
echo "all ${count} seeds passed"
