"""Benchmark: ``fill_demo`` at scale on a fresh SQLite file.

Usage: ``python tests/bench/demo_scale.py [DOCUMENTS] [CLIENTS]`` (default 100000 documents,
40 clients). Prints the elapsed time and the size of the database file.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from app.db.database import open_database
from app.services.demo import fill_demo


def main(argv: list[str]) -> int:
    documents = int(argv[1]) if len(argv) > 1 else 100_000
    clients = int(argv[2]) if len(argv) > 2 else 40
    with tempfile.TemporaryDirectory(prefix="facturier-bench-") as folder:
        path = Path(folder) / "demo.db"
        db = open_database(str(path))
        try:
            start = time.perf_counter()
            summary = fill_demo(db, clients=clients, documents=documents)
            elapsed = time.perf_counter() - start
        finally:
            db.dispose()  # checkpoints the WAL into the file
        size = path.stat().st_size
    print(
        f"fill_demo: {summary.documents} documents ({summary.lines} lines, "
        f"{summary.sent} sent, {summary.send_records} send records), "
        f"{summary.clients} clients"
    )
    print(f"elapsed: {elapsed:.2f} s ({summary.documents / elapsed:,.0f} documents/s)")
    print(f"database file: {size / 1_000_000:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
