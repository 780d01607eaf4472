"""Pictures for the demo newsroom, drawn with Pillow: nothing is downloaded.

Lead images are abstract editorial illustrations (a gradient ground, a few
geometric motifs, a little grain) in a palette that belongs to the story's
section; author portraits are initials on a coloured circle. Everything is
deterministic: the same seed draws the same picture, byte for byte.

These functions only draw and describe; ``dateline.demo.services`` saves the
results as ``NewsImage`` rows.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter, ImageFont

LEAD_SIZE = (1200, 675)
PORTRAIT_SIZE = 600

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    name: str  # words for the alt text: "deep blue and teal"
    ground: tuple[RGB, RGB]  # the gradient, from one corner to the other
    inks: tuple[RGB, ...]  # colours for the motifs


PALETTES: dict[str, Palette] = {
    "world": Palette("deep blue and teal", ((12, 34, 74), (22, 110, 128)), ((240, 196, 92), (120, 200, 210), (235, 240, 245), (40, 70, 140))),
    "local": Palette("harbour green and ochre", ((24, 72, 62), (196, 150, 72)), ((244, 226, 180), (60, 120, 100), (222, 110, 70), (250, 250, 240))),
    "politics": Palette("navy and crimson", ((20, 26, 58), (150, 28, 48)), ((236, 230, 220), (210, 70, 80), (90, 110, 180), (250, 200, 120))),
    "business": Palette("slate and gold", ((36, 44, 56), (92, 108, 124)), ((230, 180, 70), (200, 210, 220), (120, 170, 150), (250, 245, 230))),
    "science": Palette("violet and cyan", ((40, 16, 84), (20, 120, 160)), ((120, 230, 240), (220, 160, 250), (250, 250, 255), (90, 60, 200))),
    "culture": Palette("magenta and orange", ((96, 18, 70), (236, 120, 52)), ((255, 214, 120), (250, 240, 230), (180, 40, 110), (80, 30, 90))),
    "sport": Palette("pitch green and lime", ((14, 70, 40), (40, 140, 70)), ((210, 240, 90), (250, 250, 250), (20, 40, 30), (240, 170, 50))),
}
DEFAULT_PALETTE = PALETTES["world"]

PORTRAIT_COLOURS: tuple[RGB, ...] = (
    (28, 78, 128), (150, 40, 60), (36, 110, 80), (120, 70, 150), (190, 100, 40),
    (40, 120, 140), (100, 90, 40), (160, 60, 120), (60, 60, 110), (140, 110, 60),
)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=84, progressive=True)
    return buffer.getvalue()


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def _ground(size: tuple[int, int], start: RGB, end: RGB, angle: float) -> Image.Image:
    """A linear gradient from ``start`` to ``end`` across the frame at ``angle`` degrees."""
    # Rotate a small gradient and scale it up: a smooth ramp loses nothing, and
    # rotating a full-size square would cost most of the drawing time.
    width, height = size
    small_w, small_h = max(1, width // 8), max(1, height // 8)
    side = int(math.hypot(small_w, small_h)) + 2
    mask = Image.linear_gradient("L").resize((side, side)).rotate(angle, resample=Image.BICUBIC)
    left, top = (side - small_w) // 2, (side - small_h) // 2
    mask = mask.crop((left, top, left + small_w, top + small_h)).resize(size, Image.BILINEAR)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


# -- motifs: each draws on a transparent layer and says what it drew -------------


def _circles(draw: ImageDraw.ImageDraw, rng: random.Random, size, inks) -> str:
    width, height = size
    for _ in range(rng.randint(3, 6)):
        r = rng.randint(height // 8, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(inks) + (rng.randint(50, 120),))
    return "overlapping translucent circles"


def _rings(draw, rng, size, inks) -> str:
    width, height = size
    x, y = rng.randint(width // 4, 3 * width // 4), rng.randint(height // 4, 3 * height // 4)
    ink = rng.choice(inks)
    step = rng.randint(26, 48)
    for i in range(1, rng.randint(6, 11)):
        r = i * step
        draw.ellipse((x - r, y - r, x + r, y + r), outline=ink + (max(40, 200 - i * 16),), width=rng.randint(3, 7))
    return "concentric rings"


def _bands(draw, rng, size, inks) -> str:
    width, height = size
    slope = rng.uniform(0.3, 1.2) * rng.choice((-1, 1))
    x = rng.randint(-width // 2, width // 4)
    for _ in range(rng.randint(3, 6)):
        thickness = rng.randint(30, 110)
        polygon = [(x, 0), (x + thickness, 0), (x + thickness + slope * height, height), (x + slope * height, height)]
        draw.polygon(polygon, fill=rng.choice(inks) + (rng.randint(60, 140),))
        x += thickness + rng.randint(20, 160)
    return "diagonal bands"


def _dots(draw, rng, size, inks) -> str:
    width, height = size
    ink = rng.choice(inks)
    gap = rng.randint(28, 44)
    x0, y0 = rng.randint(0, width // 2), rng.randint(0, height // 3)
    columns, rows = rng.randint(6, 12), rng.randint(4, 8)
    for row in range(rows):
        for column in range(columns):
            r = rng.randint(3, 7)
            cx, cy = x0 + column * gap, y0 + row * gap
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=ink + (170,))
    return "a grid of dots"


def _horizon(draw, rng, size, inks) -> str:
    width, height = size
    for layer in range(rng.randint(2, 3)):
        base = height * (0.55 + 0.15 * layer)
        points = [(0, height)]
        x = 0
        while x <= width:
            points.append((x, base - rng.randint(0, int(height * 0.25))))
            x += rng.randint(80, 220)
        points += [(width, base), (width, height)]
        draw.polygon(points, fill=_mix(rng.choice(inks), (10, 10, 20), 0.35 + 0.2 * layer) + (200,))
    return "a layered skyline of hills"


def _bars(draw, rng, size, inks) -> str:
    width, height = size
    count = rng.randint(6, 11)
    bar = width // (count * 2 + 2)
    level = rng.uniform(0.25, 0.55)
    for i in range(count):
        level = min(0.85, max(0.12, level + rng.uniform(-0.15, 0.18)))
        x = bar * (2 * i + 1) + bar // 2
        draw.rectangle((x, height - int(height * level), x + bar, height), fill=rng.choice(inks) + (150,))
    return "rising and falling bars like a chart"


def _triangles(draw, rng, size, inks) -> str:
    width, height = size
    for _ in range(rng.randint(3, 6)):
        x, y = rng.randint(0, width), rng.randint(0, height)
        s = rng.randint(height // 6, height // 2)
        turn = rng.uniform(0, math.tau)
        points = [(x + s * math.cos(turn + k * math.tau / 3), y + s * math.sin(turn + k * math.tau / 3)) for k in range(3)]
        draw.polygon(points, fill=rng.choice(inks) + (rng.randint(60, 130),))
    return "scattered triangles"


def _arcs(draw, rng, size, inks) -> str:
    width, height = size
    for _ in range(rng.randint(3, 5)):
        r = rng.randint(height // 3, height)
        x, y = rng.randint(0, width), rng.randint(height // 2, height + r // 2)
        start = rng.randint(180, 260)
        draw.arc((x - r, y - r, x + r, y + r), start, start + rng.randint(60, 150), fill=rng.choice(inks) + (210,), width=rng.randint(6, 16))
    return "sweeping arcs"


MOTIFS = {
    "circles": _circles,
    "rings": _rings,
    "bands": _bands,
    "dots": _dots,
    "horizon": _horizon,
    "bars": _bars,
    "triangles": _triangles,
    "arcs": _arcs,
}
# Each section leans on a few motifs, so a section front looks of a piece.
SECTION_MOTIFS = {
    "world": ("horizon", "circles", "arcs", "dots"),
    "local": ("horizon", "bands", "dots", "rings"),
    "politics": ("bands", "triangles", "rings", "dots"),
    "business": ("bars", "bands", "dots", "circles"),
    "science": ("rings", "dots", "circles", "arcs"),
    "culture": ("circles", "triangles", "arcs", "bands"),
    "sport": ("arcs", "bands", "rings", "triangles"),
}


def lead_image_render(*, seed: str, section: str, size: tuple[int, int] = LEAD_SIZE) -> tuple[bytes, str]:
    """Draw an abstract illustration; return the JPEG bytes and a sentence describing it."""
    rng = random.Random(f"dateline-demo:{seed}")
    palette = PALETTES.get(section, DEFAULT_PALETTE)
    start, end = palette.ground if rng.random() < 0.5 else palette.ground[::-1]
    image = _ground(size, start, end, angle=rng.uniform(0, 360)).convert("RGBA")

    names = rng.sample(SECTION_MOTIFS.get(section, tuple(MOTIFS)), k=rng.randint(2, 3))
    drawn = []
    for i, name in enumerate(names):
        layer = Image.new("RGBA", size, (0, 0, 0, 0))
        drawn.append(MOTIFS[name](ImageDraw.Draw(layer), rng, size, palette.inks))
        if i == 0 and rng.random() < 0.6:  # soften the back layer for depth
            layer = layer.filter(ImageFilter.GaussianBlur(radius=rng.randint(6, 14)))
        image.alpha_composite(layer)

    # Film grain from the seeded generator (Image.effect_noise is not repeatable).
    grain = Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).convert("RGBA")
    grain.putalpha(12)
    image.alpha_composite(grain)

    motifs = drawn[0] if len(drawn) == 1 else ", ".join(drawn[:-1]) + " and " + drawn[-1]
    description = f"Abstract illustration in {palette.name}: {motifs}."
    return _jpeg(image), description[:1].upper() + description[1:]


def _initials(name: str) -> str:
    words = [w for w in name.split() if w[:1].isalpha()]  # "Asante-Boyd" gives one initial
    if not words:
        return "?"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


def portrait_render(*, name: str, size: int = PORTRAIT_SIZE) -> tuple[bytes, str]:
    """Draw a square placeholder portrait: the person's initials on a coloured circle."""
    rng = random.Random(f"dateline-portrait:{name}")
    colour = rng.choice(PORTRAIT_COLOURS)
    image = Image.new("RGB", (size, size), _mix(colour, (245, 243, 238), 0.82))
    draw = ImageDraw.Draw(image)
    margin = size // 12
    draw.ellipse((margin, margin, size - margin, size - margin), fill=colour)
    initials = _initials(name)
    font = ImageFont.load_default(size=size * 0.36)
    draw.text((size / 2, size / 2), initials, font=font, fill=(252, 250, 246), anchor="mm")
    return _jpeg(image), f"Placeholder portrait of {name}: the initials {initials} on a coloured circle."
