#!/usr/bin/env bash
# Every tag of the equation ledger (Documentation/Equations.md) must appear,
# as [TAG], in at least one file under Sources/ and one under Tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
ledger=Documentation/Equations.md
tags=$(grep -oE '^\| *`?[A-Z][A-Z0-9-]+`? *\|' "$ledger" | tr -d '|` ' | sort -u)
[ -n "$tags" ] || { echo "check-ledger: no tags found in $ledger" >&2; exit 1; }
status=0
count=0
for tag in $tags; do
  count=$((count + 1))
  grep -rqF "[$tag]" Sources Notebooks 2>/dev/null || { echo "check-ledger: [$tag] is in the ledger but in no file under Sources/" >&2; status=1; }
  grep -rqF "[$tag]" Tests || { echo "check-ledger: [$tag] is in the ledger but in no file under Tests/" >&2; status=1; }
done
# And no tag is used in code without a ledger row.
for used in $(grep -rhoE '\[(KF|AB|LR|OPT|FC|BADAM|PADAM|MODEL|DATA)-[A-Z0-9-]+\]' Sources Tests Notebooks 2>/dev/null | tr -d '[]' | sort -u); do
  grep -qx "$used" <<< "$tags" || { echo "check-ledger: [$used] is used in code but has no row in $ledger" >&2; status=1; }
done
[ $status -eq 0 ] && echo "check-ledger: $count tags, each implemented and tested"
exit $status
