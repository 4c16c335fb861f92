#!/usr/bin/env bash
# Runs one stage of a make target and prints how long it took:  stage.sh NAME COMMAND [ARGS...]
# The times are also appended to $STAGE_LOG (when set) so that `make test` can print a summary.
set -uo pipefail
name=$1
shift
printf '\n==> %s: %s\n' "$name" "$*"
start=$(date +%s)
"$@"
rc=$?
secs=$(( $(date +%s) - start ))
status=ok
[ "$rc" -eq 0 ] || status="FAILED (exit $rc)"
printf '==> %s: %s in %dm%02ds\n' "$name" "$status" $((secs / 60)) $((secs % 60))
if [ -n "${STAGE_LOG:-}" ]; then
  mkdir -p "$(dirname "$STAGE_LOG")"
  printf '%-14s %5ds  %s\n' "$name" "$secs" "$status" >>"$STAGE_LOG"
fi
exit "$rc"
