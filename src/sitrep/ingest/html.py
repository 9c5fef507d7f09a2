"""HTML pages: the article's main text and its metadata, without menus and footers.

trafilatura finds the main text and the publication date (htmldate) on real news pages;
short or unusual pages it declines fall back to the visible body text via selectolax, so a
page with words in it is never skipped for want of "article" markup. `<meta name="sitrep:*">`
tags are kept as metadata (how bundled samples carry their ground truth).
"""

from __future__ import annotations

import json

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from sitrep.ingest.fields import Fields, ReadError, parse_published

NO_TEXT = "no text: the HTML page has no readable text"
_INVISIBLE = "script, style, noscript, template, nav, header, footer, aside, form, svg"
_OWN_META_PREFIX = "sitrep:"


def parse_html(html: str) -> Fields:
    import trafilatura  # a tenth of a second to import: paid only when a page is read

    tree = HTMLParser(html)
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    title = (found.title if found else None) or _page_title(tree)
    text = _paragraphs(found.text, title) if found and found.text else _visible_text(tree)
    if not text.strip():
        raise ReadError(NO_TEXT)
    return Fields(
        text=text,
        title=title,
        url=(found.url if found else None) or _meta(tree, "og:url"),
        outlet=(found.sitename if found else None) or _meta(tree, "og:site_name"),
        published=parse_published(found.date) if found and found.date else None,
        language=(found.language if found else None) or _html_lang(tree),
        metadata=_own_meta(tree),
    )


def _paragraphs(extracted: str, title: str | None) -> str:
    """trafilatura puts one paragraph a line; reports keep paragraphs apart with a blank line."""
    lines = [line.strip() for line in extracted.split("\n") if line.strip()]
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]
    return "\n\n".join(lines)


def _visible_text(tree: HTMLParser) -> str:
    root = tree.body or tree.root
    if root is None:
        return ""
    for node in root.css(_INVISIBLE):
        node.decompose()
    lines = [line.strip() for line in root.text(separator="\n").split("\n")]
    return "\n\n".join(line for line in lines if line)


def _page_title(tree: HTMLParser) -> str | None:
    node = tree.css_first("title")
    title = node.text(strip=True) if node else ""
    return title or None


def _meta(tree: HTMLParser, key: str) -> str | None:
    for node in tree.css("meta"):
        if key in (node.attributes.get("name"), node.attributes.get("property")):
            return (node.attributes.get("content") or "").strip() or None
    return None


def _html_lang(tree: HTMLParser) -> str | None:
    node = tree.css_first("html")
    return (node.attributes.get("lang") or None) if node else None


def _own_meta(tree: HTMLParser) -> dict:
    """`<meta name="sitrep:truth" content='{"...": ...}'>` → {"truth": {...}} (JSON if it parses)."""
    found = {}
    for node in tree.css("meta"):
        name = node.attributes.get("name") or ""
        if name.startswith(_OWN_META_PREFIX):
            content = node.attributes.get("content") or ""
            try:
                found[name[len(_OWN_META_PREFIX) :]] = json.loads(content)
            except ValueError:
                found[name[len(_OWN_META_PREFIX) :]] = content
    return found
