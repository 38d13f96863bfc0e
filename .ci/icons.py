"""Draw the site's PNG and ICO icons from static/favicon.svg with Debian's Chromium (`make icons`).

The SVG is the one source: the app icons (180, 192, 512 px, and a maskable 512 px with the mark
inside the safe zone) and favicon.ico (16, 32 and 48 px PNGs in one ICO) are drawn from it and
committed, so neither the site nor its tests need an image library.
"""

import re
import shutil
import struct
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SVG = (ROOT / "static/favicon.svg").read_text()
OUT = ROOT / "static/root"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def svg(size, *, square=False, scale=1.0):
    """The mark at `size` px; `square` fills the corners (platforms round them themselves),
    `scale` shrinks the mark inside a full square for maskable icons."""
    drawing = SVG
    if square or scale != 1.0:
        drawing = re.sub(r'rx="\d+"', 'rx="0"', drawing, count=1)
    if scale != 1.0:
        # A full-bleed square, then the mark's lines and dots scaled about the centre.
        offset = 32 * (1 - scale)
        drawing = re.sub(
            r"(<rect[^>]*/>)(.*)</svg>",
            rf'\1<g transform="translate({offset} {offset}) scale({scale})">\2</g></svg>',
            drawing,
            flags=re.S,
        )
    return drawing.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)


def png(page, size, **kwargs):
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(f'<body style="margin:0">{svg(size, **kwargs)}</body>')
    return page.locator("svg").screenshot(omit_background=True)


def ico(images):
    """An ICO file holding PNG images (every browser reads PNG-in-ICO)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    entries, data = b"", b""
    offset = 6 + 16 * len(images)
    for size, image in images:
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(image), offset)
        data += image
        offset += len(image)
    return header + entries + data


def main():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        (OUT / "apple-touch-icon.png").write_bytes(png(page, 180, square=True))
        (OUT / "icon-192.png").write_bytes(png(page, 192))
        (OUT / "icon-512.png").write_bytes(png(page, 512))
        (OUT / "icon-maskable-512.png").write_bytes(png(page, 512, scale=0.8))
        (OUT / "favicon.ico").write_bytes(ico([(size, png(page, size)) for size in (16, 32, 48)]))
        browser.close()
    for path in sorted(OUT.glob("*")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
