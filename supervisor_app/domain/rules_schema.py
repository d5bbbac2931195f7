"""What a valid eligibility rules table looks like, checked before anything runs on it.

A table is plain data (``resources/rules/<cycle>.json``, or a file a deployment drops in),
so a typo must stop the review with a message naming the rule and the field, not turn
into a wrong verdict or a crash while a member reads a dossier. ``validate_rules_data``
checks the parsed JSON against ``CHECK_SPECS``: for each kind of check, its mode, its
parameters (name, type, whether required) and the messages it emits with the
placeholders each may use. ``eligibility.RulesTable.from_data`` calls it first.

Problems are raised as ``RulesTableError`` with an English and a Persian sentence; the
loader adds the file name.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from .candidates import DocumentKind
from .errors import RulesTableError
from .geography import ConstituencyKind, EducationLevel

__all__ = [
    "CHECK_SPECS",
    "COMMON_MESSAGES",
    "DOCUMENT_CONDITIONS",
    "LANGUAGES",
    "CheckSpec",
    "validate_rules_data",
]

LANGUAGES: Final = ("fa", "en")
MANUAL: Final = "manual"
_CODE = re.compile(r"[a-z][a-z0-9_]*\Z")


@dataclass(frozen=True, slots=True)
class Param:
    kind: type  # int, bool, str or list
    required: bool = False
    minimum: int | None = None
    choices: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """One kind of check: its mode, parameters and messages (key → placeholders)."""

    mode: str
    params: Mapping[str, Param] = field(default_factory=dict)
    messages: Mapping[str, frozenset[str]] = field(default_factory=dict)


def _m(**keys: str) -> dict[str, frozenset[str]]:
    """Message keys and the placeholders each may use ("pass" is spelt ``pass_``)."""
    return {key.rstrip("_"): frozenset(names.split()) for key, names in keys.items()}


_LEVELS: Final = tuple(int(level) for level in EducationLevel)

CHECK_SPECS: Final[dict[str, CheckSpec]] = {
    "minimum_age": CheckSpec(
        "automatic",
        {"minimum_age": Param(int, minimum=1)},
        _m(
            pass_="birth_date registered_on age minimum",
            under_age="birth_date registered_on age minimum",
            born_after_registration="birth_date registered_on",
        ),
    ),
    "education_band": CheckSpec(
        "automatic",
        {
            "veteran_levels": Param(int, minimum=0),
            "floor": Param(int, choices=_LEVELS),
            "former_member_exempt": Param(bool),
        },
        _m(
            pass_="education place required",
            pass_veteran="education place required",
            exempt_former_member="education",
            below_band="education place required",
            unknown_constituency="constituency",
        ),
    ),
    "national_id": CheckSpec(
        "automatic",
        {},
        _m(
            pass_="national_id",
            check_digit="national_id expected",
            identical_digits="national_id",
            malformed="national_id",
        ),
    ),
    "military_service": CheckSpec(
        "automatic", {}, _m(card="", exemption="", not_applicable="", none="", not_recorded="")
    ),
    "criminal_record_certificate": CheckSpec(
        "automatic",
        {},
        _m(
            pass_="issued_on registered_on days validity",
            expired="issued_on registered_on days validity",
            missing="",
            no_issue_date="",
            issued_after_registration="issued_on registered_on",
            no_calendar="issued_on registered_on",
        ),
    ),
    "art41_resignation": CheckSpec(
        "automatic",
        {},
        _m(
            no_post="",
            pass_="post opens due resigned_on",
            late="post opens due resigned_on",
            not_resigned="post opens due",
            no_calendar="",
        ),
    ),
    "duplicate_registration": CheckSpec(
        "store", {}, _m(pass_="", duplicate="others", not_checked="")
    ),
    "residence": CheckSpec(
        "automatic", {}, _m(pass_="residence constituency", elsewhere="residence constituency")
    ),
    "required_documents": CheckSpec(
        "automatic",
        {"required": Param(list, required=True)},
        _m(pass_="present", missing="missing"),
    ),
    MANUAL: CheckSpec(MANUAL),
}
# Messages of the table itself (manual criteria, list separators, other registrations).
COMMON_MESSAGES: Final[dict[str, frozenset[str]]] = _m(
    manual_pending="",
    manual_met="note",
    manual_not_met="note",
    list_separator="",
    other_registration="registration_id constituency",
)

# Conditions a required document may depend on, and the extra field each needs.
DOCUMENT_CONDITIONS: Final[dict[str, str | None]] = {
    "always": None,
    "education_at_least": "level",
    "man_with_service_under": "age",
    "art41_post": None,
}

_TOP_LEVEL: Final = (
    "version",
    "description",
    "rules",
    "education_bands",
    "education_names",
    "document_names",
    "places",
    "messages",
)
_RULE_FIELDS: Final = (
    "code",
    "check",
    "mode",
    "article",
    "clause",
    "title",
    "note",
    "params",
    "messages",
)
_PLACE_PLACEHOLDERS: Final = frozenset({"name", "size"})

_TYPE_NAMES: Final[dict[type, tuple[str, str]]] = {
    str: ("text", "متن"),
    int: ("a whole number", "عدد صحیح"),
    bool: ("true or false", "true یا false"),
    list: ("a list [...]", "فهرست [...]"),
    dict: ("an object {...}", "شیء {...}"),
    type(None): ("null", "null"),
}


# --- reporting ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Where:
    """A place in the table: the rule (if any) and the field path inside it."""

    path: str
    rule: str = ""

    def at(self, *keys: str | int) -> _Where:
        path = self.path
        for key in keys:
            path += f"[{key}]" if isinstance(key, int) else (f".{key}" if path else key)
        return _Where(path, self.rule)

    def fail(self, en: str, fa: str) -> RulesTableError:
        if self.rule:
            return RulesTableError(
                f'rule "{self.rule}", field "{self.path}": {en}',
                f"قاعده «{self.rule}»، فیلد «{self.path}»: {fa}",
            )
        return RulesTableError(f'field "{self.path}": {en}', f"فیلد «{self.path}»: {fa}")


def _type_name(value_or_type: Any, lang: int) -> str:
    kind = value_or_type if isinstance(value_or_type, type) else type(value_or_type)
    return _TYPE_NAMES.get(kind, (kind.__name__, kind.__name__))[lang]


def _shown(value: Any, lang: int) -> str:
    if isinstance(value, str):
        text = f"«{value}»" if lang else f'"{value}"'
    else:
        text = _json_literal(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _json_literal(value: Any) -> str:
    """A value as it is written in the file (true, null), not as Python prints it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return repr(value)


def _expect(value: Any, kind: type, where: _Where) -> Any:
    # bool is an int in Python, never in a table: true is not 1.
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if not ok:
        raise where.fail(
            f"must be {_type_name(kind, 0)}, not {_type_name(value, 0)} {_shown(value, 0)}",
            f"باید {_type_name(kind, 1)} باشد، نه {_type_name(value, 1)} {_shown(value, 1)}",
        )
    return value


def _required(data: Mapping[str, Any], key: str, where: _Where) -> Any:
    if key not in data:
        raise where.at(key).fail("is missing", "نیامده است")
    return data[key]


def _no_unknown_keys(
    data: Mapping[str, Any],
    known: tuple[str, ...] | set[str],
    where: _Where,
    what: tuple[str, str] = ("field", "فیلد"),
) -> None:
    for key in data:
        if key not in known:
            allowed = ", ".join(sorted(known))
            raise where.at(str(key)).fail(
                f"unknown {what[0]} (allowed: {allowed})",
                f"{what[1]} ناشناخته است (مجاز: {allowed})",
            )


def _non_empty_text(value: Any, where: _Where) -> str:
    _expect(value, str, where)
    if not value.strip():
        raise where.fail("must not be empty", "نباید خالی باشد")
    return str(value)


# --- wording ------------------------------------------------------------------------------


def _placeholders(text: str, where: _Where) -> set[str]:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise where.fail(
            f"braces do not pair up ({exc}); write {{{{ and }}}} for a literal brace",
            f"آکولادها جفت نیستند ({exc})؛ برای خود آکولاد {{{{ و }}}} بنویسید",
        ) from None
    names: set[str] = set()
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name or name.isdigit() or spec or conversion or not name.isidentifier():
            written = "{" + name + (f"!{conversion}" if conversion else "")
            written += (f":{spec}" if spec else "") + "}"
            raise where.fail(
                f"placeholder {written} must be a plain name such as {{age}}",
                f"جای‌نگهدار {written} باید یک نام ساده مانند {{age}} باشد",
            )
        names.add(name)
    return names


def _wording(value: Any, where: _Where, allowed: frozenset[str] = frozenset()) -> None:
    """``{"fa": "...", "en": "..."}``, both present, using only ``allowed`` placeholders."""
    _expect(value, dict, where)
    _no_unknown_keys(value, LANGUAGES, where, ("language", "زبان"))
    for lang in LANGUAGES:
        text = _non_empty_text(_required(value, lang, where), where.at(lang))
        unknown = _placeholders(text, where.at(lang)) - allowed
        if unknown:
            names = ", ".join(f"{{{n}}}" for n in sorted(unknown))
            offered = ", ".join(f"{{{n}}}" for n in sorted(allowed)) or "none"
            offered_fa = ", ".join(f"{{{n}}}" for n in sorted(allowed)) or "هیچ"
            raise where.at(lang).fail(
                f"unknown placeholder {names} (this message offers: {offered})",
                f"جای‌نگهدار ناشناخته {names} (این پیام فقط این‌ها را دارد: {offered_fa})",
            )


# --- the table ----------------------------------------------------------------------------


def validate_rules_data(data: Any) -> None:
    """Raise ``RulesTableError`` at the first problem of a parsed rules table."""
    top = _Where("")
    if not isinstance(data, dict):
        raise RulesTableError(
            f"the table must be a JSON object {{...}}, not {_type_name(data, 0)}",
            f"جدول باید یک شیء JSON {{...}} باشد، نه {_type_name(data, 1)}",
        )
    _no_unknown_keys(data, _TOP_LEVEL, top)
    _non_empty_text(_required(data, "version", top), top.at("version"))
    if "description" in data:
        _expect(data["description"], str, top.at("description"))
    rules = _expect(_required(data, "rules", top), list, top.at("rules"))
    if not rules:
        raise top.at("rules").fail("lists no rule", "هیچ قاعده‌ای ندارد")
    table_messages = _expect(data.get("messages", {}), dict, top.at("messages"))
    checks = [_rule(item, i, table_messages) for i, item in enumerate(rules)]
    seen: set[str] = set()
    for i, item in enumerate(rules):
        if item["code"] in seen:
            raise top.at("rules", i, "code").fail(
                f'"{item["code"]}" is used by an earlier rule too',
                f"«{item['code']}» را قاعده دیگری هم به کار برده است",
            )
        seen.add(item["code"])
    _education_bands(data.get("education_bands", []), top.at("education_bands"))
    _names(data, checks, rules)
    _table_messages(table_messages, checks, top.at("messages"))


def _rule(item: Any, index: int, table_messages: Mapping[str, Any]) -> str:
    """Validate one rule; returns its check name."""
    where = _Where(f"rules[{index}]")
    _expect(item, dict, where)
    code = _required(item, "code", where)
    _non_empty_text(code, where.at("code"))
    if not _CODE.match(code):
        raise where.at("code").fail(
            f'"{code}" must be lower-case letters, digits and _ (e.g. "age")',
            f"«{code}» باید از حروف کوچک لاتین، رقم و _ باشد (مثلاً «age»)",
        )
    rule = _Where("", rule=code)
    _no_unknown_keys(item, _RULE_FIELDS, rule)
    check = _non_empty_text(_required(item, "check", rule), rule.at("check"))
    spec = CHECK_SPECS.get(check)
    if spec is None:
        known = ", ".join(sorted(CHECK_SPECS))
        raise rule.at("check").fail(
            f'unknown check "{check}" (known checks: {known})',
            f"بررسی «{check}» ناشناخته است (بررسی‌های شناخته: {known})",
        )
    mode = _non_empty_text(_required(item, "mode", rule), rule.at("mode"))
    if mode != spec.mode:
        raise rule.at("mode").fail(
            f'must be "{spec.mode}" for the check "{check}", not "{mode}"',
            f"برای بررسی «{check}» باید «{spec.mode}» باشد، نه «{mode}»",
        )
    _non_empty_text(_required(item, "article", rule), rule.at("article"))
    # Required even when empty: an article cited without a clause is a decision, not an
    # omission.
    _expect(_required(item, "clause", rule), str, rule.at("clause"))
    _wording(_required(item, "title", rule), rule.at("title"))
    if "note" in item:
        _expect(item["note"], str, rule.at("note"))
    _params(_expect(item.get("params", {}), dict, rule.at("params")), spec, rule.at("params"))
    messages = _expect(item.get("messages", {}), dict, rule.at("messages"))
    _no_unknown_keys(messages, set(spec.messages), rule.at("messages"), ("message", "پیام"))
    for key, allowed in spec.messages.items():
        if key in messages:
            _wording(messages[key], rule.at("messages", key), allowed)
        elif key in table_messages:
            _wording(table_messages[key], _Where("messages").at(key), allowed)
        else:
            raise rule.at("messages", key).fail(
                "is missing (the check can give this result)",
                "نیامده است (این بررسی ممکن است این نتیجه را بدهد)",
            )
    return check


def _params(params: Mapping[str, Any], spec: CheckSpec, where: _Where) -> None:
    _no_unknown_keys(params, set(spec.params), where, ("parameter", "پارامتر"))
    for name, param in spec.params.items():
        if name not in params:
            if param.required:
                raise where.at(name).fail("is missing", "نیامده است")
            continue
        value = _expect(params[name], param.kind, where.at(name))
        _number_range(value, param, where.at(name))
        if name == "required":
            for i, item in enumerate(value):
                _required_document(item, where.at(name, i))


def _number_range(value: Any, param: Param, where: _Where) -> None:
    if param.kind is not int:
        return
    if param.minimum is not None and value < param.minimum:
        raise where.fail(
            f"must be at least {param.minimum}, not {value}",
            f"باید دست‌کم {param.minimum} باشد، نه {value}",
        )
    if param.choices and value not in param.choices:
        choices = ", ".join(map(str, param.choices))
        raise where.fail(
            f"must be one of {choices} (education levels), not {value}",
            f"باید یکی از {choices} (سطح تحصیلات) باشد، نه {value}",
        )


def _required_document(item: Any, where: _Where) -> None:
    _expect(item, dict, where)
    kind = _non_empty_text(_required(item, "kind", where), where.at("kind"))
    kinds = [k.value for k in DocumentKind]
    if kind not in kinds:
        raise where.at("kind").fail(
            f'unknown document kind "{kind}" (known: {", ".join(kinds)})',
            f"نوع مدرک «{kind}» ناشناخته است (شناخته: {', '.join(kinds)})",
        )
    when = _non_empty_text(item.get("when", "always"), where.at("when"))
    if when not in DOCUMENT_CONDITIONS:
        known = ", ".join(DOCUMENT_CONDITIONS)
        raise where.at("when").fail(
            f'unknown condition "{when}" (known: {known})',
            f"شرط «{when}» ناشناخته است (شناخته: {known})",
        )
    extra = DOCUMENT_CONDITIONS[when]
    _no_unknown_keys(item, {"kind", "when"} | ({extra} if extra else set()), where)
    if extra == "level":
        _number_range(
            _expect(_required(item, "level", where), int, where.at("level")),
            Param(int, choices=_LEVELS),
            where.at("level"),
        )
    elif extra == "age":
        _number_range(
            _expect(_required(item, "age", where), int, where.at("age")),
            Param(int, minimum=1),
            where.at("age"),
        )


def _education_bands(bands: Any, where: _Where) -> None:
    _expect(bands, list, where)
    unbounded: set[str] = set()
    kinds = [k.value for k in ConstituencyKind]
    for i, band in enumerate(bands):
        at = where.at(i)
        _expect(band, dict, at)
        _no_unknown_keys(band, ("kind", "upper_bound", "minimum"), at)
        kind = _non_empty_text(_required(band, "kind", at), at.at("kind"))
        if kind not in kinds:
            raise at.at("kind").fail(
                f'must be one of {", ".join(kinds)}, not "{kind}"',
                f"باید یکی از {', '.join(kinds)} باشد، نه «{kind}»",
            )
        bound = _required(band, "upper_bound", at)
        if bound is None:
            unbounded.add(kind)
        else:
            _number_range(
                _expect(bound, int, at.at("upper_bound")),
                Param(int, minimum=1),
                at.at("upper_bound"),
            )
        minimum = _expect(_required(band, "minimum", at), int, at.at("minimum"))
        _number_range(minimum, Param(int, choices=_LEVELS), at.at("minimum"))
    if bands:
        for kind in kinds:
            if kind not in unbounded:
                raise where.fail(
                    f'no band of kind "{kind}" has "upper_bound": null, so the largest '
                    f"{kind} constituencies would have no minimum",
                    f"هیچ ردیفی از نوع «{kind}» مقدار null برای upper_bound ندارد و "
                    "بزرگ‌ترین حوزه‌های این نوع حداقلی نخواهند داشت",
                )


def _names(data: Mapping[str, Any], checks: list[str], rules: list[Any]) -> None:
    """Names used inside evidence: every one the table's checks can mention must exist."""
    top = _Where("")
    education = _expect(data.get("education_names", {}), dict, top.at("education_names"))
    levels = [str(level) for level in _LEVELS]
    _no_unknown_keys(education, levels, top.at("education_names"), ("level", "سطح"))
    for key, wording in education.items():
        _wording(wording, top.at("education_names", key))
    documents = _expect(data.get("document_names", {}), dict, top.at("document_names"))
    _no_unknown_keys(
        documents,
        [k.value for k in DocumentKind],
        top.at("document_names"),
        ("document kind", "نوع مدرک"),
    )
    for key, wording in documents.items():
        _wording(wording, top.at("document_names", key))
    places = _expect(data.get("places", {}), dict, top.at("places"))
    _no_unknown_keys(
        places,
        [k.value for k in ConstituencyKind],
        top.at("places"),
        ("constituency kind", "نوع حوزه"),
    )
    for key, wording in places.items():
        _wording(wording, top.at("places", key), _PLACE_PLACEHOLDERS)

    if "education_band" in checks:
        for level in levels:
            if level not in education:
                raise top.at("education_names", level).fail(
                    "is missing (the education check names every level)",
                    "نیامده است (بررسی تحصیلات نام همه سطح‌ها را به کار می‌برد)",
                )
        for kind in (k.value for k in ConstituencyKind):
            if kind not in places:
                raise top.at("places", kind).fail(
                    "is missing (the education check describes the constituency)",
                    "نیامده است (بررسی تحصیلات حوزه را با آن وصف می‌کند)",
                )
    for item in rules:
        for required in item.get("params", {}).get("required", []):
            if required["kind"] not in documents:
                raise top.at("document_names", required["kind"]).fail(
                    "is missing (a rule requires this document)",
                    "نیامده است (قاعده‌ای این مدرک را لازم می‌داند)",
                )


def _table_messages(messages: Mapping[str, Any], checks: list[str], where: _Where) -> None:
    # A check's own message may also be given here, once for every rule using it.
    known = set(COMMON_MESSAGES)
    for check in checks:
        known |= set(CHECK_SPECS[check].messages)
    _no_unknown_keys(messages, known, where, ("message", "پیام"))
    for key, allowed in COMMON_MESSAGES.items():
        if key in messages:
            _wording(messages[key], where.at(key), allowed)
    needed = []
    if MANUAL in checks:
        needed += ["manual_pending", "manual_met", "manual_not_met"]
    if "duplicate_registration" in checks:
        needed.append("other_registration")
    for key in needed:
        if key not in messages:
            raise where.at(key).fail("is missing", "نیامده است")
