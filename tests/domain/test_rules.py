"""Quorum, education bands, per-cycle deadlines and the eligibility rules table are data."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervisor_app.domain.boards import Board, BoardLevel, QuorumRule
from supervisor_app.domain.cycle import (
    OBJECTION_DEADLINE,
    ElectionCycle,
    RelativeDeadline,
    Stage,
    StageWindow,
    Track,
)
from supervisor_app.domain.eligibility import RulesTable
from supervisor_app.domain.errors import DomainError, RulesTableError
from supervisor_app.domain.geography import (
    Constituency,
    ConstituencyKind,
    EducationLevel,
    minimum_education,
)
from supervisor_app.rules_files import bundled_rules_dir


def test_default_quorum_is_majority_of_full_membership():
    """With no setting, 3 of 5 make quorum and 3 of 5 carry a ruling."""
    rule = QuorumRule(full_membership=5)
    assert (rule.required_present, rule.required_votes) == (3, 3)
    assert not rule.has_quorum(2) and rule.has_quorum(3)
    assert not rule.decides(2) and rule.decides(3)


def test_quorum_is_a_per_board_setting():
    """A board may require all members present and 4 votes."""
    rule = QuorumRule(full_membership=5, quorum=5, majority=4)
    assert not rule.has_quorum(4) and rule.decides(4)


@given(st.integers(min_value=1, max_value=40))
def test_default_majority_is_more_than_half(n):
    """The default majority is always strictly more than half the full membership."""
    rule = QuorumRule(full_membership=n)
    assert rule.required_votes * 2 > n >= (rule.required_votes - 1) * 2


def test_quorum_out_of_range_refused():
    """A quorum larger than the board is a configuration error."""
    with pytest.raises(DomainError):
        QuorumRule(full_membership=3, quorum=4)


def test_non_central_board_needs_parent_and_jurisdiction():
    """Only the central board stands without a parent board."""
    with pytest.raises(DomainError):
        Board("b", BoardLevel.COUNTY, "x", None, None, QuorumRule(5))
    Board("c", BoardLevel.CENTRAL, "central", None, None, QuorumRule(5))


@pytest.mark.parametrize(
    ("kind", "size", "expected"),
    [
        (ConstituencyKind.VILLAGE, 150, EducationLevel.LITERACY),
        (ConstituencyKind.VILLAGE, 200, EducationLevel.LITERACY),
        (ConstituencyKind.VILLAGE, 201, EducationLevel.DIPLOMA),
        (ConstituencyKind.CITY, 20_000, EducationLevel.ASSOCIATE),
        (ConstituencyKind.CITY, 20_001, EducationLevel.BACHELOR),
        (ConstituencyKind.CITY, 9_000_000, EducationLevel.BACHELOR),
    ],
)
def test_education_band(kind, size, expected):
    """The minimum education follows band ز of Art. 37 at its boundaries."""
    c = Constituency(
        "C", "K", None, "n", kind, 5,
        population=size if kind is ConstituencyKind.CITY else None,
        households=size if kind is ConstituencyKind.VILLAGE else None,
    )
    assert minimum_education(c) is expected


def test_objection_deadline_is_computed_from_the_cycle():
    """'Within 4 days of notification' comes from the cycle's data, counted inclusively."""
    cycle = ElectionCycle(
        "T", "test", date(2026, 5, 1),
        deadlines=(RelativeDeadline(OBJECTION_DEADLINE, "notification", 4),),
    )
    rule = cycle.deadline(OBJECTION_DEADLINE)
    notified = date(2026, 2, 10)
    assert rule.due(notified) == date(2026, 2, 14)
    assert rule.is_open(notified, date(2026, 2, 14))
    assert not rule.is_open(notified, date(2026, 2, 15))
    assert rule.days_left(notified, date(2026, 2, 12)) == 2
    other = ElectionCycle("U", "u", date(2026, 5, 1),
                          deadlines=(RelativeDeadline(OBJECTION_DEADLINE, "notification", 7),))
    assert other.deadline(OBJECTION_DEADLINE).due(notified) == date(2026, 2, 17)


def test_stage_lookup_by_track():
    """Cities and villages register in different windows of the same cycle."""
    cycle = ElectionCycle(
        "T", "test", date(2026, 5, 1),
        windows=(
            StageWindow(Stage.REGISTRATION, Track.CITY, date(2026, 1, 11), date(2026, 1, 17)),
            StageWindow(Stage.REGISTRATION, Track.VILLAGE, date(2026, 2, 13), date(2026, 2, 19)),
        ),
    )
    assert cycle.stage_on(date(2026, 1, 12), Track.CITY) is Stage.REGISTRATION
    assert cycle.stage_on(date(2026, 1, 12), Track.VILLAGE) is None
    assert cycle.track_for("city", 250_000) is Track.BIG_CITY
    assert cycle.track_for("city", 150_000) is Track.CITY
    with pytest.raises(DomainError):
        cycle.window(Stage.CAMPAIGN, Track.CITY)
    with pytest.raises(DomainError):
        cycle.deadline("nope")


# --- the eligibility rules table: data checked before it is used -----------------------------


def _table_data() -> dict:
    return json.loads((bundled_rules_dir() / "default.json").read_text(encoding="utf-8"))


def _rule(data: dict, code: str) -> dict:
    return next(r for r in data["rules"] if r["code"] == code)


def _set(path: list, value: object):
    def change(data: dict) -> None:
        target = _rule(data, path[0])
        for key in path[1:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop_message(data: dict) -> None:
    del _rule(data, "age")["messages"]["under_age"]


def _drop_last_city_band(data: dict) -> None:
    data["education_bands"] = [
        b for b in data["education_bands"] if b["upper_bound"] or b["kind"] != "city"
    ]


def _repeat_rule(data: dict) -> None:
    data["rules"].append(dict(_rule(data, "health")))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            _set(["age", "params", "minimun_age"], 24),
            'rule "age", field "params.minimun_age": unknown parameter',
        ),
        (
            _set(["age", "params", "minimum_age"], True),
            'rule "age", field "params.minimum_age": must be a whole number, not true or false',
        ),
        (
            _set(["age", "messages", "pass", "fa"], "{agee} سال"),
            'rule "age", field "messages.pass.fa": unknown placeholder {agee}',
        ),
        (
            _set(["age", "mode"], "manual"),
            'rule "age", field "mode": must be "automatic" for the check "minimum_age"',
        ),
        (
            _set(["documents", "params", "required", 0, "kind"], "passport"),
            'rule "documents", field "params.required[0].kind": unknown document kind "passport"',
        ),
        (_set(["health", "title"], {"fa": "سلامت"}), 'rule "health", field "title.en": is missing'),
        (_drop_message, 'rule "age", field "messages.under_age": is missing'),
        (_drop_last_city_band, 'field "education_bands": no band of kind "city"'),
        (_repeat_rule, '"health" is used by an earlier rule too'),
    ],
)
def test_a_rules_table_is_validated_strictly(change, expected):
    """Misspelt parameters, wrong types, unknown placeholders, wrong modes, missing wording,
    uncovered education bands and repeated codes are refused, naming rule and field."""
    data = _table_data()
    RulesTable.from_data("X", data)  # the bundled table itself is valid
    change(data)
    with pytest.raises(RulesTableError) as caught:
        RulesTable.from_data("X", data)
    assert expected in str(caught.value)
    assert caught.value.message_fa.startswith("جدول قواعد: ")


def test_a_check_message_may_be_worded_once_for_the_whole_table():
    """A message missing from a rule but present among the table's messages is accepted."""
    data = _table_data()
    data["messages"]["not_checked"] = _rule(data, "single_constituency")["messages"].pop(
        "not_checked"
    )
    table = RulesTable.from_data("X", data)
    assert "not_checked" not in table.rule("single_constituency").messages


def test_a_table_edited_without_a_new_version_gets_a_new_fingerprint():
    """Stored results remember the fingerprint (version + content): an edited table keeps
    its declared version but not its fingerprint; the same content gives the same one."""
    data = json.loads((bundled_rules_dir() / "1405-7.json").read_text(encoding="utf-8"))
    table = RulesTable.from_data("1405-7", data)
    assert table.fingerprint.startswith(table.version + "#")
    assert RulesTable.from_data("1405-7", json.loads(json.dumps(data))).fingerprint == (
        table.fingerprint
    )
    edited = json.loads(json.dumps(data))
    age = next(r for r in edited["rules"] if r["code"] == "age")
    age["params"]["minimum_age"] = 30
    changed = RulesTable.from_data("1405-7", edited)
    assert changed.version == table.version and changed.fingerprint != table.fingerprint
