"""
The safety figures, measured on the labelled sets in ``comments/data/`` (written from
what readers really write, before the rules), and the report commands that print them.
"""

import json

import pytest
from django.core.management import CommandError, call_command

from comments import red_flags
from comments.evaluation import (
    DATA_DIR,
    DatasetError,
    false_alarm_rate,
    load_personal_data_dataset,
    load_triage_dataset,
    measure_personal_data,
    measure_triage,
    personal_data_datasets,
    triage_datasets,
)

MIN_RECALL = 0.95
MAX_FALSE_ALARMS = 0.15


@pytest.fixture(scope="module")
def triage_figures():
    """Every labelled triage set together: the first, the checks and the fresh ones."""
    return measure_triage([row for path in triage_datasets() for row in load_triage_dataset(path)])


@pytest.fixture(scope="module")
def personal_data_figures():
    return measure_personal_data(
        [row for path in personal_data_datasets() for row in load_personal_data_dataset(path)]
    )


def test_the_figures_are_held_on_every_labelled_set_including_the_fresh_ones():
    names = {path.name for path in triage_datasets()}
    assert {"triage_questions.jsonl", "triage_fresh.jsonl", "triage_fresh2.jsonl"} <= names
    assert "personal_data_fresh.jsonl" in {path.name for path in personal_data_datasets()}


def test_the_fresh_triage_set_is_large_mixed_and_hard():
    rows = load_triage_dataset(DATA_DIR / "triage_fresh.jsonl")
    assert len(rows) >= 200
    urgent = [row for row in rows if row["urgent"]]
    assert len(urgent) >= 110 and len(rows) - len(urgent) >= 100
    assert {row["category"] for row in urgent} == set(red_flags.CATEGORIES)
    spanish = sum(row["language"] == "es" for row in rows) / len(rows)
    assert 0.4 <= spanish <= 0.6
    assert len(load_triage_dataset(DATA_DIR / "triage_fresh2.jsonl")) >= 80


def test_the_fresh_personal_data_set_has_lookalikes_without_findings():
    rows = load_personal_data_dataset(DATA_DIR / "personal_data_fresh.jsonl")
    assert len(rows) >= 100
    assert sum(not row["findings"] for row in rows) >= 35


def test_the_triage_set_is_large_realistic_and_covers_every_category_in_both_languages():
    rows = load_triage_dataset()
    assert len(rows) >= 250
    for language in ("en", "es"):
        urgent = {row["category"] for row in rows if row["urgent"] and row["language"] == language}
        assert urgent == set(red_flags.CATEGORIES), language
        routine = [row for row in rows if not row["urgent"] and row["language"] == language]
        assert len(routine) >= 50, language


def test_the_checks_written_after_the_rules_hold_the_same_figures():
    figures = measure_triage(load_triage_dataset(DATA_DIR / "triage_checks.jsonl"))
    assert figures.recall[("all", "all")].value >= MIN_RECALL
    assert false_alarm_rate(figures.false_alarms["all"]) <= MAX_FALSE_ALARMS


# The fresh sets the rules were measured and then improved on; the later ones are held-out
# measurements (README), counted in the figures of every set together.
@pytest.mark.parametrize(
    "name",
    ["triage_fresh.jsonl", "triage_fresh2.jsonl", "triage_fresh6.jsonl", "triage_fresh12.jsonl"],
)
def test_each_fresh_set_improved_on_holds_the_targets_on_its_own(name):
    figures = measure_triage(load_triage_dataset(DATA_DIR / name))
    assert figures.recall[("all", "all")].value >= MIN_RECALL, figures.recall[("all", "all")].wrong
    assert false_alarm_rate(figures.false_alarms["all"]) <= MAX_FALSE_ALARMS


@pytest.mark.parametrize("language", ["en", "es", "all"])
def test_triage_finds_at_least_95_percent_of_urgent_questions(triage_figures, language):
    rate = triage_figures.recall[("all", language)]
    assert rate.value >= MIN_RECALL, rate.wrong


@pytest.mark.parametrize("language", ["en", "es", "all"])
def test_triage_flags_at_most_15_percent_of_routine_questions(triage_figures, language):
    rate = triage_figures.false_alarms[language]
    assert false_alarm_rate(rate) <= MAX_FALSE_ALARMS, rate.wrong


def test_the_sixth_fresh_set_is_mostly_self_harm_in_both_languages_with_hard_routine_ones():
    rows = load_triage_dataset(DATA_DIR / "triage_fresh6.jsonl")
    self_harm = [row for row in rows if row["category"] == "self_harm"]
    assert len(rows) >= 90 and len(self_harm) >= 40
    assert 0.4 <= sum(row["language"] == "es" for row in self_harm) / len(self_harm) <= 0.5
    assert sum(not row["urgent"] for row in rows) >= 35


def test_the_twelfth_fresh_set_is_mostly_indirect_self_harm_with_hard_routine_ones():
    rows = load_triage_dataset(DATA_DIR / "triage_fresh12.jsonl")
    self_harm = [row for row in rows if row["category"] == "self_harm"]
    assert len(rows) >= 120 and len(self_harm) >= 60
    assert {row["language"] for row in self_harm} == {"en", "es"}
    assert sum(not row["urgent"] for row in rows) >= 45
    assert sum(row["urgent"] and row["category"] != "self_harm" for row in rows) >= 15


def test_no_category_falls_far_behind(triage_figures):
    for category in red_flags.CATEGORIES:
        assert triage_figures.recall[(category, "all")].value >= 0.8, category


def test_the_personal_data_checks_written_afterwards_hold_the_same_figures():
    figures = measure_personal_data(
        load_personal_data_dataset(DATA_DIR / "personal_data_checks.jsonl")
    )
    assert figures.recall[("all", "all")].value >= MIN_RECALL
    assert false_alarm_rate(figures.clean_flagged["all"]) <= MAX_FALSE_ALARMS


@pytest.mark.parametrize("language", ["en", "es", "all"])
def test_personal_details_are_found_at_least_95_percent_of_the_time(
    personal_data_figures, language
):
    rate = personal_data_figures.recall[("all", language)]
    assert rate.value >= MIN_RECALL, rate.wrong


@pytest.mark.parametrize("language", ["en", "es", "all"])
def test_texts_without_personal_details_are_rarely_flagged(personal_data_figures, language):
    rate = personal_data_figures.clean_flagged[language]
    assert false_alarm_rate(rate) <= MAX_FALSE_ALARMS, rate.wrong


def test_every_kind_of_personal_detail_is_in_the_set_in_both_languages():
    rows = load_personal_data_dataset()
    for language in ("en", "es"):
        found = {f["kind"] for row in rows if row["language"] == language for f in row["findings"]}
        assert found >= {"email", "phone", "date_of_birth", "postcode", "address", "name"}


def test_triage_report_prints_recall_and_false_alarms_per_category_and_language(capsys):
    call_command("triage_report", quiet=True)
    output = capsys.readouterr().out
    assert "Recall on urgent questions" in output
    assert "False alarms on routine questions" in output
    for category in red_flags.CATEGORIES:
        assert category in output


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_triage_report_reads_another_file_in_the_same_format(tmp_path, capsys):
    dataset = write_jsonl(
        tmp_path / "held_out.jsonl",
        [
            {
                "text": "I'm bleeding heavily, 30 weeks",
                "language": "en",
                "urgent": True,
                "category": "bleeding",
            },
            {"text": "Can I eat brie?", "language": "en", "urgent": False, "category": None},
            {
                "text": "Can I eat prawns, is bleeding a risk?",
                "language": "en",
                "urgent": False,
                "category": None,
            },
        ],
    )
    call_command("triage_report", dataset=str(dataset))
    output = capsys.readouterr().out
    assert "3 questions, 1 urgent, 2 routine" in output
    assert "100.0% (1/1)" in output


def test_personal_data_report_reads_another_file_in_the_same_format(tmp_path, capsys):
    dataset = write_jsonl(
        tmp_path / "held_out.jsonl",
        [
            {
                "text": "ring 07700 900123",
                "language": "en",
                "findings": [{"kind": "phone", "text": "07700 900123"}],
            },
            {"text": "I'm 30 weeks", "language": "en", "findings": []},
        ],
    )
    call_command("personal_data_report", dataset=str(dataset))
    output = capsys.readouterr().out
    assert "phone" in output and "100.0% (1/1)" in output
    assert "0.0% (0/1)" in output


@pytest.mark.parametrize(
    "line",
    [
        "not json",
        '{"text": "x", "language": "fr", "urgent": true, "category": "bleeding"}',
        '{"text": "x", "language": "en", "urgent": true, "category": "headache"}',
        '{"text": "x", "language": "en", "urgent": false, "category": "bleeding"}',
        '{"text": "", "language": "en", "urgent": false, "category": null}',
    ],
)
def test_a_malformed_triage_file_is_refused_with_its_line_number(tmp_path, line):
    dataset = tmp_path / "bad.jsonl"
    dataset.write_text(
        '{"text": "ok", "language": "en", "urgent": false, "category": null}\n' + line
    )
    with pytest.raises(DatasetError, match="line 2"):
        load_triage_dataset(dataset)
    with pytest.raises(CommandError, match="line 2"):
        call_command("triage_report", dataset=str(dataset))


def test_a_finding_that_is_not_in_its_text_is_refused(tmp_path):
    dataset = write_jsonl(
        tmp_path / "bad.jsonl",
        [{"text": "ring me", "language": "en", "findings": [{"kind": "phone", "text": "0770"}]}],
    )
    with pytest.raises(CommandError, match="line 1"):
        call_command("personal_data_report", dataset=str(dataset))


def test_a_missing_file_is_a_command_error_not_a_traceback(tmp_path):
    with pytest.raises(CommandError):
        call_command("triage_report", dataset=str(tmp_path / "missing.jsonl"))
