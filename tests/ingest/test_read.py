import json
from datetime import date
from pathlib import Path

from sitrep.ingest import Read, Skip, discover, read_file
from sitrep.ingest.fields import parse_published
from sitrep.ingest.normalise import sha256_hex
from tests.conftest import write

LIMIT = 20 * 2**20


def read_all(path: Path, limit: int = LIMIT) -> list[Read | Skip]:
    return list(read_file(path, limit))


def only(items):
    assert len(items) == 1, items
    return items[0]


def test_text_file_first_line_is_title(tmp_path):
    item = only(read_all(write(tmp_path / "r.txt", "Clashes in Dara\nFighting broke out.\n\nTwo died.")))
    assert item.document.title == "Clashes in Dara"
    assert item.document.text == "Fighting broke out.\n\nTwo died."
    assert item.document.media_type == "text/plain"
    assert item.locator == "file"
    assert item.raw == (tmp_path / "r.txt").read_bytes()
    assert item.document.raw_sha256 == item.file_sha256 == sha256_hex(item.raw)
    assert item.document.sha256 == sha256_hex(item.document.text)


def test_one_line_text_file_is_all_body(tmp_path):
    item = only(read_all(write(tmp_path / "r.txt", "Two killed in Khost.")))
    assert item.document.title is None
    assert item.document.text == "Two killed in Khost."


def test_markdown_heading_marks_are_not_part_of_the_title(tmp_path):
    item = only(read_all(write(tmp_path / "r.md", "# Clashes in Andarab\n\nBody text here.")))
    assert item.document.title == "Clashes in Andarab"
    assert item.document.media_type == "text/markdown"


ARTICLE = """<!DOCTYPE html><html lang="en"><head><title>Clashes in Jurm | Badakhshan Times</title>
<meta property="og:site_name" content="Badakhshan Times">
<meta property="article:published_time" content="2023-06-13T08:00:00+04:30">
<meta name="sitrep:synthetic" content="true">
<meta name="sitrep:truth" content='{"incidents": []}'>
<meta name="sitrep:desk" content="north">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Clashes in Jurm</h1>
<p>Clashes between Taliban forces and armed men in the Jurm district of Badakhshan on Monday left at least five people dead, residents said.</p>
<p>A health worker said three Taliban fighters and two local men were brought dead to the clinic.</p>
</article><footer>Copyright Badakhshan Times</footer></body></html>"""


def test_html_main_text_title_date_and_own_meta(tmp_path):
    item = only(read_all(write(tmp_path / "a.html", ARTICLE)))
    doc = item.document
    assert doc.title == "Clashes in Jurm"
    assert doc.published == date(2023, 6, 13)
    assert doc.outlet == "Badakhshan Times"
    assert doc.language == "en"
    assert doc.text.startswith("Clashes between Taliban forces")
    assert "\n\nA health worker" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.metadata == {"synthetic": True, "truth": {"incidents": []}, "desk": "north"}
    assert doc.media_type == "text/html"


def test_short_html_without_article_markup_falls_back_to_visible_text(tmp_path):
    page = "<html><body><script>var x=1;</script><div>Two killed in Khost.</div></body></html>"
    item = only(read_all(write(tmp_path / "s.htm", page)))
    assert item.document.text == "Two killed in Khost."


def test_broken_html_still_yields_its_text(tmp_path):
    page = "<html><body><p>Fighting in <b>Andarab<p>continued on Monday</div></html"
    item = only(read_all(write(tmp_path / "b.html", page)))
    assert "Andarab" in item.document.text and "continued on Monday" in item.document.text


def test_json_object_fields_and_extra_metadata(tmp_path):
    record = {"id": 42, "text": "Body.", "title": "T", "url": "https://e.org/x", "outlet": "O",
              "published": "2022-09-15T10:00:00Z", "language": "fa", "synthetic": True}
    item = only(read_all(write(tmp_path / "one.json", json.dumps(record))))
    doc = item.document
    assert (doc.external_id, doc.title, doc.url, doc.outlet, doc.language) == ("42", "T", "https://e.org/x", "O", "fa")
    assert doc.published == date(2022, 9, 15)
    assert doc.metadata == {"synthetic": True}
    assert doc.media_type == "application/json"


def test_json_array_keeps_good_items_and_skips_bad_ones(tmp_path):
    items = read_all(write(tmp_path / "many.json", json.dumps([{"text": "a"}, {"title": "no text"}, {"text": "b"}])))
    assert [type(i).__name__ for i in items] == ["Read", "Skip", "Read"]
    assert items[1].locator == "item 2" and items[1].reason == 'no "text" field'
    # every item's evidence is the file exactly as received
    assert items[0].raw == items[2].raw == (tmp_path / "many.json").read_bytes()


def test_jsonl_reads_each_line_and_keeps_that_lines_bytes(tmp_path):
    lines = ['{"id": "a", "text": "first"}', "", '{"id": "b", "text": "second"}']
    path = write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    items = read_all(path)
    assert [i.document.external_id for i in items] == ["a", "b"]
    assert [i.locator for i in items] == ["line 1", "line 3"]
    assert items[1].raw == lines[2].encode()
    assert items[0].file_sha256 == sha256_hex(path.read_bytes())


def test_jsonl_problems_are_reported_per_line(tmp_path):
    path = write(tmp_path / "c.jsonl", '{"text": 5}\n[1, 2]\n{"text": "   "}\n{oops\n{"text": "ok"}\n')
    items = read_all(path)
    assert [str(i) if isinstance(i, Skip) else "read" for i in items] == [
        f'{path} (line 1): "text" must be a string, got a number',
        f"{path} (line 2): expected a JSON object, got an array",
        f"{path} (line 3): empty text",
        f"{path} (line 4): malformed JSON (Expecting property name enclosed in double quotes at column 2)",
        "read",
    ]


def test_jsonl_limit_applies_to_each_line(tmp_path):
    path = write(tmp_path / "big.jsonl", json.dumps({"text": "x" * 5000}) + "\n" + '{"text": "small"}\n')
    items = read_all(path, limit=1000)
    assert isinstance(items[0], Skip) and items[0].reason.startswith("too large: ")
    assert items[1].document.text == "small"


def test_published_dates_in_many_forms():
    assert parse_published("2022-09-15") == date(2022, 9, 15)
    assert parse_published("2022-09-15T23:30:00+04:30") == date(2022, 9, 15)
    assert parse_published("15 September 2022") == date(2022, 9, 15)
    assert parse_published("Sept. 15, 2022") == date(2022, 9, 15)
    assert parse_published("not a date at all") is None


def test_unparseable_published_is_kept_raw(tmp_path):
    item = only(read_all(write(tmp_path / "x.json", '{"text": "a", "published": "sometime"}')))
    assert item.document.published is None
    assert item.document.metadata == {"published_raw": "sometime"}


def test_discover_walks_directories_in_order_without_hidden_or_excluded(tmp_path):
    write(tmp_path / "b.txt", "b")
    write(tmp_path / "sub" / "a.txt", "a")
    write(tmp_path / ".git" / "config.txt", "hidden")
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / "sitrep-data" / "evidence" / "ab" / "cd" / "abcd", "archived")
    found = discover([tmp_path], exclude=[tmp_path / "sitrep-data"])
    assert found == [tmp_path / "b.txt", tmp_path / "sub" / "a.txt"]
