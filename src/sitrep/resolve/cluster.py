"""Which report-level events describe the same real-world happening.

Two events are the same happening when their places are compatible (same district, or one
report names only the province), their date windows overlap (a "this week" event overlaps
every day of that week), their kinds of violence can be one happening (a protest and the
beating of its participants; a clash and the shelling in it) and their actors do not
contradict each other. Candidates are only compared within a block — the province and the
weeks a window touches — and linked with union-find, so a million events stay near-linear.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.models import Event

_SLACK = {1: 1, 2: 7, 3: 31}  # days either side of the date, by time precision
# Kinds of violence that one happening can be reported as.
_RELATED = {
    frozenset({"Battles", "Explosions/Remote violence"}),
    frozenset({"Protests", "Violence against civilians"}),
    frozenset({"Protests", "Strategic developments"}),
    frozenset({"Violence against civilians", "Strategic developments"}),
    frozenset({"Explosions/Remote violence", "Violence against civilians"}),
}
_ANY_ACTOR = {None, "Unidentified Armed Group (Afghanistan)", "Civilians (Afghanistan)"}


@dataclass(frozen=True, slots=True)
class EventRecord:
    """An event with the facts about its report that resolution needs."""

    id: int
    event: Event
    document_id: str
    outlet: str | None
    published: date | None

    @property
    def window(self) -> tuple[date, date] | None:
        day = self.event.event_date or self.published
        if day is None:
            return None
        slack = timedelta(days=_SLACK.get(self.event.time_precision or 2, 7))
        return day - slack, day + slack


def group_events(records: Iterable[EventRecord]) -> list[list[EventRecord]]:
    """Events grouped into happenings; each event in exactly one group, groups in id order."""
    records = sorted(records, key=lambda r: r.id)
    parent = {r.id: r.id for r in records}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    blocks: dict[tuple[str | None, int], list[EventRecord]] = defaultdict(list)
    provinces: dict[str | None, list[EventRecord]] = defaultdict(list)  # for the rare undated event
    for record in records:
        keys = _blocks(record)
        undated = (record.event.admin1, _UNDATED)
        if undated in keys:
            candidates = provinces[record.event.admin1]
        else:
            candidates = [other for key in (*keys, undated) for other in blocks[key]]
        for other in candidates:
            a, b = root(other.id), root(record.id)
            if a != b and same_happening(other, record):
                parent[max(a, b)] = min(a, b)  # the oldest event names the group
        for key in keys:
            blocks[key].append(record)
        provinces[record.event.admin1].append(record)
    groups: dict[int, list[EventRecord]] = defaultdict(list)
    for record in records:
        groups[root(record.id)].append(record)
    return sorted(groups.values(), key=lambda g: g[0].id)


_UNDATED = -1


def _blocks(record: EventRecord) -> list[tuple[str | None, int]]:
    window = record.window
    if window is None:
        return [(record.event.admin1, _UNDATED)]
    first, last = (_week(d) for d in window)
    return [(record.event.admin1, week) for week in range(first, last + 1)]


def _week(day: date) -> int:
    return day.toordinal() // 7


def same_happening(a: EventRecord, b: EventRecord) -> bool:
    x, y = a.event, b.event
    if x.admin1 != y.admin1:
        return False
    if x.admin2 and y.admin2 and x.admin2 != y.admin2 and min(x.geo_precision or 3, y.geo_precision or 3) < 3:
        return False
    wa, wb = a.window, b.window
    if wa is not None and wb is not None and (wa[1] < wb[0] or wb[1] < wa[0]):
        return False  # (an undated report can be about any day)
    if x.event_type != y.event_type and frozenset({x.event_type, y.event_type}) not in _RELATED:
        return False
    return _actors_agree(x, y)


def _actors_agree(x: Event, y: Event) -> bool:
    ours = {x.actor1, x.actor2} - _ANY_ACTOR
    theirs = {y.actor1, y.actor2} - _ANY_ACTOR
    return not ours or not theirs or bool(ours & theirs)
