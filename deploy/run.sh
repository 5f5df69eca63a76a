#!/usr/bin/env bash
# Builds Grid+ and runs WhistleService, ResponseService and EvaluationService in the foreground on
# the embedded default configuration (the Jiading sample, loopback ports 7301–7322), with state in
# ./data. Ctrl-C stops all three cleanly; running it again resumes from the same state.
# Development principals are on (loopback only), so gridctl --as grid:…/dept:… works at once.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/lib/prerequisites.sh
gridplus_prerequisites

swift build -c release
bin=$(swift build -c release --show-bin-path)
data=${GRIDPLUS_DATA:-data}
mkdir -p "$data"

pids=()
stop() {
    trap - INT TERM
    [ ${#pids[@]} -gt 0 ] && kill -TERM "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM

for service in WhistleService ResponseService EvaluationService; do
    "$bin/$service" --data "$data" --dev-principals "$@" &
    pids+=($!)
done
echo "Grid+ is running (data in $data). Try: $bin/gridctl --as grid:JD-NX-A01-G01-M01 raise --matter muck-truck --description '渣土车撒漏'  — Ctrl-C stops." >&2

# The first service to exit (Ctrl-C, or a failure such as a port in use) stops the others.
status=0
wait -n "${pids[@]}" || status=$?
stop
for pid in "${pids[@]}"; do
    wait "$pid" || { code=$?; [ $status -eq 0 ] && status=$code; }
done
# A stop asked for with Ctrl-C or SIGTERM is a clean exit.
[ $status -eq 130 ] || [ $status -eq 143 ] && status=0
exit $status
