"""Benchmark: how long the program takes to start, each run a fresh process.

    python tests/bench/startup.py [--documents 200] [--db FILE] [--runs 5]

On a demo database of ``--documents`` documents (built once, as tests/bench/report_scale.py
does; ``--db FILE`` reuses it), the median wall time of ``--runs`` fresh processes of
``python -m ui.main --db FILE ...``:

- ``--help``, ``outbox list``, ``outbox send`` with an empty outbox (target: 0.3 s each);
- the window's first paint, cold: a process that builds the window as ``facturier`` does
  (``QT_QPA_PLATFORM=offscreen``), timed from its spawning (interpreter start and imports
  included) until the report's first rows are painted with their content (target: 1 s).

Each process's CPU time (user + system) is printed too: it depends less than the wall time
on what else the machine is doing.
"""

from __future__ import annotations

import sys
import time

# Only sys and time above: the first-paint child runs this file, and what it imports
# before the application's own modules is counted in its start-up.

TARGETS = {"--help": 0.3, "outbox list": 0.3, "outbox send": 0.3, "first paint": 1.0}
PAINT_TIMEOUT_S = 60.0


def main() -> int:
    # lazy: the first-paint child (paint_child) must not pay for the parent's modules
    import argparse
    import os
    import resource
    import sqlite3
    import statistics
    import subprocess
    import tempfile
    from contextlib import closing
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root))
    from tests.bench.report_scale import build

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--db", type=Path, help="reuse (or create) this database file")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="facturier-startup-")
    db = args.db or Path(folder) / "demo.db"
    build(db, args.documents)  # migrated to the current schema
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        FACTURIER_LANG="fr",
        FACTURIER_OFFLINE="1",  # no DNS look-up
        FACTURIER_SMTP_PASSWORD="unused",  # nothing may ask for it
        PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
    )
    entry = [sys.executable, "-m", "ui.main", "--db", str(db)]
    commands = {
        "--help": [*entry, "--help"],
        "outbox list": [*entry, "outbox", "list"],
        "outbox send": [*entry, "outbox", "send"],
    }
    listing = subprocess.run(commands["outbox list"], env=env, capture_output=True, text=True)
    if listing.returncode != 0 or listing.stdout.strip():
        print(f"the outbox is not empty or unreadable:\n{listing.stdout}{listing.stderr}")
        return 1

    def run(command: list[str]) -> tuple[float, float, str]:
        """One fresh process: its wall time, its CPU time (user + system), its output."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise SystemExit(
                f"{command}: exit status {done.returncode}\n{done.stdout}{done.stderr}"
            )
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        return wall, cpu, done.stdout

    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    for label, command in commands.items():
        walls[label], cpus[label] = [], []
        for _ in range(args.runs):
            wall, cpu, _ = run(command)
            walls[label].append(wall)
            cpus[label].append(cpu)
        print(f"  {label}: {' '.join(f'{t:.3f}' for t in walls[label])} s", flush=True)

    label = "first paint"
    walls[label], cpus[label] = [], []
    parts = []
    for _ in range(args.runs):
        spawned_at = time.time()
        child = [sys.executable, __file__, "--paint-child", str(db), repr(spawned_at)]
        _, cpu, output = run(child)
        imported, built, painted, rows = (float(x) for x in output.split()[-4:])
        walls[label].append(painted)
        cpus[label].append(cpu)
        parts.append((imported, built))
    print(f"  {label}: {' '.join(f'{t:.3f}' for t in walls[label])} s", flush=True)

    print()
    with closing(sqlite3.connect(db)) as conn:
        documents = conn.execute("SELECT count(*) FROM document").fetchone()[0]
    print(
        f"database: {documents} documents, runs: {args.runs} each, CPUs: {os.cpu_count()}, "
        f"Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"| {'command':<36} | median (s) | min (s) | max (s) | CPU, median (s) "
        "| target (s) | verdict |"
    )
    print(
        f"| {'-' * 36} | ---------: | ------: | ------: | --------------: | ---------: | ------- |"
    )
    failures = 0
    for label, times in walls.items():
        median = statistics.median(times)
        target = TARGETS[label]
        ok = median <= target
        failures += not ok
        shown = f"`facturier {label}`" if label != "first paint" else "window, first rows painted"
        print(
            f"| {shown:<36} | {median:10.3f} | {min(times):7.3f} | {max(times):7.3f} "
            f"| {statistics.median(cpus[label]):15.3f} | {target:10.1f} "
            f"| {'PASS' if ok else 'FAIL':<7} |"
        )
    imported = statistics.median(p[0] for p in parts)
    built = statistics.median(p[1] for p in parts)
    print(
        f"first paint, medians: modules imported {imported:.3f} s, create_main_window() "
        f"returned {built:.3f} s, rows painted {statistics.median(walls['first paint']):.3f} s "
        f"({int(rows)} rows in the invoice report; CPU: the whole process, exit included)"
    )
    return 1 if failures else 0


def paint_child(db: str, spawned_at: float) -> int:
    """Build and show the window as ``facturier`` does; print the seconds since
    ``spawned_at`` (wall clock) at which the modules were imported, the window built, the
    first rows painted, and the number of rows."""
    # lazy: timed from the process's spawning, imports included, as a user waits
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QIcon

    from app.resources import resource_path
    from ui.i18n import install_translators
    from ui.startup import application, create_main_window

    imported = time.time() - spawned_at
    app = application()
    app.setWindowIcon(QIcon(str(resource_path("icons", "facturier.svg"))))
    install_translators(app)
    window = create_main_window(db)
    built = time.time() - spawned_at
    window.resize(1280, 800)
    window.show()
    table, model = window.report_view.table, window.report_view.model
    painted: list[float] = []

    def rows_ready() -> bool:
        if model.is_loading() or model.rowCount() == 0:
            return False
        return model.row_data(max(table.rowAt(0), 0)) is not None

    def done() -> None:
        painted.append(time.time() - spawned_at)
        app.quit()

    class PaintWatch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and rows_ready() and not painted:
                QTimer.singleShot(0, done)  # once this paint is over
            return False

    watch = PaintWatch()
    table.viewport().installEventFilter(watch)
    QTimer.singleShot(int(PAINT_TIMEOUT_S * 1000), app.quit)
    app.exec()
    if not painted:
        print("the report's rows were never painted")
        return 1
    print(f"{imported:.6f} {built:.6f} {painted[0]:.6f} {model.rowCount()}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--paint-child":
        raise SystemExit(paint_child(sys.argv[2], float(sys.argv[3])))
    raise SystemExit(main())
