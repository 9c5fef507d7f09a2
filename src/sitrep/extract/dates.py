"""Date expressions resolved against the publication date, with ACLED's time precision.

1 = the day is known ("on Tuesday", "October 21", "yesterday"); 2 = within a week or a few
days ("this week", "last week", "two weeks ago", "in recent days"); 3 = the month ("last
month", "in August", "earlier this month"). Weekdays are the most recent such day on or
before publication; a day and month without a year take the latest one not after it.

A report without a publication date often carries it in its address (/2022/10/…/,
/20211228/): the day when the address gives it, else the month, which still places a day
and month without a year and dates what the report does not date, but cannot resolve
"yesterday" or "last week".
"""

from __future__ import annotations

from bisect import bisect_left

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from sitrep.extract.alternation import compile_rules
from sitrep.extract.numbers import _TENS, _UNITS
from sitrep.theatre.fold import lower

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
               "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTH = r"(?P<month>" + "|".join([*_MONTHS, *_MONTH_ABBR]) + r")\.?"
_COUNT = r"(?P<count>\d+|" + "|".join([*_UNITS, *_TENS]) + r")"

# Run on a lowered copy of the text (fold.lower), so written in lower case and without re.I.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("day_month_year", re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)? " + _MONTH + r",? (?P<year>20\d\d)\b")),
    ("month_day_year", re.compile(r"\b" + _MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?,? (?P<year>20\d\d)\b")),
    ("weekday_month_day", re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),? (?:the )?"
                                     r"(?:" + _MONTH + r" (?P<day>\d{1,2})|(?P<day2>\d{1,2})(?:st|nd|rd|th)? (?:of )?"
                                     + _MONTH.replace("month", "month2") + r")\b")),
    ("month_year", re.compile(r"\b" + _MONTH + r",? (?P<year>20\d\d)\b")),
    ("day_month", re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)? (?:of )?" + _MONTH + r"(?![\w-])")),
    ("month_day", re.compile(r"\b" + _MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![,:]?\s?\d{3})")),
    ("weekday", re.compile(r"\b(?P<last>last )?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b")),
    ("yesterday", re.compile(r"\b(?:yesterday|last night|overnight)\b")),
    ("today", re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight)\b")),
    ("ago", re.compile(r"\b(?P<a>a|" + _COUNT[9:-1] + r") (?P<unit>day|days|week|weeks|month|months) ago\b")),
    ("last_weekend", re.compile(r"\b(?:last|past|previous) weekend\b")),
    ("this_week", re.compile(r"\b(?:this week|in recent days|over the past (?:few )?days|over the weekend|this weekend)\b")),
    ("last_week", re.compile(r"\b(?:last week|past week|previous week|a week earlier)\b")),
    ("last_month", re.compile(r"\b(?:last month|previous month)\b")),
    ("this_month", re.compile(r"\b(?:earlier this month|this month)\b")),
    ("month_only", re.compile(r"\b(?:(?P<last>last|in|since|early|late|mid-?)\s)?" + r"(?P<month>" + "|".join(_MONTHS) + r")\b(?!\s+\d)")),
]


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 5x, and extraction makes these by the hundred
class DateMention:
    value: date
    precision: int
    start: int
    end: int
    text: str


# Date expressions are rare in a report; the patterns above only run in small windows around
# the words every one of them contains, found in one cheap scan.
_ANCHOR_KINDS = ["month", "weekday", "night", "today", "span", "iso"]
_ANCHOR, _ANCHOR_RULE = compile_rules([
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?",
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?",
    r"yesterday|night|overnight",
    r"today|tonight|morning|afternoon|evening",
    r"ago\b|week|month|recent days|past (?:few )?days",
    r"20\d\d-\d\d",
], word_start=r"(?<![a-z])")
# Which patterns each kind of date word can start.
_KINDS_FOR = {
    "month": {"day_month_year", "month_day_year", "weekday_month_day", "month_year", "day_month", "month_day", "month_only"},
    "weekday": {"weekday_month_day", "weekday"},
    "night": {"yesterday"},
    "today": {"today"},
    "span": {"ago", "last_weekend", "this_week", "last_week", "last_month", "this_month"},
    "iso": {"iso"},
}
_BEFORE, _AFTER = 40, 30
_EXPLICIT = frozenset(("iso", "day_month_year", "month_day_year", "month_year"))
# What a publication month (no day) can resolve: calendar dates without a year.
_YEARLESS = _EXPLICIT | {"day_month", "month_day", "weekday_month_day", "month_only", "this_month"}


@dataclass(frozen=True, slots=True)
class Publication:
    """When a report came out, as far as is known: `latest` is the day, or with `day_known`
    false the last day of the month it came out in."""

    latest: date
    day_known: bool = True
    period: tuple[date, date] | None = None  # the days a periodic report covers, by its title

    @property
    def default(self) -> tuple[date, int]:
        """The date, and its precision, of a happening the report does not date: the middle
        of the days it covers, else around publication (that week, or that month)."""
        if self.period is not None:
            return self.middle, 2
        return (self.latest, 2) if self.day_known else (self.latest.replace(day=15), 3)

    @property
    def middle(self) -> date:
        first, last = self.period or (self.latest, self.latest)
        return first + (last - first) / 2


_DAY_RANGE = re.compile(  # "15-21 October 2022", "28 May - 3 June 2023", "October 15-21, 2022"
    r"\b(?P<d1>\d{1,2})(?:\s+(?P<m1>[a-z]+)\.?)?\s*[-–—]\s*(?P<d2>\d{1,2})\s+(?P<m2>[a-z]+)\.?,?\s+(?P<y>(?:19|20)\d\d)\b"
    r"|\b(?P<m3>[a-z]+)\.?\s+(?P<d3>\d{1,2})\s*[-–—]\s*(?P<d4>\d{1,2}),?\s+(?P<y2>(?:19|20)\d\d)\b")
_LONGEST_PERIOD = 16  # days: a weekly or fortnightly overview, not a year in review


def covered_period(heading: str, published: Publication | None) -> tuple[date, date] | None:
    """The days a periodic report (a weekly overview, a situation update) says in its heading
    it covers: its "last week" is those days, not the week before publication. None when the
    heading names no such run of days, or one that ends after publication."""
    for match in _DAY_RANGE.finditer(lower(heading)):
        try:
            if match["m3"]:
                month = _month(match["m3"])
                year = int(match["y2"])
                first, last = date(year, month, int(match["d3"])), date(year, month, int(match["d4"]))
            else:
                year, month = int(match["y"]), _month(match["m2"])
                first_month = _month(match["m1"]) if match["m1"] else month
                first = date(year - (first_month > month), first_month, int(match["d1"]))
                last = date(year, month, int(match["d2"]))
        except (KeyError, ValueError):
            continue  # words that are not months, days past a month's end
        if 0 < (last - first).days <= _LONGEST_PERIOD and (published is None or last <= published.latest):
            return first, last
    return None


# /2022/10/30/ (a day only when a slash follows: /2022/10/30-killed is a title), /2021-09-18,
# /20211228/ or /202502090624 (a day and a time), and /2022/10/ for the month alone.
_URL_DAY = re.compile(r"/(?P<y>(?:19|20)\d\d)(?:/(?P<m>\d\d)/(?P<d>\d\d)/|-(?P<m2>\d\d)-(?P<d2>\d\d)(?![\d])"
                      r"|(?P<m3>\d\d)(?P<d3>\d\d)\d{0,6}(?![\d]))")
_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d\d)/")


def publication(published: date | None, url: str | None = None) -> Publication | None:
    """The report's own date when it has one, else what its address says."""
    if published is not None:
        return Publication(published)
    if not url:
        return None
    path = urlsplit(url).path
    for match in _URL_DAY.finditer(path):
        month, day = match["m"] or match["m2"] or match["m3"], match["d"] or match["d2"] or match["d3"]
        try:
            return Publication(date(int(match["y"]), int(month), int(day)))
        except ValueError:
            continue  # digits that only look like a date
    for match in _URL_MONTH.finditer(path):
        if 1 <= int(match["m"]) <= 12:
            year, month = int(match["y"]), int(match["m"])
            following = date(year + month // 12, month % 12 + 1, 1)
            return Publication(following - timedelta(days=1), day_known=False)
    return None


def implied_publication(written: list[DateMention]) -> Publication | None:
    """For a report with no date of its own nor in its address: the month of the latest date
    it writes out in full ("21 July 2022", "March 2023") outside its history (the caller
    leaves those out), by which it was written. That places the dates it gives without a
    year ("on July 19") and, to the month, what it does not date at all."""
    if not written:
        return None
    latest = max(d.value for d in written)
    following = date(latest.year + latest.month // 12, latest.month % 12 + 1, 1)
    return Publication(following - timedelta(days=1), day_known=False)


_SINCE = re.compile(r"\bsince\b[^,.;:!?()\"“”]*$")
_SINCE_REACH = 45  # characters: "since the group's rushed takeover in"


def find_dates(text: str, published: date | Publication | None, offset: int = 0,
               lowered: str | None = None) -> list[DateMention]:
    """Every date expression that can be resolved, in text order, without overlaps."""
    lowered = lower(text) if lowered is None else lowered
    if isinstance(published, date):
        published = Publication(published)
    resolvable = None if published is None else (None if published.day_known else _YEARLESS)
    latest = published.latest if published else date.max
    found: list[DateMention] = []
    starts: list[int] = []  # sorted starts of the expressions taken so far, and their ends
    ends: list[int] = []
    for window_start, window_end, wanted in _windows(lowered):
        window = lowered[window_start:window_end]
        for kind, pattern in _PATTERNS:
            if kind not in wanted or (published is None and kind not in _EXPLICIT) or (
                    resolvable is not None and kind not in resolvable):
                continue  # not started by any date word here; or not resolvable without the day
            for match in pattern.finditer(window):
                start, end = window_start + match.start(), window_start + match.end()
                at = bisect.bisect_left(starts, start)
                if (at > 0 and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
                    continue  # overlaps an expression a more specific pattern already took
                if _SINCE.search(lowered, max(0, start - _SINCE_REACH), start):
                    continue  # "since August 2021", "since the spring offensive began in May": a span of time
                resolved = _resolve(kind, match, latest, published if published and published.period else None)
                if resolved is None:
                    continue
                starts.insert(at, start)
                ends.insert(at, end)
                found.append(DateMention(resolved[0], resolved[1], offset + start, offset + end, text[start:end]))
    return sorted(found, key=lambda d: d.start)


def _windows(lowered: str) -> list[tuple[int, int, set[str]]]:
    """Merged stretches around every date word, widened to whole words, with the patterns
    their date words can start."""
    windows: list[tuple[int, int, set[str]]] = []
    for anchor in _ANCHOR.finditer(lowered):
        start = lowered.rfind(" ", 0, max(0, anchor.start() - _BEFORE)) + 1
        end = lowered.find(" ", anchor.end() + _AFTER)
        end = len(lowered) if end < 0 else end
        kinds = _KINDS_FOR[_ANCHOR_KINDS[_ANCHOR_RULE[anchor.lastgroup]]]
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end), windows[-1][2] | kinds)
        else:
            windows.append((start, end, set(kinds)))
    return windows


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return _MONTHS.get(name) or _MONTH_ABBR[name]


def _resolve(kind: str, match: re.Match, published: date, period: Publication | None = None) -> tuple[date, int] | None:
    try:
        if kind == "iso":
            return date(int(match["y"]), int(match["m"]), int(match["d"])), 1
        if kind in ("day_month_year", "month_day_year"):
            return date(int(match["year"]), _month(match["month"]), int(match["day"])), 1
        if kind == "month_year":
            return date(int(match["year"]), _month(match["month"]), 15), 3
        if kind in ("day_month", "month_day", "weekday_month_day"):
            if kind == "weekday_month_day" and match["day2"]:
                day, month = int(match["day2"]), _month(match["month2"])
            else:
                day, month = int(match["day"]), _month(match["month"])
            candidate = date(published.year, month, day)
            if candidate > published + timedelta(days=1):
                candidate = date(published.year - 1, month, day)
            return candidate, 1
    except ValueError:
        return None
    if kind == "weekday":
        back = (published.weekday() - _WEEKDAYS[match["weekday"].lower()]) % 7
        if match["last"] and back == 0:
            back = 7
        return published - timedelta(days=back), 1
    if kind == "yesterday":
        return published - timedelta(days=1), 1
    if kind == "today":
        return published, 1
    if kind == "ago":
        count = 1 if match["a"].lower() == "a" else _count(match["a"])
        unit = match["unit"].lower().rstrip("s")
        if unit == "day":
            return published - timedelta(days=count), 1
        if unit == "week":
            return published - timedelta(days=7 * count), 2
        return _mid_month(published, count), 3
    if kind == "last_weekend":  # the Saturday of the latest weekend over before publication
        back = (published.weekday() - 5) % 7
        return published - timedelta(days=back + 7 if back < 2 else back), 2
    if kind in ("this_week", "last_week") and period is not None and not match.group().startswith("a week"):
        return period.middle, 2  # a weekly overview's week is the one its heading names
    if kind == "this_week":
        return published, 2
    if kind == "last_week":
        return published - timedelta(days=7), 2
    if kind == "last_month":
        return _mid_month(published, 1), 3
    if kind == "this_month":
        return published.replace(day=max(1, published.day // 2)), 3
    if kind == "month_only":
        if match["last"] and match["last"].lower() == "since":
            return None  # "since August": a span, not a happening
        month = _MONTHS[match["month"].lower()]
        if month == 5 and not match["last"]:
            return None  # "may" is usually the verb
        year = published.year if month <= published.month else published.year - 1
        if match["last"] and match["last"].lower() == "last" and month == published.month:
            year -= 1
        return date(year, month, 15), 3
    return None


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _UNITS.get(word, _TENS.get(word, 1))


def _mid_month(published: date, months_back: int) -> date:
    month = published.month - months_back
    year = published.year
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 15)


class QuoteMarks:
    """Where a text's quotation marks are, so that asking whether an offset is inside a quote
    ("a day named in a chant", a slogan, a speaker's words: not the day something happened)
    costs a binary search, not a recount from the sentence's start for every date in it
    (which made one endless sentence of dates quadratic)."""

    def __init__(self, text: str) -> None:
        self._marks = {mark: [i for i, char in enumerate(text) if char == mark] for mark in "“”\""}

    def _between(self, mark: str, start: int, end: int) -> int:
        positions = self._marks[mark]
        return bisect_left(positions, end) - bisect_left(positions, start)

    def quoted(self, sentence_start: int, offset: int) -> bool:
        return (self._between("“", sentence_start, offset) > self._between("”", sentence_start, offset)
                or self._between('"', sentence_start, offset) % 2 == 1)
