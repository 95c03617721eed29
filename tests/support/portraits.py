"""Real portraits for the portrait tests (rules, the intake, the walkthroughs) and the photo
benchmark, and pictures made from them: the face on a plain wall, twice, leaning, in the
dark, out of focus...

The face is Eileen Collins's NASA portrait (tests/data/portraits/SOURCES.md: public
domain). It is a half-length studio picture in front of a flag and a model shuttle, so a
compliant ID photo is made from it by cutting the person out (the mottled grey backdrop is
light and unsaturated, the hair and skin are not) and putting her on a plain wall. Every
failing picture is that compliant picture with one thing changed.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw

PORTRAITS = Path(__file__).resolve().parents[1] / "data" / "portraits"
COLLINS = PORTRAITS / "eileen_collins_nasa.jpg"
HOPPER = PORTRAITS / "grace_hopper_us_navy.jpg"

# The centre of Eileen Collins's face in her 512 x 512 portrait (of the frontal cascade's
# box, 97 px wide there), to know where it lands in the pictures made from it.
COLLINS_FACE_CENTRE = (225.5, 114.5)

WHITE_WALL = (242, 242, 240)
BLUE_WALL = (72, 140, 214)


@lru_cache(maxsize=None)
def real_portrait(path: Path = COLLINS) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


@lru_cache(maxsize=1)
def collins_mask() -> Image.Image:
    """Where Eileen Collins is in her 512 x 512 portrait (255) and where the studio is (0).

    Around the head the backdrop is told from her by colour: it is light and grey, hair and
    skin are not. Below the chin the suit's outline is drawn by hand, as the suit has grey
    and white parts of its own. Holes are filled and the edge softened by a pixel.
    """
    pixels = np.asarray(real_portrait(COLLINS))
    hsv = cv2.cvtColor(pixels, cv2.COLOR_RGB2HSV)
    backdrop = (hsv[..., 1] < 50) & (hsv[..., 2] > 120)
    outline = Image.new("L", (512, 512), 0)
    draw = ImageDraw.Draw(outline)
    draw.ellipse((140, 4, 312, 205), fill=255)  # hair and face
    draw.polygon([(185, 165), (268, 165), (300, 230), (370, 300), (372, 512), (15, 512),
                  (30, 300), (140, 220)], fill=255)  # neck ring, shoulders, suit
    inside = np.asarray(outline) > 0
    person = inside & ~backdrop
    person[190:] = inside[190:]
    mask = person.astype(np.uint8) * 255
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    _, labels = cv2.connectedComponents(255 - mask)
    mask = np.where(labels == labels[0, 0], 0, 255).astype(np.uint8)
    return Image.fromarray(cv2.GaussianBlur(mask, (0, 0), 1.2))


def person_on(background: tuple[int, int, int] | Image.Image, *, scale: float = 2.0,
              canvas: tuple[int, int] = (1200, 1400), at: tuple[int, int] | None = None,
              ) -> Image.Image:
    """Eileen Collins, ``scale`` times her portrait's size, on a wall of one colour or on a
    picture; by default centred at the bottom of the canvas as a sitter is framed."""
    side = round(512 * scale)
    person = real_portrait(COLLINS).resize((side, side), Image.Resampling.LANCZOS)
    mask = collins_mask().resize((side, side), Image.Resampling.LANCZOS)
    if isinstance(background, Image.Image):
        wall = background.convert("RGB").resize(canvas)
    else:
        wall = Image.new("RGB", canvas, background)
    wall.paste(person, placed(scale, canvas, at), mask)
    return wall


def placed(scale: float = 2.0, canvas: tuple[int, int] = (1200, 1400),
           at: tuple[int, int] | None = None) -> tuple[int, int]:
    """Where person_on puts the portrait's top-left corner."""
    side = round(512 * scale)
    return at if at is not None else ((canvas[0] - side) // 2, canvas[1] - side)


def face_centre(scale: float = 2.0, canvas: tuple[int, int] = (1200, 1400),
                at: tuple[int, int] | None = None) -> tuple[float, float]:
    """Where the centre of her face lands in a picture made by person_on."""
    left, top = placed(scale, canvas, at)
    return left + COLLINS_FACE_CENTRE[0] * scale, top + COLLINS_FACE_CENTRE[1] * scale


def person_with_alpha(*, scale: float = 2.0) -> Image.Image:
    """Eileen Collins cut out on a transparent background (RGBA), as a photo booth app
    might save her."""
    side = round(512 * scale)
    person = real_portrait(COLLINS).resize((side, side), Image.Resampling.LANCZOS)
    mask = collins_mask().resize((side, side), Image.Resampling.LANCZOS)
    canvas = Image.new("RGBA", (1200, 1400), (0, 0, 0, 0))
    person.putalpha(mask)
    canvas.paste(person, ((1200 - side) // 2, 1400 - side), person)
    return canvas


def stripes(size: tuple[int, int], period: int = 40) -> Image.Image:
    """A busy wall: dark and light vertical bands with a little colour (shelves, blinds)."""
    width, height = size
    x = np.arange(width)
    band = ((x // (period // 2)) % 2).astype(np.float32)
    row = np.stack([90 + 140 * band, 80 + 130 * band, 60 + 120 * band], axis=-1)
    return Image.fromarray(np.broadcast_to(row, (height, width, 3)).astype(np.uint8))


def landscape(size: tuple[int, int] = (1600, 1200)) -> Image.Image:
    """A picture with no one in it: sky, hills and a field."""
    width, height = size
    image = Image.new("RGB", size, (130, 180, 235))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, height * 0.55), (width * 0.3, height * 0.4), (width * 0.6, height * 0.52),
                  (width, height * 0.38), (width, height), (0, height)], fill=(70, 110, 60))
    draw.rectangle((0, height * 0.75, width, height), fill=(150, 170, 70))
    return image


def jpeg_bytes(image: Image.Image, quality: int = 92) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def compliant_portrait_file(folder: Path, name: str = "chan-dung.jpg") -> Path:
    """A photo that passes every rule on a white-background procedure, as a phone JPEG."""
    path = folder / name
    path.write_bytes(jpeg_bytes(person_on(WHITE_WALL)))
    return path
