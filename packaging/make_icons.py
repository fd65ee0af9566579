"""Render the application icon (resources/icons/facturier.svg) for the installers.

python packaging/make_icons.py --png-dir DIR   # DIR/16x16/apps/facturier.png … (hicolor)
python packaging/make_icons.py --ico FILE.ico  # the Windows icon (16 to 256 px in one file)

The SVG is the one source; the PNG and ICO files are build products, never committed.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "facturier.svg"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render_png(size: int, svg: Path = SVG) -> bytes:
    """The icon as PNG bytes, ``size`` pixels square, transparent outside the tile."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_hicolor(folder: Path) -> list[Path]:
    """PNG sizes under ``folder`` laid out as the hicolor icon theme wants them."""
    written = []
    for size in HICOLOR_SIZES:
        target = folder / f"{size}x{size}" / "apps" / "facturier.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render_png(size))
        written.append(target)
    return written


def write_ico(target: Path) -> Path:
    """One .ico holding every size Windows asks for (Explorer, taskbar, shortcuts)."""
    from PIL import Image  # Pillow comes with fpdf2

    images = [Image.open(io.BytesIO(render_png(size))) for size in ICO_SIZES]
    target.parent.mkdir(parents=True, exist_ok=True)
    largest = images[-1]
    largest.save(target, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png-dir", type=Path, help="write hicolor PNG sizes under this folder")
    parser.add_argument("--ico", type=Path, help="write the Windows .ico file here")
    args = parser.parse_args(argv)
    if not args.png_dir and not args.ico:
        parser.error("nothing to do: give --png-dir and/or --ico")
    if args.png_dir:
        for path in write_hicolor(args.png_dir):
            print(path)
    if args.ico:
        print(write_ico(args.ico))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
