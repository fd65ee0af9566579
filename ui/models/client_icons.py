"""Small icons of the address book, painted (crisp at any scale, nothing to ship)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

GREEN = QColor("#2e7d32")
AMBER = QColor("#e65100")
RED = QColor("#c62828")
INVALID_BACKGROUND = QColor("#fde7e7")
SIZE = 64  # painted large, scaled down by the views


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


@cache
def envelope_icon() -> QIcon:
    """The client can receive documents."""
    pixmap, painter = _canvas()
    pen = QPen(GREEN, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(QColor("#e8f5e9"))
    body = QRectF(6, 14, 52, 36)
    painter.drawRoundedRect(body, 5, 5)
    flap = QPainterPath(QPointF(9, 18))
    flap.lineTo(QPointF(32, 35))
    flap.lineTo(QPointF(55, 18))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(flap)
    painter.end()
    return QIcon(pixmap)


def _badge(color: QColor, triangle: bool) -> QIcon:
    pixmap, painter = _canvas()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    if triangle:
        shape = QPainterPath(QPointF(32, 5))
        shape.lineTo(QPointF(61, 57))
        shape.lineTo(QPointF(3, 57))
        shape.closeSubpath()
        painter.drawPath(shape)
        text_box = QRectF(0, 16, SIZE, 42)
    else:
        painter.drawEllipse(QRectF(4, 4, 56, 56))
        text_box = QRectF(0, 0, SIZE, SIZE)
    font = QFont()
    font.setPixelSize(40)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()
    return QIcon(pixmap)


@cache
def missing_icon() -> QIcon:
    """The client has no mailing address: documents cannot be e-mailed to it."""
    return _badge(AMBER, triangle=True)


@cache
def error_icon() -> QIcon:
    """A value that cannot be saved."""
    return _badge(RED, triangle=False)
