"""Render text as a scanned PDF: pages as images only (no text layer), as a photocopied
government reply arrives.

The text is laid out by ``render_documents.render_pdf`` (running header, job-number
footers), each page rasterised at ``dpi`` by Poppler's ``pdftoppm``, tilted slightly and
speckled with Pillow (fixed seed, so a failure is reproducible), then written back as an
image-only PDF by Pillow.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from render_documents import render_pdf

SCAN_DPI = 200
TILT_DEGREES = 0.6
SPECKLES_PER_PAGE = 1500


def _speckle(page: Image.Image, rng: random.Random) -> None:
    draw = ImageDraw.Draw(page)
    width, height = page.size
    for _ in range(SPECKLES_PER_PAGE):
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.choice((0, 0, 1))
        draw.ellipse((x, y, x + radius, y + radius), fill=rng.randrange(0, 110))


def render_scan(text: str, path: Path, seed: int = 16, dpi: int = SCAN_DPI, tilt: float = TILT_DEGREES) -> int:
    """Write ``text`` to ``path`` as a scanned, image-only PDF; returns its page count."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        render_pdf(text, work / "typed.pdf")
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(work / "typed.pdf"), str(work / "page")],
            check=True,
            capture_output=True,
        )
        pages = []
        for image_path in sorted(work.glob("page*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[-1])):
            with Image.open(image_path) as image:
                angle = tilt if rng.random() < 0.5 else -tilt
                page = image.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
            _speckle(page, rng)
            pages.append(page)
    pages[0].save(path, "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:])
    return len(pages)
