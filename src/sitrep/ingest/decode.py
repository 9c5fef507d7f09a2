"""Bytes to text, refusing what is not text.

News arrives as UTF-8, UTF-16 from Windows tools, or legacy code pages (Windows-1256 for
Dari/Pashto, Windows-1252 for European outlets). We try UTF-8 first because it is nearly
always right and cheap, then let charset-normalizer decide; binary data is refused rather
than stored as mojibake, because a report nobody can read is worse than a clear skip.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

BINARY = "binary file (not text)"
UNDECODABLE = "undecodable bytes: not UTF-8 and no reliable encoding detected"

# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.05
# C0 and C1 control characters other than the white-space ones text legitimately contains.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SNIFF_BYTES = 8192


class DecodeError(ValueError):
    """The bytes are not text; `reason` is the one-line explanation shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode(raw: bytes) -> str:
    """Decode `raw` as text or raise DecodeError with BINARY or UNDECODABLE."""
    text = _decode_by_bom(raw)
    if text is None:
        if b"\x00" in raw[:_SNIFF_BYTES]:
            raise DecodeError(BINARY)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(raw).best()
            if best is None:
                raise DecodeError(UNDECODABLE) from None
            text = str(best)
    if _looks_binary(text):
        raise DecodeError(BINARY)
    return text


def _decode_by_bom(raw: bytes) -> str | None:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                raise DecodeError(UNDECODABLE) from None
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    return bool(sample) and len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_SHARE
