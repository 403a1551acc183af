"""Draws icon.png, the browser-tab icon of the app (run once; the PNG is committed).

A local file instead of a Material icon: Streamlit fetches a Material page icon as an SVG
from fonts.gstatic.com, which fails on a machine without internet and leaks a request.
Usage: python -m ijmond_dash.assets.make_icon
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 64
BLUE = "#0072B2"  # Beverwijk blue of the charts (Okabe-Ito)
ORANGE = "#E69F00"
GREEN = "#009E73"


def draw() -> Image.Image:
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=12, fill="white", outline=BLUE, width=4)
    for i, (height, colour) in enumerate(((22, BLUE), (36, ORANGE), (28, GREEN))):
        x = 13 + i * 14
        d.rectangle((x, 52 - height, x + 10, 52), fill=colour)
    d.line((10, 53, 54, 53), fill="#222222", width=2)
    return img


if __name__ == "__main__":
    out = Path(__file__).with_name("icon.png")
    draw().save(out, optimize=True)
    print(out)
