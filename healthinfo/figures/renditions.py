"""
Responsive renditions of a figure's image, made once with Pillow.

For each width in ``WIDTHS`` narrower than the original (and the original
width itself, up to the largest), two files: WebP, which every current
browser shows and which is about a third smaller than JPEG at the same
quality, and a fallback in the original's family (JPEG for photographs, PNG
for images with transparency) for the rest. AVIF would be smaller still, but
encoding it takes several seconds per image on our two-core servers; WebP
keeps the upload quick.

Renditions are turned the right way up (EXIF orientation) and carry no
metadata: a phone photo's location never reaches readers through them.
"""

import io
from dataclasses import dataclass
from pathlib import PurePosixPath

from PIL import Image, ImageOps

WIDTHS = (320, 640, 960, 1280, 1920)
WEBP_QUALITY = 80
JPEG_QUALITY = 82
# The article column is 46rem (736 px) wide; below that the image fills the screen.
SIZES = "(min-width: 800px) 736px, calc(100vw - 24px)"


@dataclass(frozen=True)
class Rendition:
    """One made file: its width and height in pixels, format and bytes."""

    width: int
    height: int
    format: str  # "webp", "jpeg" or "png"
    content: bytes

    @property
    def extension(self):
        return "jpg" if self.format == "jpeg" else self.format

    @property
    def content_type(self):
        return f"image/{self.format}"


def planned_widths(original_width):
    """The widths to make for an image ``original_width`` pixels wide, narrowest first."""
    widths = [width for width in WIDTHS if width < original_width]
    widths.append(min(original_width, WIDTHS[-1]))
    return sorted(set(widths))


def _has_transparency(image):
    return image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )


def make_renditions(file):
    """
    Every rendition of the image in ``file`` (an open binary file), widest
    last. Raises ``OSError``/``ValueError`` when Pillow cannot read it.
    """
    file.seek(0)
    with Image.open(file) as opened:
        opened.load()
        image = ImageOps.exif_transpose(opened)
    transparent = _has_transparency(image)
    image = image.convert("RGBA" if transparent else "RGB")
    fallback = "png" if transparent else "jpeg"
    made = []
    for width in planned_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        for image_format in ("webp", fallback):
            buffer = io.BytesIO()
            if image_format == "webp":
                resized.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
            elif image_format == "jpeg":
                resized.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
            else:
                resized.save(buffer, "PNG", optimize=True)
            made.append(Rendition(width, height, image_format, buffer.getvalue()))
    return made


def rendition_name(source_name, rendition):
    """Where a rendition of the image stored as ``source_name`` is stored."""
    path = PurePosixPath(source_name)
    return str(
        PurePosixPath("renditions")
        / path.parent
        / f"{path.stem}-{rendition.width}w.{rendition.extension}"
    )


def srcsets(items, url_for):
    """
    ``{"webp": "a.webp 320w, …", "fallback": "a.jpg 320w, …", "src": url,
    "width": w, "height": h, "fallback_type": "image/jpeg"}`` from stored items.
    """
    by_format = {}
    for item in sorted(items, key=lambda item: item["width"]):
        by_format.setdefault(item["format"], []).append(item)
    fallback_format = next((name for name in by_format if name != "webp"), None)
    if "webp" not in by_format or fallback_format is None:
        return None
    fallback = by_format[fallback_format]
    # The <img> src (for browsers without srcset): a width that suits most screens.
    middle = next((item for item in fallback if item["width"] >= 960), fallback[-1])
    largest = fallback[-1]
    return {
        "webp": ", ".join(
            f"{url_for(item['name'])} {item['width']}w" for item in by_format["webp"]
        ),
        "fallback": ", ".join(f"{url_for(item['name'])} {item['width']}w" for item in fallback),
        "fallback_type": f"image/{fallback_format}",
        "src": url_for(middle["name"]),
        "width": largest["width"],
        "height": largest["height"],
        "sizes": SIZES,
    }
