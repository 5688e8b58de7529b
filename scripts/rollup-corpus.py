"""Writes N decisions for roll-up throughput runs (docs/performance.md):
the decisions of examples/municipality-year repeated with new ids and
dates spread over the year, so every file is a distinct, valid decision.

    python3 scripts/rollup-corpus.py 100000 /tmp/rollup-corpus
"""

import json
import sys
from datetime import date, timedelta
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "municipality-year" / "decisions"


def main() -> None:
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    base = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLE.glob("*.json"))]
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        decision = base[i % len(base)]
        decided = dict(decision["decided"])
        # Days 0..364 of 2026, so every decision falls inside the period.
        decided["date"] = (date(2026, 1, 1) + timedelta(days=(i * 7) % 365)).isoformat()
        copy = {**decision, "id": f"{decision['id']}-{i}", "decided": decided}
        # Follow-ups must not fall due before their decision: move them with it.
        for alternative in copy["alternatives"]:
            for cell in alternative["impacts"]:
                follow_up = cell.get("follow_up")
                if follow_up:
                    follow_up = {**follow_up, "due": "2026-12-31"}
                    follow_up.pop("checked_on", None)
                    follow_up.pop("outcome", None)
                    follow_up["status"] = "open"
                    cell["follow_up"] = follow_up
        (out / f"d{i:06}.json").write_text(json.dumps(copy, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
