#!/usr/bin/env bash
# Set up, ingest the demo corpus (../shared/seeds by default, or the folders given), export every
# format into demo/, and score the extraction against the seed gold when it is there.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
corpus=("$@"); [ ${#corpus[@]} -gt 0 ] || corpus=(../shared/seeds)
mkdir -p demo
rm -f demo/counterwatch.db*
status=0
.venv/bin/counterwatch ingest "${corpus[@]}" --db demo/counterwatch.db || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || exit "$status"   # 3: some files failed, the rest stored
for fmt in eval-jsonl json csv geojson ftm; do
  ext=${fmt/eval-jsonl/eval.jsonl}; ext=${ext/ftm/ftm.jsonl}
  .venv/bin/counterwatch export --db demo/counterwatch.db --format "$fmt" --out "demo/facts.$ext"
done
.venv/bin/counterwatch facts --db demo/counterwatch.db --limit 40
if [ -f ../shared/gold/seeds.jsonl ] && [ ${#@} -eq 0 ]; then
  python3 ../shared/eval/score.py ../shared/gold/seeds.jsonl demo/facts.eval.jsonl
fi
