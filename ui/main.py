"""The ``facturier`` command: a sub-command runs headless (app.cli), ``self-check`` checks
the installation, no sub-command opens the main window (ui.startup)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app import cli

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def main(argv: Sequence[str] | None = None) -> int:
    # One parser for the whole program (app.cli's): --help, --version and usage errors
    # read the same whichever part runs.
    args = cli.build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        # lazy: headless sub-commands never load Qt nor the window's modules (`facturier
        # --help` 0.09 s of CPU instead of 2.3 s), and run where Qt's GUI libraries are absent
        from ui.startup import run_gui

        return run_gui(args.db)
    if args.command == "self-check":
        from ui.self_check import self_check  # lazy: as run_gui

        return self_check()
    return cli.run(args)


def create_main_window(db: str | None = None) -> MainWindow:
    """The main window on an opened and migrated database, without running the event loop
    (a promise to scripts: for tests, screenshots and embedding; built by ui.startup)."""
    from ui.startup import create_main_window as create  # lazy: as run_gui

    return create(db)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
