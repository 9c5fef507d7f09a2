"""Resolution: report-level Events from many documents → Incidents with a verification status.

    cluster.group_events     which events describe the same happening (blocked by province
                             and week, so the cost grows with the corpus, not its square)
    cluster.related          which stored events new ones can join (one pass, no pairs)
    voices.voice_of          which claims are one voice (one party, one wire story, one outlet)
    verify.assess            verification status, fatality range and a one-line explanation
"""

from sitrep.resolve.cluster import EventRecord, group_events, reach, related
from sitrep.resolve.verify import Assessment, assess

__all__ = ["Assessment", "EventRecord", "assess", "group_events", "reach", "related"]
