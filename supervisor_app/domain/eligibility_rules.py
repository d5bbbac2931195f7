"""The eligibility rules table per election cycle: data, not code.

``RULES_BY_CYCLE`` maps a cycle code to its table; ``"default"`` serves any cycle without
its own. A table lists each criterion with its legal basis (article + clause), whether
data can decide it (``automatic``), needs a look across all dossiers (``store``) or is
judged by the members (``manual``), the parameters of its check, and the wording of its
evidence in Persian and English. ``domain/eligibility.py`` interprets it; changing a
number, a clause or a sentence here changes the checklist, the stored results (through
``version``) and the grounds pre-filled in ruling drafts, without touching code.

Clause letters of Art. 37 follow the order of the conditions in the consolidated law as
summarised in DOMAIN.md (nationality الف, age ب, belief ج, military service د, criminal
record ه, residence و, education ز, health ح); the articles cited for registration
defects (42: documents and identity, 43: one constituency per candidate) follow the
articles the 1404 rejections cited. Both are assumptions to be checked against the
official text of each cycle: that is why they live here.

Placeholders: dates are shown as Jalali dates, numbers and ids in the UI's digits.
"""

from __future__ import annotations

from typing import Any, Final

_EDUCATION_NAMES: Final[dict[str, dict[str, str]]] = {
    "0": {"fa": "بی‌سواد", "en": "no schooling"},
    "1": {"fa": "سواد خواندن و نوشتن", "en": "literacy"},
    "2": {"fa": "دیپلم", "en": "high-school diploma"},
    "3": {"fa": "فوق‌دیپلم", "en": "associate degree"},
    "4": {"fa": "لیسانس", "en": "bachelor's degree"},
    "5": {"fa": "فوق‌لیسانس", "en": "master's degree"},
    "6": {"fa": "دکتری", "en": "doctorate"},
}

_DOCUMENT_NAMES: Final[dict[str, dict[str, str]]] = {
    "photo": {"fa": "عکس", "en": "photo"},
    "questionnaire": {"fa": "پرسش‌نامه داوطلبی", "en": "candidacy questionnaire"},
    "degree": {"fa": "مدرک تحصیلی", "en": "degree certificate"},
    "military_card": {"fa": "کارت پایان خدمت یا معافیت", "en": "military service card"},
    "resignation": {"fa": "گواهی استعفا", "en": "resignation certificate"},
    "criminal_record": {"fa": "گواهی عدم سوءپیشینه", "en": "no-criminal-record certificate"},
}

_PLACES: Final[dict[str, dict[str, str]]] = {
    "city": {"fa": "{name} (جمعیت {size} نفر)", "en": "{name} (population {size})"},
    "village": {"fa": "{name} ({size} خانوار)", "en": "{name} ({size} households)"},
}

_RULES_1405: Final[list[dict[str, Any]]] = [
    {
        "code": "age",
        "check": "minimum_age",
        "mode": "automatic",
        "article": "37",
        "clause": "ب",
        "title": {
            "fa": "دست‌کم ۲۵ سال تمام در تاریخ ثبت‌نام",
            "en": "At least 25 full years old on the registration date",
        },
        "params": {"minimum_age": 25},
        "messages": {
            "pass": {
                "fa": "متولد {birth_date}؛ در تاریخ ثبت‌نام ({registered_on}) {age} سال تمام",
                "en": "Born {birth_date}; {age} full years old on {registered_on}",
            },
            "under_age": {
                "fa": "متولد {birth_date}؛ در تاریخ ثبت‌نام ({registered_on}) {age} سال تمام "
                "دارد و دست‌کم {minimum} سال تمام لازم است",
                "en": "Born {birth_date}; only {age} full years old on {registered_on}, "
                "{minimum} are required",
            },
            "born_after_registration": {
                "fa": "تاریخ تولد ({birth_date}) پس از تاریخ ثبت‌نام ({registered_on}) است",
                "en": "The birth date ({birth_date}) is after the registration ({registered_on})",
            },
        },
    },
    {
        "code": "education",
        "check": "education_band",
        "mode": "automatic",
        "article": "37",
        "clause": "ز",
        "title": {
            "fa": "حداقل مدرک تحصیلی متناسب با حوزه",
            "en": "Minimum education for the constituency",
        },
        # Veterans and martyrs' children: this many levels below the band, never below
        # literacy. Former members of the same council: exempt.
        "params": {"veteran_levels": 1, "floor": 1, "former_member_exempt": True},
        "messages": {
            "pass": {
                "fa": "مدرک {education}؛ حداقل لازم در {place}: {required}",
                "en": "{education}; {place} requires {required}",
            },
            "pass_veteran": {
                "fa": "مدرک {education}؛ با تخفیف ایثارگری حداقل لازم در {place}: {required}",
                "en": "{education}; with the veterans' reduction {place} requires {required}",
            },
            "exempt_former_member": {
                "fa": "عضو پیشین شورای همین حوزه؛ از شرط تحصیلات معاف است (مدرک {education})",
                "en": "Former member of this council: exempt from the education rule ({education})",
            },
            "below_band": {
                "fa": "مدرک {education} کمتر از حداقل لازم در {place} ({required}) است",
                "en": "{education} is below what {place} requires ({required})",
            },
            "unknown_constituency": {
                "fa": "حوزه انتخابیه {constituency} در داده‌های این ایستگاه نیست",
                "en": "Constituency {constituency} is not in this workstation's data",
            },
        },
    },
    {
        "code": "national_id",
        "check": "national_id",
        "mode": "automatic",
        "article": "42",
        "clause": "",
        "title": {"fa": "کد ملی معتبر", "en": "Valid national id"},
        "params": {},
        "messages": {
            "pass": {
                "fa": "کد ملی {national_id} رقم کنترل درستی دارد",
                "en": "National id {national_id} has a correct check digit",
            },
            "check_digit": {
                "fa": "رقم کنترل کد ملی {national_id} نادرست است (باید {expected} باشد)",
                "en": "National id {national_id} fails its check digit (should be {expected})",
            },
            "identical_digits": {
                "fa": "کد ملی {national_id} ده رقم یکسان است و کد واقعی نیست",
                "en": "National id {national_id} is ten identical digits, not a real id",
            },
            "malformed": {
                "fa": "کد ملی «{national_id}» ده رقم نیست",
                "en": "National id “{national_id}” is not ten digits",
            },
        },
    },
    {
        "code": "military",
        "check": "military_service",
        "mode": "automatic",
        "article": "37",
        "clause": "د",
        "title": {
            "fa": "کارت پایان خدمت یا معافیت دائم (مردان)",
            "en": "Military service card or permanent exemption (men)",
        },
        "params": {},
        "messages": {
            "card": {"fa": "کارت پایان خدمت دارد", "en": "Holds a service card"},
            "exemption": {"fa": "معافیت دائم دارد", "en": "Holds a permanent exemption"},
            "not_applicable": {
                "fa": "برای داوطلبان زن موضوعیت ندارد",
                "en": "Does not apply to women",
            },
            "none": {
                "fa": "داوطلب مرد است و نه کارت پایان خدمت دارد و نه معافیت دائم",
                "en": "A man with neither a service card nor a permanent exemption",
            },
            "not_recorded": {
                "fa": "وضعیت نظام وظیفه این داوطلب مرد ثبت نشده است",
                "en": "This man's military status is not recorded",
            },
        },
    },
    {
        "code": "criminal_record",
        "check": "criminal_record_certificate",
        "mode": "automatic",
        "article": "37",
        "clause": "ه",
        "title": {
            "fa": "گواهی عدم سوءپیشینه با اعتبار سه‌ماهه",
            "en": "No-criminal-record certificate at most 3 months old",
        },
        # The validity itself is the cycle's CRIMINAL_RECORD_VALIDITY deadline.
        "params": {},
        "messages": {
            "pass": {
                "fa": "گواهی صادره {issued_on}، {days} روز پیش از ثبت‌نام (اعتبار {validity} روز)",
                "en": "Issued {issued_on}, {days} days before registration (valid {validity} days)",
            },
            "expired": {
                "fa": "گواهی صادره {issued_on} در تاریخ ثبت‌نام ({registered_on}) {days} روزه "
                "بوده و بیش از {validity} روز اعتبار ندارد",
                "en": "Issued {issued_on}: {days} days old at registration ({registered_on}), "
                "valid only {validity} days",
            },
            "missing": {
                "fa": "گواهی عدم سوءپیشینه بارگذاری نشده است",
                "en": "No no-criminal-record certificate was uploaded",
            },
            "no_issue_date": {
                "fa": "تاریخ صدور گواهی عدم سوءپیشینه ثبت نشده است",
                "en": "The certificate's issue date is not recorded",
            },
            "issued_after_registration": {
                "fa": "تاریخ صدور گواهی ({issued_on}) پس از ثبت‌نام ({registered_on}) است",
                "en": "The certificate ({issued_on}) postdates the registration ({registered_on})",
            },
        },
    },
    {
        "code": "art41",
        "check": "art41_resignation",
        "mode": "automatic",
        "article": "41",
        "clause": "",
        "title": {
            "fa": "استعفای مشمولان ماده ۴۱ سه ماه پیش از ثبت‌نام",
            "en": "Art. 41 officials resigned 3 months before registration",
        },
        # The length is the cycle's ART41_RESIGNATION deadline (anchored at the day
        # registration opens for the constituency's track).
        "params": {},
        "messages": {
            "no_post": {
                "fa": "سمت مشمول ماده ۴۱ ندارد",
                "en": "Holds no Art. 41 post",
            },
            "pass": {
                "fa": "از سمت «{post}» در {resigned_on} استعفا داده است (مهلت: {due})",
                "en": "Resigned as “{post}” on {resigned_on} (deadline {due})",
            },
            "late": {
                "fa": "استعفا از سمت «{post}» در {resigned_on} است؛ باید تا {due}، سه ماه پیش "
                "از آغاز ثبت‌نام ({opens})، استعفا می‌داد",
                "en": "Resigned as “{post}” on {resigned_on}; the deadline was {due}, three "
                "months before registration opened ({opens})",
            },
            "not_resigned": {
                "fa": "در سمت «{post}» است و استعفایی ثبت نشده است",
                "en": "Holds the post “{post}” and no resignation is recorded",
            },
            "no_calendar": {
                "fa": "آغاز ثبت‌نام این حوزه در تقویم دوره نیست",
                "en": "The cycle's calendar has no registration window for this constituency",
            },
        },
    },
    {
        "code": "single_constituency",
        "check": "duplicate_registration",
        "mode": "store",
        "article": "43",
        "clause": "",
        "title": {
            "fa": "ثبت‌نام تنها در یک حوزه انتخابیه",
            "en": "Registered in one constituency only",
        },
        "params": {},
        "messages": {
            "pass": {
                "fa": "ثبت‌نام دیگری با این کد ملی نیست",
                "en": "No other registration with this national id",
            },
            "duplicate": {
                "fa": "همین کد ملی ثبت‌نام دیگری هم دارد: {others}",
                "en": "The same national id also registered as: {others}",
            },
            "not_checked": {
                "fa": "ثبت‌نام‌های دیگر این شخص هنوز بررسی نشده است",
                "en": "Other registrations of this person were not looked up",
            },
        },
    },
    {
        "code": "residence",
        "check": "residence",
        "mode": "automatic",
        "article": "37",
        "clause": "و",
        "title": {"fa": "سکونت در حوزه انتخابیه", "en": "Residence in the constituency"},
        "params": {},
        "messages": {
            "pass": {
                "fa": "ساکن همین حوزه ({residence})",
                "en": "Lives in the constituency ({residence})",
            },
            "elsewhere": {
                "fa": "ساکن حوزه دیگری است ({residence})، نه {constituency}",
                "en": "Lives in another constituency ({residence}), not {constituency}",
            },
        },
    },
    {
        "code": "documents",
        "check": "required_documents",
        "mode": "automatic",
        "article": "42",
        "clause": "",
        "title": {"fa": "بارگذاری مدارک لازم", "en": "Required documents uploaded"},
        # "when" names a condition of eligibility.py; the criminal-record certificate
        # has its own rule above.
        "params": {
            "required": [
                {"kind": "photo", "when": "always"},
                {"kind": "questionnaire", "when": "always"},
                {"kind": "degree", "when": "education_at_least", "level": 2},
                {"kind": "military_card", "when": "man_with_service_under", "age": 50},
                {"kind": "resignation", "when": "art41_post"},
            ],
        },
        "messages": {
            "pass": {
                "fa": "مدارک لازم بارگذاری شده است: {present}",
                "en": "Required documents uploaded: {present}",
            },
            "missing": {
                "fa": "بارگذاری نشده: {missing}",
                "en": "Not uploaded: {missing}",
            },
        },
    },
    {
        "code": "belief",
        "check": "manual",
        "mode": "manual",
        "article": "37",
        "clause": "ج",
        "title": {
            "fa": "اعتقاد و التزام عملی به اسلام، ولایت فقیه و قانون اساسی",
            "en": "Belief in Islam and the guardianship of the jurist; loyalty to the Constitution",
        },
        "params": {},
        "messages": {},
    },
    {
        "code": "no_effective_record",
        "check": "manual",
        "mode": "manual",
        "article": "37",
        "clause": "ه",
        "title": {
            "fa": "نداشتن سوءپیشینه کیفری مؤثر بر پایه پاسخ استعلام‌ها",
            "en": "No effective criminal record according to the inquiries",
        },
        "params": {},
        "messages": {},
    },
    {
        "code": "health",
        "check": "manual",
        "mode": "manual",
        "article": "37",
        "clause": "ح",
        "title": {
            "fa": "سلامت جسمی و روانی (بینایی، شنوایی و گویایی)",
            "en": "Physical and mental health (sight, hearing, speech)",
        },
        "params": {},
        "messages": {},
    },
]

_COMMON_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "manual_pending": {"fa": "هنوز ارزیابی نشده است", "en": "Not assessed yet"},
    "manual_met": {"fa": "احراز شد: {note}", "en": "Met: {note}"},
    "manual_not_met": {"fa": "احراز نشد: {note}", "en": "Not met: {note}"},
    "list_separator": {"fa": "، ", "en": ", "},
    "other_registration": {
        "fa": "{registration_id} در {constituency}",
        "en": "{registration_id} in {constituency}",
    },
}

RULES_BY_CYCLE: Final[dict[str, dict[str, Any]]] = {
    "default": {
        # Bump when anything above changes: stored check results are recomputed.
        "version": "1405-7/1",
        "rules": _RULES_1405,
        # Band ز of Art. 37: (kind, upper bound of population/households or None, level).
        "education_bands": [
            {"kind": "village", "upper_bound": 200, "minimum": 1},
            {"kind": "village", "upper_bound": None, "minimum": 2},
            {"kind": "city", "upper_bound": 20_000, "minimum": 3},
            {"kind": "city", "upper_bound": None, "minimum": 4},
        ],
        "education_names": _EDUCATION_NAMES,
        "document_names": _DOCUMENT_NAMES,
        "places": _PLACES,
        "messages": _COMMON_MESSAGES,
    },
}
