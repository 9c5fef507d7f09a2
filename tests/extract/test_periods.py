"""A periodic report (a weekly overview) names in its heading the days it covers; its "last
week" and its undated happenings belong to those days, not to the week before it came out."""

from datetime import date

import pytest

from sitrep.extract import extract_events
from sitrep.extract.dates import Publication, covered_period

PUBLISHED = Publication(date(2023, 3, 16))


@pytest.mark.parametrize("heading,period", [
    ("Weekly security digest: Afghanistan, 4-10 March 2023", (date(2023, 3, 4), date(2023, 3, 10))),
    ("Situation update, March 4–10, 2023", (date(2023, 3, 4), date(2023, 3, 10))),
    ("Overview 26 February - 4 March 2023", (date(2023, 2, 26), date(2023, 3, 4))),
    ("Digest 28 December - 3 January 2023", (date(2022, 12, 28), date(2023, 1, 3))),
    ("Annual review, 1 January - 31 December 2022", None),  # a year is not a week
    ("Forecast for 20-26 March 2023", None),  # days still to come when it was published
    ("Taliban arrest 3-4 men in Herat on 5 March 2023", None),  # a count, then a date
    ("Kabul blast kills 12", None),
])
def test_the_days_a_heading_says_a_report_covers(heading, period):
    assert covered_period(heading, PUBLISHED) == period


def test_last_week_in_a_weekly_overview_is_the_week_its_heading_names(theatre):
    text = ("Weekly security digest: Afghanistan, 4-10 March 2023\n\n"
            "Last week, Taliban forces clashed with the NRF in Andarab district of Baghlan province. "
            "Separately, a roadside bomb struck a Taliban vehicle in Kandahar city on 8 March.")
    clash, bomb = extract_events(text, PUBLISHED.latest, theatre)
    assert (clash.event_date, clash.time_precision) == (date(2023, 3, 7), 2)
    assert (bomb.event_date, bomb.time_precision) == (date(2023, 3, 8), 1)


def test_last_week_in_an_ordinary_report_is_the_week_before_publication(theatre):
    text = ("Fighting in Baghlan\n\n"
            "Last week, Taliban forces clashed with the NRF in Andarab district of Baghlan province.")
    [clash] = extract_events(text, PUBLISHED.latest, theatre)
    assert clash.event_date == date(2023, 3, 9)
