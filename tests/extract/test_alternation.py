"""compile_rules must give exactly what the plain union of the rules gives, only faster."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.alternation import compile_rules

RULES = [
    r"suicide (?:bomb(?:er|ers)?|attack)|(?:blew|blown) (?:himself|themselves) up",
    r"(?:hand )?grenades?",
    r"(?:car|truck) bomb(?:s|ing)?|(?:a|the) bomb\b|bombs?",
    r"\bmob\b|attack(?:ed|s)?",
    r"20\d\d-\d\d",
]
PLAIN = re.compile(r"(?<![a-z0-9_])(?:" + "|".join(f"(?P<r{i}>{p})" for i, p in enumerate(RULES)) + ")")
FAST, RULE_OF = compile_rules(RULES)
WORDS = ["suicide", "bomb", "bomber", "attack", "attacked", "hand", "grenade", "grenades", "car", "truck",
         "the", "a", "blew", "himself", "up", "mob", "mobs", "2024-05", "x", ",", "bombing"]


def _finds(pattern, rule_of, text):
    return [(m.start(), m.end(), rule_of(m.lastgroup)) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_same_matches_and_rules_as_the_plain_union(words):
    text = " ".join(words)
    assert _finds(FAST, RULE_OF.__getitem__, text) == _finds(PLAIN, lambda g: int(g[1:]), text)


def test_earlier_rules_win_at_the_same_position():
    [match] = FAST.finditer("a suicide bomber")
    assert RULE_OF[match.lastgroup] == 0 and match.group() == "suicide bomber"


def test_a_rule_must_start_with_a_literal():
    with pytest.raises(ValueError, match="must begin"):
        compile_rules([r"\w+ing"])
