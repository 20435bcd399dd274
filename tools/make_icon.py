"""Draw ShopDesk's application icon: shopdesk/resources/icons/shopdesk.png (256 px) and shopdesk.ico (16-256 px).

A blue rounded square with a white card key on it. The .ico (Windows: the bundle's executable and its window) is
written by hand: an ICONDIR whose entries are PNG images, which Windows Vista and later read at every size.

    QT_QPA_PLATFORM=offscreen python tools/make_icon.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parents[1] / "shopdesk" / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#2563eb"))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 52 * s, 52 * s)
    # a card, tilted a little
    p.save()
    p.translate(128 * s, 132 * s)
    p.rotate(-12)
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(QRectF(-84 * s, -54 * s, 168 * s, 108 * s), 16 * s, 16 * s)
    p.setBrush(QColor("#f59e0b"))
    p.drawRoundedRect(QRectF(-62 * s, -34 * s, 40 * s, 30 * s), 6 * s, 6 * s)  # the chip
    # a key across the card
    pen = QPen(QColor("#2563eb"), max(1.5, 13 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(-30 * s, 26 * s), 18 * s, 18 * s)
    path = QPainterPath(QPointF(-12 * s, 26 * s))
    path.lineTo(QPointF(62 * s, 26 * s))
    path.moveTo(QPointF(46 * s, 26 * s))
    path.lineTo(QPointF(46 * s, 42 * s))
    path.moveTo(QPointF(28 * s, 26 * s))
    path.lineTo(QPointF(28 * s, 38 * s))
    p.drawPath(path)
    p.restore()
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in images.items():
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    return header + entries + blobs


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    pngs = {size: png_bytes(draw(size)) for size in SIZES}
    (OUT / "shopdesk.png").write_bytes(pngs[256])
    (OUT / "shopdesk.ico").write_bytes(ico_bytes(pngs))
    print(f"wrote {OUT / 'shopdesk.png'} and {OUT / 'shopdesk.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
