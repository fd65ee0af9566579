"""Benchmark: the invoice report with 100,000 documents, real widgets, offscreen.

Usage::

    python tests/bench/report_scale.py [--documents N] [--db FILE] [--indexes] [--no-tweaks]

Builds a demo database (``fill_demo``, or reuses ``--db FILE`` if it holds documents),
then measures, in a fresh process so that memory and start-up are the application's
own, and twice: once with the demo's mix of kinds (about 62 % invoices) and once with
every document in the invoice report (the worst case: 100,000 rows in one report).

Figures printed (targets from issues 4 and 21):

- first rows: ``create_main_window`` (opening the database and building the window
  included) until the first rows are painted with their content, not placeholders
  (< 1 s), and from the process start (imports) for reference;
- for every action below, the longest GUI-thread pause: a 10 ms QTimer ticks on the GUI
  thread, and the longest gap between two ticks, from the action until its rows are
  painted, is how long the window could not answer (target: 50 ms); the rows are read
  in the background, so the action's time is mostly waiting, not blocking;
- opening another kind's report from the navigation (< 1 s);
- each sent filter, each column sorted both ways, a search (< 0.3 s each);
- tick all, untick all with the tick-all button (< 0.5 s);
- scrolling to the last row, a refresh, the change-counter poll (in the background);
- resident memory at the end and its peak (< 400 MB).

``--indexes`` first creates the indexes proposed for the schema (plain SQL on the bench
database; the application's migrations do not have them yet) to compare.

``--no-tweaks`` undoes, right after ``create_main_window``, the process-wide settings
``ui/main.py`` may make (``gc.freeze()``, a 1 ms GIL switch interval), to measure without
them.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

PROPOSED_INDEXES = (
    # the change-token poll: max(updated_at) without reading the whole table
    "CREATE INDEX IF NOT EXISTS ix_document_updated_at ON document (updated_at)",
    # sorting a report by number, total, status and client: index walks instead of sorts
    "CREATE INDEX IF NOT EXISTS ix_document_kind_year_sequence ON document (kind, year, sequence)",
    "CREATE INDEX IF NOT EXISTS ix_document_kind_total_incl ON document (kind, total_incl)",
    "CREATE INDEX IF NOT EXISTS ix_document_kind_status_sent_at"
    " ON document (kind, status, sent_at)",
    "CREATE INDEX IF NOT EXISTS ix_document_kind_client_id ON document (kind, client_id)",
)
TARGETS = {"first": 1.0, "open": 1.0, "filter": 0.3, "sort": 0.3, "tick": 0.5, "rss": 400.0}
PAUSE_TARGET_MS = 50.0  # the longest the GUI thread may stay busy
TICK_MS = 10
SETTLE_TIMEOUT_S = 30.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="reuse (or create) this database file")
    parser.add_argument("--indexes", action="store_true", help="create the proposed indexes")
    parser.add_argument("--no-tweaks", action="store_true", help="without gc.freeze() etc.")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.measure:
        return measure(args.measure, tweaks=not args.no_tweaks)
    with tempfile.TemporaryDirectory(prefix="facturier-report-") as folder:
        path = args.db or Path(folder) / "demo.db"
        build(path, args.documents)
        if args.indexes:
            with sqlite3.connect(path) as conn:
                for statement in PROPOSED_INDEXES:
                    conn.execute(statement)
            print("proposed indexes created:", "; ".join(PROPOSED_INDEXES))
        print("\n== the demo's mix of kinds ==")
        status = child(path, args.no_tweaks)
        work = Path(folder) / "all-invoices.db"
        with sqlite3.connect(path) as source, sqlite3.connect(work) as target:
            source.backup(target)
            # Numbers keep their prefix (F-, D-, ...): still unique in the one kind.
            target.execute("UPDATE document SET kind = 'invoice'")
        build(work, args.documents)  # opened and closed once by the program: not timed
        print("\n== worst case: every document in the invoice report ==")
        return status | child(work, args.no_tweaks)


def build(path: Path, documents: int) -> None:
    from app.db.database import open_database
    from app.services.demo import fill_demo

    db = open_database(str(path))
    try:
        # closing(): a connection left open keeps the -wal file, and the database then
        # looks not closed cleanly to every process started meanwhile
        with closing(sqlite3.connect(path)) as conn:
            existing = conn.execute("SELECT count(*) FROM document").fetchone()[0]
        if existing:
            print(f"database {path}: {existing} documents (reused)")
            return
        start = time.perf_counter()
        summary = fill_demo(db, documents=documents)
        print(
            f"fill_demo: {summary.documents} documents in {time.perf_counter() - start:.1f} s "
            f"({summary.sent} sent, {summary.invoices} invoices)"
        )
    finally:
        db.dispose()


def child(path: Path, no_tweaks: bool = False) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FACTURIER_LANG="fr")
    command = [sys.executable, __file__, "--measure", str(path)]
    done = subprocess.run(command + (["--no-tweaks"] if no_tweaks else []), env=env)
    return done.returncode


# --- the measuring process -----------------------------------------------------------------


def measure(path: Path, *, tweaks: bool = True) -> int:
    process_start = time.perf_counter()
    import gc

    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.services.changes import change_counter
    from ui.i18n import install_translators
    from ui.models.document_table import Column
    from ui.startup import create_main_window  # what ui.main runs; its imports come first

    app = QApplication(sys.argv[:1])
    install_translators(app, "fr")
    failures: list[str] = []
    pauses: list[float] = []

    class Ticker:
        """A 10 ms timer on the GUI thread: the longest gap between two ticks is the
        longest time the window could not answer."""

        def __init__(self) -> None:
            self.clock = QElapsedTimer()
            self.longest = 0.0
            self.timer = QTimer()
            self.timer.setInterval(TICK_MS)
            self.timer.timeout.connect(self.tick)

        def restart(self) -> None:
            self.longest = 0.0
            self.clock.start()
            self.timer.start()

        def tick(self) -> None:
            self.longest = max(self.longest, float(self.clock.restart()))

        def stop(self) -> float:
            self.tick()
            self.timer.stop()
            return self.longest

    ticker = Ticker()

    def report(label: str, seconds: float, target: str | None = None, pause: float = -1) -> None:
        limit = TARGETS.get(target or "")
        verdict = ""
        if limit is not None:
            verdict = "ok" if seconds < limit else "TOO SLOW"
            if seconds >= limit:
                failures.append(label)
        paused = ""
        if pause >= 0:
            pauses.append(pause)
            paused = f"  pause {pause:6.1f} ms {'ok' if pause <= PAUSE_TARGET_MS else 'LONG'}"
            if pause > PAUSE_TARGET_MS:
                failures.append(f"{label} (pause)")
        print(f"  {label:<44} {seconds * 1000:8.1f} ms  {verdict:<8}{paused}")

    start = time.perf_counter()
    ticker.restart()
    window = create_main_window(str(path))
    built = time.perf_counter()
    construction_pause = ticker.stop()  # opening the database is synchronous by contract
    ticker.restart()
    if not tweaks:
        gc.unfreeze()
        sys.setswitchinterval(0.005)  # Python's default
    window.resize(1280, 800)
    window.show()
    view = window.report_view
    table, model = view.table, view.model

    def settled() -> bool:
        """The ids are read and every visible row has its content (no placeholder)."""
        if model.is_loading() or not table.isVisible():
            return False
        rows = model.rowCount()
        if rows == 0:
            return True
        top = max(table.rowAt(0), 0)
        bottom = table.rowAt(table.viewport().height() - 1)
        bottom = rows - 1 if bottom < 0 else bottom
        return all(model.row_data(r) is not None for r in (top, bottom))

    def settle() -> None:
        """Run the event loop (the ticker ticks meanwhile) until the visible rows are
        painted with their content."""
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(2)
        deadline = time.perf_counter() + SETTLE_TIMEOUT_S

        def look() -> None:
            if settled() or time.perf_counter() > deadline:
                loop.quit()

        check.timeout.connect(look)
        check.start()
        loop.exec()
        check.stop()
        table.viewport().repaint()  # painted with the rows' content

    settle()
    now = time.perf_counter()
    first_pause = ticker.stop()
    print(f"  invoice report: {model.rowCount():,} rows".replace(",", " "))
    print(f"  process tweaks (gc.freeze, switch interval): {'kept' if tweaks else 'undone'}")
    report("create_main_window() returned", built - start)
    print(f"  {'  (opens the database: GUI thread busy for)':<44} {construction_pause:8.1f} ms")
    report("first rows painted (from create_main_window)", now - start, "first")
    report("  of which after create_main_window returned", now - built, None, first_pause)
    report("first rows painted (from the process start)", now - process_start)

    def timed(label: str, action: object, target: str | None) -> None:
        assert callable(action)
        ticker.restart()
        begin = time.perf_counter()
        action()
        settle()
        seconds = time.perf_counter() - begin
        report(label, seconds, target, ticker.stop())

    timed("open the quotes report (navigation)", lambda: window.navigation.setCurrentRow(1), "open")
    timed("back to the invoice report", lambda: window.navigation.setCurrentRow(0), "open")
    for value in ("unsent", "sent", "all"):
        index = view.sent_filter.findData(value)
        timed(f"filter: {value}", lambda i=index: view.sent_filter.setCurrentIndex(i), "filter")
    ascending, descending = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
    for column in (*Column, Column.DATE):  # the date last: back to the default order
        for order, name in ((ascending, "ascending"), (descending, "descending")):
            label = f"sort by {column.name.lower()}, {name}"
            timed(label, lambda c=column, o=order: table.sortByColumn(c, o), "sort")

    def search(text: str) -> None:
        view.search_box.setText(text)
        view.apply_search()

    timed("search 'dupont'", lambda: search("dupont"), "filter")
    timed("search '2026-01'", lambda: search("2026-01"), "filter")
    timed("clear the search", lambda: search(""), "filter")

    shown = model.rowCount()
    click = lambda: QTest.mouseClick(view.select_all_button, Qt.MouseButton.LeftButton)  # noqa: E731
    timed(f"tick all {shown:,} rows (button)".replace(",", " "), click, "tick")
    assert len(view.checked_ids()) == shown, "tick all did not tick every row"
    timed("checked_ids() of every row", view.checked_ids, "tick")
    timed(
        "sort with every row ticked", lambda: table.sortByColumn(Column.CLIENT, ascending), "sort"
    )
    timed("untick all (button)", click, "tick")
    assert view.checked_ids() == []

    timed("scroll to the last row", table.scrollToBottom, None)
    timed("scroll back to the top", table.scrollToTop, None)
    begin = time.perf_counter()
    for _ in range(10):
        change_counter(view.db)
    report("change-counter read (mean of 10, background)", (time.perf_counter() - begin) / 10)
    timed("refresh (nothing changed)", view.refresh, None)
    with sqlite3.connect(path) as conn:  # another program sends a document
        first = model.document_id(0)
        conn.execute(
            "UPDATE document SET sent_at = '2026-11-27 18:00:00.000000',"
            " updated_at = '2099-01-01 00:00:00.000000' WHERE id = ?",
            (first,),
        )
        # What another Facturier process's commit does (app/db/changes.py).
        conn.execute("UPDATE change_counter SET value = value + 1")

    def poll_and_refresh() -> None:
        before = model.envelope_state(0)
        view.check_for_changes()
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(2)
        check.timeout.connect(
            lambda: loop.quit() if model.envelope_state(0) != before or not view._polling else None
        )
        check.start()
        loop.exec()
        check.stop()

    timed("poll + refresh after another program's change", poll_and_refresh, None)

    print(
        f"  {'longest GUI-thread pause of all the above':<44} {max(pauses):8.1f} ms  "
        f"{'ok' if max(pauses) <= PAUSE_TARGET_MS else 'LONG'}"
    )
    rss, peak = memory_mb()
    verdict = "ok" if peak < TARGETS["rss"] else "TOO BIG"
    if peak >= TARGETS["rss"]:
        failures.append("memory")
    print(f"  {'resident memory now / peak':<44} {rss:6.0f} MB / {peak:.0f} MB  {verdict}")
    window.close()
    if failures:
        print("  targets missed:", ", ".join(failures))
    return 1 if failures else 0


def memory_mb() -> tuple[float, float]:
    """Resident set size now and its peak, in MB (Linux /proc; else the peak twice)."""
    try:
        fields = dict(
            line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
        )
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return peak, peak


if __name__ == "__main__":
    raise SystemExit(main())
