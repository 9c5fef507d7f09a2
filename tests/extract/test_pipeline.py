"""The extraction pipeline as a list of registered components named by a config file."""

import json
import zlib
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.extract import Pipeline, PipelineConfig, default_pipeline
from sitrep.extract import registry
from sitrep.extract.learned import LinearModel, bucket, load_model, text_features
from sitrep.extract.pipeline import DEFAULT_CONFIG
from sitrep.lexicons import load_lexicon
from sitrep.models import Doc, Stance

REPORT = ("Fighters of the resistance ambushed a Taliban patrol in the Dara district of Panjshir on Tuesday, "
          "killing four, a spokesman for the front said. A Taliban official rejected the report as baseless.")


def config_copy(folder: Path, replace: tuple[str, str] | None = None) -> Path:
    """The shipped config written into `folder` (its data files copied beside it), perhaps edited."""
    folder.mkdir(parents=True, exist_ok=True)
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    (folder / "models").mkdir(exist_ok=True)
    for weights in (DEFAULT_CONFIG.parent / "models").glob("*.npz"):
        (folder / "models" / weights.name).write_bytes(weights.read_bytes())
    path = folder / "pipeline.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_config_names_registered_components_in_order():
    config = PipelineConfig.read()
    names = [step.name for step in config.steps]
    assert names[0] == "sentences" and names[-1] == "events"
    assert names.index("triggers") < names.index("deaths") < names.index("parse") < names.index("victims") < names.index("events")
    for step in config.steps:
        assert callable(registry.lookup(step.component))


def test_an_unknown_component_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="no extraction component is registered as 'stance.magic'.*stance.rules"):
        registry.lookup("stance.magic")


def test_a_name_registered_twice_is_an_error():
    def one(doc, context):
        doc.events = []

    registry.component("test.twice")(one)
    with pytest.raises(ValueError, match="two components"):
        registry.component("test.twice")(lambda doc, context: None)


def test_another_package_adds_a_component_through_the_entry_point_group(monkeypatch, theatre, tmp_path):
    calls = []

    class Point:
        name = "shout"
        value = "elsewhere:shout"

        @staticmethod
        def load():
            def shout(doc, context):
                calls.append(context.settings["volume"])
                doc.text = doc.text.upper()
            return shout

    monkeypatch.setattr(registry, "entry_points", lambda group: [Point] if group == registry.ENTRY_POINT_GROUP else [])
    assert "shout" in registry.registered()
    path = config_copy(tmp_path, ('name = "sentences"\n', 'name = "shout"\nvolume = 11\n\n[[step]]\nname = "sentences"\n'))
    doc = Pipeline(PipelineConfig.read(path), theatre)(Doc("a quiet report"))
    assert calls == [11] and doc.text == "A QUIET REPORT"


def test_the_extractor_name_follows_the_config_and_its_data(tmp_path, theatre):
    shipped = default_pipeline(theatre).extractor
    same = Pipeline(PipelineConfig.read(config_copy(tmp_path)), theatre).extractor
    assert same == shipped  # the same config and data elsewhere: the same extractor
    edited = config_copy(tmp_path / "edited", ("max_sentences = 200", "max_sentences = 150"))
    assert Pipeline(PipelineConfig.read(edited), theatre).extractor != shipped
    weights = tmp_path / "w.npz"
    LinearModel(np.zeros(8, np.float32), 0.0, 0.5).save(weights)
    path = config_copy(tmp_path / "learned", ('component = "stance.rules"\n', 'component = "stance.learned"\nweights = "../w.npz"\n'))
    before = PipelineConfig.read(path).fingerprint
    LinearModel(np.ones(8, np.float32), 0.0, 0.5).save(weights)
    assert PipelineConfig.read(path).fingerprint != before  # new weights: a new extractor


def test_a_rule_and_a_learned_component_for_one_step_are_interchangeable(tmp_path, theatre):
    by_rules = Pipeline(PipelineConfig.read(), theatre).extract(REPORT, date(2024, 5, 9))
    path = config_copy(tmp_path, ('component = "stance.rules"\n',
                                  'component = "stance.learned"\nweights = "models/stance.npz"\n'))
    learned = Pipeline(PipelineConfig.read(path), theatre)
    assert [s.component for s in learned.config.steps if s.name == "stance"] == ["stance.learned"]
    by_model = learned.extract(REPORT, date(2024, 5, 9))
    assert [(e.sub_event_type, e.admin2) for e in by_model] == [(e.sub_event_type, e.admin2) for e in by_rules]
    stances = {c.stance for e in by_model for c in e.claims}
    assert stances <= {Stance.ASSERTS, Stance.DENIES}


def test_sitrep_extract_prints_the_pipeline_and_refuses_a_broken_config(tmp_path):
    shown = CliRunner().invoke(app, ["extract", "--pipeline"])
    assert shown.exit_code == 0
    assert "extractor sitrep-en" in shown.stdout and "stance = stance.rules" in shown.stdout
    assert shown.stdout.index("sentences") < shown.stdout.index("events")
    broken = config_copy(tmp_path, ('component = "stance.rules"', 'component = "stance.nowhere"'))
    refused = CliRunner().invoke(app, ["extract", "--config", str(broken), "-"], input=REPORT)
    assert refused.exit_code == 2 and "stance.nowhere" in refused.stderr
    ran = CliRunner().invoke(app, ["extract", "--config", str(config_copy(tmp_path / "ok")), "-"], input=REPORT)
    assert ran.exit_code == 0 and json.loads(ran.stdout)["events"]


def test_a_report_without_a_happening_is_never_parsed(theatre):
    doc = default_pipeline(theatre)(Doc("The council met to discuss the budget for next year's schools."))
    assert doc.parses == {} and doc.events == []
    told = default_pipeline(theatre)(Doc(REPORT))
    assert set(told.parses) == {0}  # the ambush; the denial tells no happening of its own


def test_the_parse_budget_bounds_a_huge_report(tmp_path, theatre):
    path = config_copy(tmp_path, ("max_sentences = 200", "max_sentences = 3"))
    doc = Pipeline(PipelineConfig.read(path), theatre)(Doc(" ".join([REPORT] * 40)))
    assert len(doc.parses) == 3 and doc.events


def test_lexicons_are_data_files_of_one_language():
    lexicon = load_lexicon("en")
    assert {p.name for p in lexicon.files} >= {"triggers.json", "reporting.json", "stance.json", "sources.json",
                                              "happening.json"}
    assert "said" in lexicon.phrases("reporting", "verbs")
    assert lexicon.pattern("stance", "denial").search("officials rejected the claim")
    with pytest.raises(ValueError, match="no lexicon"):
        load_lexicon("xx")
    with pytest.raises(KeyError):
        lexicon.table("nothing")


def test_learned_weights_are_plain_arrays_that_round_trip(tmp_path):
    model = LinearModel(np.linspace(-1, 1, 64).astype(np.float32), -0.25, 0.4)
    path = tmp_path / "m.npz"
    model.save(path)
    with np.load(path, allow_pickle=False) as data:  # loads without pickle: arrays only
        assert set(data.files) == {"weights", "bias", "threshold"}
        assert all(data[name].dtype != object for name in data.files)
    loaded = load_model(path)
    features = text_features("they did not attack the post")
    assert loaded.probability(features) == pytest.approx(model.probability(features))
    assert "wneg:attack" in features and "w2:did_not" in features
    assert bucket("w:attack", 1 << 14) == bucket("w:attack", 1 << 14) < 1 << 14
    assert bucket("w:attack", 1 << 14) == zlib.crc32(b"w:attack") % (1 << 14)  # the same in every process
