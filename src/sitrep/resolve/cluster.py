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
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain

from sitrep.models import Event

_SLACK = {1: 1, 2: 7, 3: 31}  # days either side of the date, by time precision
# The longest stretch one happening's precise reports may cover. Without it, single links
# chain a district's daily clashes across weeks into one "incident": in a busy theatre
# (900 reports a day) that made incidents of thousands of events.
MAX_SPAN = timedelta(days=21)
# Kinds of violence that one happening can be reported as.
_RELATED = {
    frozenset({"Battles", "Explosions/Remote violence"}),
    frozenset({"Protests", "Violence against civilians"}),
    frozenset({"Protests", "Strategic developments"}),
    frozenset({"Violence against civilians", "Strategic developments"}),
    frozenset({"Explosions/Remote violence", "Violence against civilians"}),
}
_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
          "Strategic developments")


class _Compatible(dict):
    """Event type → the types one happening can also be reported as (itself included)."""

    def __missing__(self, event_type: str) -> tuple[str, ...]:
        return (event_type,)


_COMPATIBLE = _Compatible({
    kind: tuple(other for other in _TYPES if other == kind or frozenset({kind, other}) in _RELATED) for kind in _TYPES})
_ANY_ACTOR = {None, "Unidentified Armed Group (Afghanistan)", "Civilians (Afghanistan)"}


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 5x, and a large resolution makes millions
class EventRecord:
    """An event with the facts about its report that resolution needs."""

    id: int
    event: Event
    document_id: str
    outlet: str | None
    published: date | None
    window: tuple[date, date] | None = field(init=False, compare=False)  # the days it may be about

    def __post_init__(self) -> None:
        day = self.event.event_date or self.published
        slack = timedelta(days=_SLACK.get(self.event.time_precision or 2, 7))
        self.window = None if day is None else (day - slack, day + slack)


def group_events(records: Iterable[EventRecord], known: Mapping[int, Hashable] | None = None) -> list[list[EventRecord]]:
    """Events grouped into happenings; each event in exactly one group, groups in id order.

    `known` gives, for events already grouped (a stored incident's), their group: they are
    candidates for the others but are not compared among themselves again, which is what
    keeps adding a day's reports to a large store cheap.

    Precise events (a day or a week, a district) link with each other, as long as the group
    they make stays within MAX_SPAN. A vague event ("this month", a whole province, no date)
    matches too much to be trusted as a bridge: it joins the oldest happening one of whose
    precise reports (or whose founding report) it fits, one of its own kind of violence when
    there is one, and never merges two — otherwise one "fighting in Panjshir this month" would
    chain a month of separate clashes into one incident.

    A happening never spans two provinces (see same_happening), so each province is grouped
    on its own: the same groups, from working sets small enough to stay in the processor's
    caches (all provinces at once took twice as long on a million events).
    """
    provinces: dict[str | None, list[EventRecord]] = defaultdict(list)
    for record in records:
        provinces[record.event.admin1].append(record)
    groups = [group for part in provinces.values() for group in _group_province(part, known or {})]
    return sorted(groups, key=lambda g: g[0].id)


def _group_province(records: list[EventRecord], known: Mapping[int, Hashable]) -> list[list[EventRecord]]:
    records = sorted(records, key=lambda r: (_vague(r), r.id))  # precise events link first
    vague = {r.id for r in records if _vague(r)}
    settled = False
    parent = {r.id: r.id for r in records}
    span = {r.id: r.window for r in records if not _vague(r)}  # a precise group's first and last day
    members: dict[Hashable, list[EventRecord]] = defaultdict(list)
    for record in records:
        if record.id in known:
            members[known[record.id]].append(record)
    for group in members.values():  # already grouped: their oldest event names the group
        first = min(r.id for r in group)
        windows = [r.window for r in group if not _vague(r)]
        for record in group:
            parent[record.id] = first
        if windows:
            span[first] = (min(w[0] for w in windows), max(w[1] for w in windows))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Blocks: (province, district, week, kind) for events that name a district; a
    # province-level event meets every event of its province-week, and an undated one its
    # whole province.
    districts: dict[tuple, list[EventRecord]] = defaultdict(list)
    province_weeks: dict[tuple, list[EventRecord]] = defaultdict(list)
    provinces: dict[tuple, list[EventRecord]] = defaultdict(list)  # (province, kind)
    undated: dict[tuple, list[EventRecord]] = defaultdict(list)  # (province, kind)

    def candidates(kinds: Iterable[str], province: str | None, district: str | None,
                   weeks: range | None) -> list[EventRecord]:
        if weeks is None:
            return [other for kind in kinds for other in provinces[province, kind]]
        if district is None:
            found = [other for week in weeks for kind in kinds for other in province_weeks[province, week, kind]]
        else:
            found = [other for week in weeks for kind in kinds for key in ((province, district, week, kind),
                                                                           (province, None, week, kind))
                     for other in districts[key]]
        return found + [other for kind in kinds for other in undated[province, kind]]

    def link(record: EventRecord, province: str | None, district: str | None, weeks: range | None) -> None:
        """Put a new event in the group of the earlier events it fits (see above)."""
        nonlocal settled
        kind = record.event.event_type
        if _vague(record):
            if not settled:  # the precise events are all linked: no group merges from here on
                for x in parent:
                    parent[x] = root(x)
                settled = True
            # It joins the oldest group it fits, among reports of its own kind of violence
            # first (likelier the same happening than a related kind). It must fit a precise
            # member, or the vague report that founded the group: vague members fitting one
            # another would chain "fighting in Badakhshan this month" reports across years
            # into one incident. (Groups no longer merge, so parent[] is every event's group.)
            for kinds in ((kind,), [k for k in _COMPATIBLE[kind] if k != kind]):
                best = None
                for other in candidates(kinds, province, district, weeks):
                    group = parent[other.id]
                    if (best is None or group < best) and (other.id == group or other.id not in vague) \
                            and same_happening(other, record):
                        best = group
                if best is not None:
                    parent[record.id] = best
                    return
        else:
            b = root(record.id)  # its group, which changes only when this loop merges it
            for other in candidates(_COMPATIBLE[kind], province, district, weeks):
                a = root(other.id)  # all precise: precise events are linked before any vague one
                if a != b and same_happening(other, record):
                    merged = (min(span[a][0], span[b][0]), max(span[a][1], span[b][1]))
                    if merged[1] - merged[0] > MAX_SPAN:
                        continue  # one happening is told within days: no chain of daily clashes
                    a, b = sorted((a, b))
                    parent[b] = a  # the oldest event names the group
                    span[a] = merged
                    b = a

    for record in records:
        province, district, weeks = _blocks(record)
        if record.id not in known:  # a stored event, grouped already, is only a candidate for the others
            link(record, province, district, weeks)
        kind = record.event.event_type
        provinces[province, kind].append(record)
        if weeks is None:
            undated[province, kind].append(record)
            continue
        for week in weeks:
            districts[province, district, week, kind].append(record)
            province_weeks[province, week, kind].append(record)
    groups: dict[int, list[EventRecord]] = defaultdict(list)
    for record in records:
        groups[root(record.id)].append(record)
    return [sorted(g, key=lambda r: r.id) for g in groups.values()]


def related(new: list[EventRecord], old: Iterable[EventRecord]) -> list[EventRecord]:
    """The old events that may describe the same happening as one of the new ones.

    This is how new reports attach to a large store: the old events (already grouped) are
    streamed past an index of the few new ones, blocked as group_events blocks (province,
    district, week and kinds that can be one happening), and only those that match are kept
    for `group_events`. No old event is compared with another.
    """
    stream = iter(old)
    first = next(stream, None)
    if first is None:
        return []  # nothing stored nearby (a first resolution): no index to build
    in_district: dict[tuple, list[EventRecord]] = defaultdict(list)  # (province, district|None, week, kind)
    in_province: dict[tuple, list[EventRecord]] = defaultdict(list)  # (province, week, kind)
    everywhere: dict[str | None, list[EventRecord]] = defaultdict(list)  # every new event of a province
    undated: dict[str | None, list[EventRecord]] = defaultdict(list)  # new events with no window
    for record in new:
        province, district, weeks = _blocks(record)
        everywhere[province].append(record)
        if weeks is None:
            undated[province].append(record)
            continue
        kind = record.event.event_type
        for week in weeks:
            in_district[province, district, week, kind].append(record)
            in_province[province, week, kind].append(record)
    kept = []
    for record in chain([first], stream):
        province, district, weeks = _blocks(record)
        if province not in everywhere:
            continue
        if weeks is None:
            blocks: list[list[EventRecord] | None] = [everywhere[province]]
        else:
            kinds = _COMPATIBLE[record.event.event_type]
            if district is None:  # a province-wide report meets every district
                blocks = [in_province.get((province, week, kind)) for week in weeks for kind in kinds]
            else:
                blocks = [in_district.get((province, place, week, kind)) for week in weeks for kind in kinds
                          for place in (district, None)]
            blocks.append(undated.get(province))
        if any(same_happening(record, other) for block in blocks if block for other in block):
            kept.append(record)
    return kept


def reach(new: list[EventRecord]) -> dict[int, tuple[date, date]] | None:
    """For each time precision (1 day, 2 week, 3 month) of a stored event, the days its date
    must fall in for its window to overlap a new event's: a stored "on Tuesday" report is
    compared only with new reports whose windows come within a day of it, a "this month" one
    within a month. None when a new event is undated (it can be about any day)."""
    windows = [r.window for r in new]
    if not windows or any(w is None for w in windows):
        return None
    first, last = min(w[0] for w in windows), max(w[1] for w in windows)
    return {precision: (first - timedelta(days=slack), last + timedelta(days=slack))
            for precision, slack in _SLACK.items()}


def _vague(record: EventRecord) -> bool:
    event = record.event
    return record.window is None or (event.time_precision or 2) >= 3 or (event.geo_precision or 3) >= 3


def _blocks(record: EventRecord) -> tuple[str | None, str | None, range | None]:
    """Province, district (None at province precision) and the weeks its date window touches."""
    event = record.event
    district = event.admin2 if event.admin2 and (event.geo_precision or 3) < 3 else None
    window = record.window
    if window is None:
        return event.admin1, district, None
    return event.admin1, district, range(_week(window[0]), _week(window[1]) + 1)


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
