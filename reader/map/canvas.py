"""A braille canvas: each terminal cell holds 2x4 dots (U+2800-U+28FF)."""

from __future__ import annotations

# Bit of dot (column, row) inside a cell, by Unicode's braille numbering.
_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
BRAILLE_BASE = 0x2800


class BrailleCanvas:
    """`width` x `height` cells, i.e. 2*width x 4*height dots."""

    def __init__(self, width: int, height: int) -> None:
        self.width = max(1, width)
        self.height = max(1, height)
        self.dots_w = 2 * self.width
        self.dots_h = 4 * self.height
        self.bits = bytearray(self.width * self.height)

    def dot(self, x: int, y: int) -> None:
        if 0 <= x < self.dots_w and 0 <= y < self.dots_h:
            self.bits[(y >> 2) * self.width + (x >> 1)] |= _BITS[y & 3][x & 1]

    def polyline(self, xs: list[float], ys: list[float], closed: bool = True) -> None:
        """Draw straight segments between consecutive dot coordinates."""
        bits, width, dw, dh = self.bits, self.width, self.dots_w, self.dots_h
        n = len(xs)
        if n == 0:
            return
        px, py = xs[-1] if closed else xs[0], ys[-1] if closed else ys[0]
        for i in range(n):
            x, y = xs[i], ys[i]
            steps = int(max(abs(x - px), abs(y - py))) + 1
            sx, sy = (x - px) / steps, (y - py) / steps
            fx, fy = px, py
            for _ in range(steps):
                fx += sx
                fy += sy
                ix, iy = int(fx), int(fy)
                if 0 <= ix < dw and 0 <= iy < dh:
                    bits[(iy >> 2) * width + (ix >> 1)] |= _BITS[iy & 3][ix & 1]
            px, py = x, y

    def char(self, index: int) -> str:
        value = self.bits[index]
        return chr(BRAILLE_BASE + value) if value else " "
