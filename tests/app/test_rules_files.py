"""Eligibility rules tables are files per cycle: found, validated, and used by the review."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from supervisor_app.app import build_context
from supervisor_app.domain.candidates import DocumentKind
from supervisor_app.domain.errors import RulesTableError
from supervisor_app.domain.review import DossierFilter
from supervisor_app.paths import DataPaths
from supervisor_app.rules_files import RulesLibrary, bundled_rules_dir, load_rules_file
from supervisor_app.services.review import ReviewService
from supervisor_app.store.bulk import bulk_import

BUNDLED_DEFAULT = bundled_rules_dir() / "default.json"
REVIEW_DAY = date(2026, 1, 20)


def default_data() -> dict[str, Any]:
    return json.loads(BUNDLED_DEFAULT.read_text(encoding="utf-8"))


def write_table(folder: Path, name: str, data: dict[str, Any] | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    path.write_text(text, encoding="utf-8")
    return path


def with_minimum_age(years: int, version: str) -> dict[str, Any]:
    data = default_data()
    data["version"] = version
    age = next(rule for rule in data["rules"] if rule["code"] == "age")
    age["params"]["minimum_age"] = years
    return data


def rule_of(data: dict[str, Any], code: str) -> dict[str, Any]:
    return next(rule for rule in data["rules"] if rule["code"] == code)


# --- finding the table --------------------------------------------------------------------


def test_every_bundled_table_is_valid_and_the_1405_cycle_has_its_own():
    """All shipped files pass validation; 1405-7 reads its own file, others the default."""
    library = RulesLibrary()
    assert set(library.cycles()) >= {"default", "1405-7"}
    for name, path in library.cycles().items():
        assert load_rules_file(path, name).rules
    assert library.path_for("1405-7").name == "1405-7.json"
    assert library.for_cycle("1405-7").version == "1405-7/1"


def test_a_cycle_without_a_file_falls_back_to_the_default(tmp_path):
    """No 1409-8.json anywhere: the bundled default; a rules_dir default.json wins over it."""
    bundled_only = RulesLibrary()
    assert bundled_only.path_for("1409-8") == BUNDLED_DEFAULT
    table = bundled_only.for_cycle("1409-8")
    assert table.cycle_code == "1409-8" and table.version == default_data()["version"]

    rules_dir = tmp_path / "rules"
    write_table(rules_dir, "1405-7", with_minimum_age(30, "local/1"))  # another cycle's file
    assert RulesLibrary(rules_dir).path_for("1409-8") == BUNDLED_DEFAULT
    write_table(rules_dir, "default", with_minimum_age(26, "local-default/1"))
    assert RulesLibrary(rules_dir).for_cycle("1409-8").version == "local-default/1"
    assert RulesLibrary(rules_dir).for_cycle("1405-7").version == "local/1"


def test_a_cycle_code_never_names_a_file_outside_the_folders(tmp_path):
    """A code such as ../x (from a synced store) cannot reach another file: default."""
    write_table(tmp_path, "x", with_minimum_age(30, "outside/1"))
    library = RulesLibrary(tmp_path / "rules", bundled=bundled_rules_dir())
    (tmp_path / "rules").mkdir()
    assert library.path_for("../x") == BUNDLED_DEFAULT
    assert library.path_for("") == BUNDLED_DEFAULT


def test_a_missing_rules_dir_is_reported_not_ignored(tmp_path):
    """A rules_dir that does not exist is a configuration error naming the folder."""
    library = RulesLibrary.from_setting(str(tmp_path / "nowhere"))
    with pytest.raises(RulesTableError) as caught:
        library.for_cycle("1405-7")
    assert "nowhere" in str(caught.value) and "rules_dir" in str(caught.value)
    assert "وجود ندارد" in caught.value.message_fa
    assert RulesLibrary.from_setting("  ").rules_dir is None


def test_an_edited_copy_of_a_bundled_table_must_change_its_version(tmp_path):
    """A rules_dir default.json that changes a number but keeps the bundled version is
    refused (stored results would stay stale); an unchanged copy or a new version is fine."""
    rules_dir = tmp_path / "rules"
    write_table(rules_dir, "default", default_data())
    assert RulesLibrary(rules_dir).for_cycle("1409-8").version == default_data()["version"]
    write_table(rules_dir, "default", with_minimum_age(24, default_data()["version"]))
    with pytest.raises(RulesTableError) as caught:
        RulesLibrary(rules_dir).for_cycle("1409-8")
    assert "give it a new version" in str(caught.value) and "نسخه تازه" in caught.value.message_fa
    write_table(rules_dir, "default", with_minimum_age(24, "default/local-2"))
    assert RulesLibrary(rules_dir).for_cycle("1409-8").version == "default/local-2"


# --- validation -----------------------------------------------------------------------------


def _missing_clause(data: dict[str, Any]) -> None:
    del rule_of(data, "residence")["clause"]


def _unknown_check(data: dict[str, Any]) -> None:
    rule_of(data, "military")["check"] = "military_servise"


def _wrong_param_type(data: dict[str, Any]) -> None:
    rule_of(data, "age")["params"]["minimum_age"] = "25"


@pytest.mark.parametrize(
    ("breaks", "rule", "field", "english", "persian"),
    [
        (_missing_clause, "residence", "clause", "is missing", "نیامده است"),
        (_unknown_check, "military", "check", 'unknown check "military_servise"', "ناشناخته"),
        (_wrong_param_type, "age", "params.minimum_age", "must be a whole number", "عدد صحیح"),
    ],
)
def test_a_malformed_rule_is_refused_naming_file_rule_and_field(
    tmp_path, breaks, rule, field, english, persian
):
    """Each mistake names the file, the rule and the field, in English and in Persian."""
    data = default_data()
    breaks(data)
    path = write_table(tmp_path, "1409-8", data)
    with pytest.raises(RulesTableError) as caught:
        load_rules_file(path)
    error = caught.value
    assert str(path) in str(error) and str(path) in error.message_fa
    assert f'rule "{rule}", field "{field}"' in str(error) and english in str(error)
    assert f"قاعده «{rule}»، فیلد «{field}»" in error.message_fa and persian in error.message_fa


def test_a_file_that_is_not_json_says_where_it_breaks(tmp_path):
    """Bad JSON (a trailing comma) gives the line and column, in both languages."""
    text = BUNDLED_DEFAULT.read_text(encoding="utf-8").replace(
        '"minimum_age": 25\n', '"minimum_age": 25,\n', 1
    )
    path = write_table(tmp_path, "1409-8", text)
    with pytest.raises(RulesTableError) as caught:
        load_rules_file(path)
    line = text.splitlines().index('        "minimum_age": 25,') + 2  # the "}" after it
    assert "is not valid JSON" in str(caught.value) and f"line {line}," in str(caught.value)
    assert str(path) in str(caught.value)
    persian = caught.value.message_fa
    assert "JSON معتبر نیست" in persian and f"سطر {line}،" in persian


def test_a_broken_cycle_file_is_never_replaced_by_the_default(tmp_path):
    """A cycle whose own file is broken gets the error, not silently the default table."""
    rules_dir = tmp_path / "rules"
    data = default_data()
    _missing_clause(data)
    write_table(rules_dir, "1405-7", data)
    with pytest.raises(RulesTableError):
        RulesLibrary(rules_dir).for_cycle("1405-7")


# --- the review uses it --------------------------------------------------------------------


def twenty_four_year_old(dossier_factory):
    # Registered 11 Jan 2026 (T0 in conftest), born 2001: 24 full years old. Without the
    # criminal-record certificate: the test cycle has no validity deadline to judge it by.
    dossier = dossier_factory(1, birth_date=date(2001, 6, 1))
    documents = [d for d in dossier.documents if d.kind is not DocumentKind.CRIMINAL_RECORD]
    return replace(dossier, documents=documents)


def test_a_rules_file_with_a_lower_age_minimum_changes_the_verdict_without_code(
    seeded_store, dossier_factory, tmp_path
):
    """Cycle 7 under the default table fails a 24-year-old on Art. 37(ب); dropping 7.json
    with minimum_age 24 (and a new version) into rules_dir makes the same dossier pass,
    and the stored results follow the new version."""
    with seeded_store.unit_of_work() as uow:
        uow.dossiers.add(twenty_four_year_old(dossier_factory))
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    failing = DossierFilter(failed_check="age")

    default = ReviewService(
        seeded_store, today=lambda: REVIEW_DAY, rules=RulesLibrary(rules_dir).for_cycle
    )
    default.refresh_checks()
    age = next(c for c in default.checklist("R-000001") if c.code == "age")
    assert age.outcome.value == "fail" and "۲۴ سال تمام" in age.evidence(default.rules())
    assert default.count(failing) == 1

    write_table(rules_dir, "7", with_minimum_age(24, "7/local-1"))
    local = ReviewService(
        seeded_store, today=lambda: REVIEW_DAY, rules=RulesLibrary(rules_dir).for_cycle
    )
    assert local.rules().version == "7/local-1"
    age = next(c for c in local.checklist("R-000001") if c.code == "age")
    assert age.outcome.value == "pass"
    assert local.refresh_checks() == 1  # the new version re-checks the stored result
    assert local.count(failing) == 0


def test_refresh_reports_a_broken_rules_file_instead_of_checking_nothing(
    seeded_store, dossier_factory, tmp_path
):
    """A broken table must surface from refresh_checks (the list says why), not return 0."""
    with seeded_store.unit_of_work() as uow:
        uow.dossiers.add(twenty_four_year_old(dossier_factory))
    data = default_data()
    _unknown_check(data)
    rules_dir = tmp_path / "rules"
    write_table(rules_dir, "7", data)
    review = ReviewService(seeded_store, rules=RulesLibrary(rules_dir).for_cycle)
    with pytest.raises(RulesTableError, match="military_servise"):
        review.refresh_checks()


def test_rules_dir_in_settings_reaches_the_review_of_the_app(tmp_path, geography):
    """build_context reads rules_dir from settings.json: the review uses the file there."""
    root = tmp_path / "data"
    root.mkdir()
    rules_dir = tmp_path / "deployment-rules"
    write_table(rules_dir, "7", with_minimum_age(24, "7/deployed"))
    (root / "settings.json").write_text(json.dumps({"rules_dir": str(rules_dir)}), "utf-8")
    context = build_context(DataPaths(root))
    try:
        bulk_import(context.store, geography)
        assert context.services.review.rules().version == "7/deployed"
    finally:
        context.close()


def test_a_key_repeated_in_one_object_is_refused():
    """'"minimum_age": 25, "minimum_age": 18' is not read as 18: the file is refused and
    the repeated key named, in English and Persian."""
    from supervisor_app.rules_files import parse_rules

    text = (bundled_rules_dir() / "1405-7.json").read_text(encoding="utf-8")
    doubled = text.replace('"minimum_age": 25', '"minimum_age": 25, "minimum_age": 18', 1)
    assert doubled != text
    with pytest.raises(RulesTableError, match="minimum_age") as raised:
        parse_rules(doubled.encode(), "1405-7", "x.json")
    assert "دو بار" in raised.value.message_fa
    assert parse_rules(text.encode(), "1405-7", "x.json").version == "1405-7/1"


def test_a_relative_rules_dir_is_relative_to_the_data_directory(tmp_path, monkeypatch):
    """"rules_dir": "rules" means DATA/rules, wherever the program was started from."""
    data = tmp_path / "data"
    (data / "rules").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    library = RulesLibrary.from_setting("rules", data)
    assert library.rules_dir == data / "rules"
    assert RulesLibrary.from_setting("", data).rules_dir is None
    assert RulesLibrary.from_setting(str(tmp_path / "abs"), data).rules_dir == tmp_path / "abs"
