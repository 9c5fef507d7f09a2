"""Files and directories to Read/Skip records: one pass, nothing stored, nothing lost.

Every input either becomes a `Read` (a Document plus the exact bytes it came from) or a
`Skip` with a one-line reason; a bad file never stops the run. Raw bytes are always the
original's: a whole file, or one JSONL line exactly as it stood in the file.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sitrep.ingest.decode import DecodeError, decode
from sitrep.ingest.fields import Fields, ReadError, from_mapping
from sitrep.ingest.html import parse_html
from sitrep.ingest.normalise import normalise_text, sha256_hex
from sitrep.ingest.text import parse_plain
from sitrep.models import Document

EMPTY_FILE = "empty file"
EMPTY_TEXT = "empty text"

_PARSERS: dict[str, tuple[str, Callable[[str], list[Fields]]]] = {
    ".txt": ("text/plain", lambda text: [parse_plain(text)]),
    ".text": ("text/plain", lambda text: [parse_plain(text)]),
    ".md": ("text/markdown", lambda text: [parse_plain(text, markdown=True)]),
    ".markdown": ("text/markdown", lambda text: [parse_plain(text, markdown=True)]),
    ".html": ("text/html", lambda text: [parse_html(text)]),
    ".htm": ("text/html", lambda text: [parse_html(text)]),
    ".xhtml": ("text/html", lambda text: [parse_html(text)]),
}
_JSON = (".json",)
_JSONL = (".jsonl", ".ndjson")
SUPPORTED_SUFFIXES = tuple(sorted((*_PARSERS, *_JSON, *_JSONL)))


@dataclass(slots=True)
class Read:
    """A Document read from `document.origin` at `locator`, with the bytes it came from."""

    document: Document
    raw: bytes
    locator: str
    file_sha256: str
    consumed: int


@dataclass(slots=True)
class Skip:
    """An input that did not become a Document, and why."""

    origin: str
    reason: str
    locator: str | None = None
    consumed: int = 0

    def __str__(self) -> str:
        where = f"{self.origin} ({self.locator})" if self.locator else self.origin
        return f"{where}: {self.reason}"


def discover(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> list[Path | Skip]:
    """Files named directly, and every non-hidden file below named directories, in order;
    a Skip for what a walk finds but must not read.

    `exclude` names files and directories a walk must not enter: sitrep's own database and
    evidence archive, when someone ingests the directory they live in. A link inside a named
    directory is read only when it stays inside one of the named paths (a link to /etc/passwd
    dropped into a folder must not reach the archive and its readers); directory links are
    never followed. Paths are resolved once per directory, not per file: corpora hold
    hundreds of thousands of files.
    """
    excluded = {path.resolve() for path in exclude}
    roots = [path.resolve() for path in paths]
    found: list[Path | Skip] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        unreadable: list[OSError] = []
        for directory, subdirs, names in os.walk(path, onerror=unreadable.append):
            found.extend(_unreadable(failure, directory) for failure in unreadable)
            unreadable.clear()
            here = Path(directory)
            real = here.resolve()
            subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and real / d not in excluded)
            for name in sorted(names):
                if name.startswith(".") or real / name in excluded:
                    continue
                found.append(_linked(here / name, roots) if (here / name).is_symlink() else here / name)
        found.extend(_unreadable(failure, path) for failure in unreadable)
    return found


def _unreadable(failure: OSError, where: Path | str) -> Skip:
    """A directory the walk could not list: said, not passed over in silence."""
    return Skip(printable_path(Path(failure.filename or where)), f"cannot read directory: {failure.strerror or failure}")


def _linked(link: Path, roots: list[Path]) -> Path | Skip:
    """A file link inside an ingested directory: its path when its target is inside a root."""
    try:
        target = link.resolve(strict=True)
    except RuntimeError:
        return Skip(printable_path(link), "symlink loop")
    except OSError:
        return Skip(printable_path(link), "broken symlink")
    if any(target == root or target.is_relative_to(root) for root in roots):
        return link
    return Skip(printable_path(link), "symlink outside the ingested folder")


def read_paths(paths: Iterable[Path], max_bytes: int) -> Iterator[Read | Skip]:
    for path in discover(paths):
        if isinstance(path, Skip):
            yield path
        else:
            yield from read_file(path, max_bytes)


def printable_path(path: Path) -> str:
    """The path as text that can be stored and shown: bytes of a file name that are not UTF-8
    are written as escapes (\\xff) rather than kept as unencodable surrogates."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_file(path: Path, max_bytes: int) -> Iterator[Read | Skip]:
    origin = printable_path(path)
    suffix = path.suffix.lower()
    try:
        status = path.stat()
    except RuntimeError:  # a link that leads back to itself
        yield Skip(origin, "symlink loop")
        return
    except OSError as exc:
        yield Skip(origin, f"cannot read: {exc.strerror or exc}")
        return
    size = status.st_size
    if stat.S_ISDIR(status.st_mode):
        yield Skip(origin, "a directory link (not followed)")
        return
    if not stat.S_ISREG(status.st_mode):  # a FIFO or a device would block or never end
        yield Skip(origin, "not a regular file")
        return
    if suffix not in SUPPORTED_SUFFIXES:
        yield Skip(origin, f"unsupported file type '{suffix or path.name}'", consumed=size)
        return
    if size == 0:
        yield Skip(origin, EMPTY_FILE)
        return
    try:
        if suffix in _JSONL:
            yield from _read_jsonl(path, max_bytes)
            return
        if size > max_bytes:
            yield Skip(origin, too_large(size, max_bytes), consumed=size)
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield Skip(origin, f"cannot read: {exc.strerror or exc}", consumed=size)
        return
    yield from _read_whole(path, raw, suffix)


def too_large(size: int, max_bytes: int) -> str:
    return (f"too large: {size / 2**20:.3g} MB exceeds the {max_bytes / 2**20:.3g} MB limit "
            "(raise it with --max-file-mb)")


def _read_whole(path: Path, raw: bytes, suffix: str) -> Iterator[Read | Skip]:
    origin, size, file_sha = printable_path(path), len(raw), sha256_hex(raw)
    try:
        text = decode(raw)
        if suffix in _JSON:
            media_type, items = "application/json", _json_items(text)
        else:
            media_type, parse = _PARSERS[suffix]
            items = [("file", fields) for fields in parse(text)]
    except (DecodeError, ReadError) as exc:
        yield Skip(origin, exc.reason, consumed=size)
        return
    for index, (locator, fields) in enumerate(items):
        consumed = size if index == 0 else 0
        if isinstance(fields, ReadError):
            yield Skip(origin, fields.reason, locator, consumed)
        else:
            yield _build(fields, raw, origin, locator, file_sha, media_type, consumed)


def parse_json(text: str, in_line: bool = False) -> object:
    """JSON, or a ReadError saying why not: malformed, nested too deeply for the parser, or a
    number too long to convert (each would otherwise escape as a different exception)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(_malformed(exc, in_line)) from None
    except RecursionError:
        raise ReadError("JSON nested too deeply to read") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise ReadError(f"JSON with a value that cannot be read ({str(exc).split(';')[0]})") from None


def _json_items(text: str) -> list[tuple[str, Fields | ReadError]]:
    """A .json file holds one report object or an array of them."""
    data = parse_json(text)
    if isinstance(data, list):
        return [(f"item {i}", _try(from_mapping, item)) for i, item in enumerate(data, 1)]
    return [("file", from_mapping(data))]


def read_bytes(raw: bytes, origin: str, max_bytes: int) -> Iterator[Read | Skip]:
    """Read a report that arrives without a file name (standard input): JSONL when it starts
    with '{', HTML when it starts with '<', plain text otherwise."""
    if not raw.strip():
        yield Skip(origin, EMPTY_FILE)
        return
    head = raw.lstrip()[:1]
    if head == b"{":
        yield from _jsonl_lines(io.BytesIO(raw), origin, sha256_hex(raw), max_bytes)
    elif len(raw) > max_bytes:
        yield Skip(origin, too_large(len(raw), max_bytes), consumed=len(raw))
    else:
        yield from _read_whole(Path(origin), raw, ".html" if head == b"<" else ".txt")


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Read | Skip]:
    """Stream a JSONL file line by line: corpora can be far larger than memory."""
    with path.open("rb") as handle:
        yield from _jsonl_lines(handle, printable_path(path), _file_sha256(path), max_bytes)


def _jsonl_lines(handle: BinaryIO, origin: str, file_sha: str, max_bytes: int) -> Iterator[Read | Skip]:
    for number, line in enumerate(iter(lambda: handle.readline(max_bytes + 1), b""), 1):
        locator = f"line {number}"
        if len(line) > max_bytes:
            size = len(line) + _skip_rest_of_line(handle, line)
            yield Skip(origin, too_large(size, max_bytes), locator, size)
            continue
        raw = line.rstrip(b"\r\n")
        if not raw.strip():
            continue
        try:
            fields = from_mapping(parse_json(decode(raw), in_line=True))
        except (DecodeError, ReadError) as exc:
            yield Skip(origin, exc.reason, locator, len(line))
            continue
        yield _build(fields, raw, origin, locator, file_sha, "application/jsonl", len(line))


def _build(fields: Fields, raw: bytes, origin: str, locator: str, file_sha: str,
           media_type: str, consumed: int) -> Read | Skip:
    text = normalise_text(fields.text)
    if not text:
        return Skip(origin, EMPTY_TEXT, None if locator == "file" else locator, consumed)
    document = Document(
        sha256=sha256_hex(text),
        text=text,
        raw_sha256=sha256_hex(raw),
        media_type=media_type,
        origin=origin,
        external_id=fields.external_id,
        title=normalise_text(fields.title) or None if fields.title else None,
        url=fields.url,
        outlet=fields.outlet,
        published=fields.published,
        language=fields.language,
        metadata=fields.metadata,
    )
    return Read(document, raw, locator, file_sha, consumed)


def _try(parse: Callable[[object], Fields], item: object) -> Fields | ReadError:
    try:
        return parse(item)
    except ReadError as exc:
        return exc


def _malformed(exc: json.JSONDecodeError, in_line: bool = False) -> str:
    where = f"column {exc.colno}" if in_line else f"line {exc.lineno} column {exc.colno}"
    return f"malformed JSON ({exc.msg} at {where})"


def _skip_rest_of_line(handle, start: bytes) -> int:
    """Read past the remainder of an oversized line without holding it; return its length."""
    skipped = 0
    chunk = start
    while not chunk.endswith(b"\n"):
        chunk = handle.readline(2**20)
        if not chunk:
            break
        skipped += len(chunk)
    return skipped


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(2**20), b""):
            digest.update(chunk)
    return digest.hexdigest()
