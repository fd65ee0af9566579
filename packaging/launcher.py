"""The frozen program's entry point (PyInstaller runs this file as __main__)."""

from ui.main import main

raise SystemExit(main())
