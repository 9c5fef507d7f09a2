"""Extraction: Document → report-level Events with Claims, every field traceable to its text.

The stages are small and separately replaceable (a statistical or LLM-backed stage can take
the place of any one of them behind the same function):

    sentences.split_sentences   text → sentences and paragraphs
    theatre.geocode             text → places           (sitrep.theatre)
    theatre.actors.find_actors  text → actors           (sitrep.theatre)
    dates.find_dates            sentence → resolved dates with precision
    triggers.find_triggers      sentence → ACLED event and sub-event types
    attribution.find_claims     sentence → who says what, and whether they deny it
    fatalities.find_deaths      sentence → death figures
    events.extract_events       all of the above → Events
"""

from sitrep import __version__
from sitrep.extract.events import extract_events
from sitrep.extract.serialise import event_to_record

# Stored with every extraction: documents extracted by another version are done again by `sitrep run`.
EXTRACTOR = f"sitrep-rules {__version__}"

__all__ = ["EXTRACTOR", "event_to_record", "extract_events"]
