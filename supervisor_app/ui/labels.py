"""Translated display names for values that the services hand over as plain codes.

The dictionaries are built per call (not at import time) so they use whatever
translators the application has installed by then; callers cache them per view.
"""

from __future__ import annotations

from PyQt6.QtCore import QCoreApplication

from supervisor_app.domain.candidates import CandidateStatus
from supervisor_app.domain.election_day import OffenceCategory, Severity


def status_labels() -> dict[str, str]:
    """Display name of every ``CandidateStatus`` value."""
    S = CandidateStatus
    # Written out in full: pylupdate6 only extracts literal translate() calls.
    return {
        S.REGISTERED: QCoreApplication.translate("CandidateStatus", "Registered"),
        S.EXECUTIVE_APPROVED: QCoreApplication.translate(
            "CandidateStatus", "Approved by the executive board"
        ),
        S.EXECUTIVE_REJECTED: QCoreApplication.translate(
            "CandidateStatus", "Rejected by the executive board"
        ),
        S.SUPERVISORY_APPROVED: QCoreApplication.translate(
            "CandidateStatus", "Approved by the supervisory board"
        ),
        S.SUPERVISORY_REJECTED: QCoreApplication.translate(
            "CandidateStatus", "Rejected by the supervisory board"
        ),
        S.OBJECTION_FILED: QCoreApplication.translate("CandidateStatus", "Objection filed"),
        S.OBJECTION_ACCEPTED: QCoreApplication.translate("CandidateStatus", "Objection accepted"),
        S.OBJECTION_REJECTED: QCoreApplication.translate("CandidateStatus", "Objection rejected"),
        S.FINAL_APPROVED: QCoreApplication.translate("CandidateStatus", "Approved (final)"),
        S.FINAL_REJECTED: QCoreApplication.translate("CandidateStatus", "Rejected (final)"),
        S.CODE_ISSUED: QCoreApplication.translate("CandidateStatus", "Candidate code issued"),
        S.WITHDRAWN: QCoreApplication.translate("CandidateStatus", "Withdrawn"),
    }


# The order in which the home page shows the overview's counts; others follow, sorted.
COUNT_ORDER: tuple[str, ...] = (
    "dossiers",
    "decisions",
    "objections",
    "rulings",
    "complaints",
    "reports",
    "provinces",
    "counties",
    "districts",
    "constituencies",
    "boards",
    "members",
    "branches",
    "observers",
)


def count_labels() -> dict[str, str]:
    """Captions of the counts in ``Overview.counts``."""
    return {
        "dossiers": QCoreApplication.translate("OverviewCounts", "Dossiers"),
        "decisions": QCoreApplication.translate("OverviewCounts", "Qualification decisions"),
        "objections": QCoreApplication.translate("OverviewCounts", "Objections"),
        "rulings": QCoreApplication.translate("OverviewCounts", "Rulings"),
        "complaints": QCoreApplication.translate("OverviewCounts", "Complaints"),
        "reports": QCoreApplication.translate("OverviewCounts", "Observer reports"),
        "provinces": QCoreApplication.translate("OverviewCounts", "Provinces"),
        "counties": QCoreApplication.translate("OverviewCounts", "Counties"),
        "districts": QCoreApplication.translate("OverviewCounts", "Districts"),
        "constituencies": QCoreApplication.translate("OverviewCounts", "Constituencies"),
        "boards": QCoreApplication.translate("OverviewCounts", "Boards"),
        "members": QCoreApplication.translate("OverviewCounts", "Board members"),
        "branches": QCoreApplication.translate("OverviewCounts", "Polling branches"),
        "observers": QCoreApplication.translate("OverviewCounts", "Observers"),
    }


def offence_labels() -> dict[str, str]:
    """Display name of every ``OffenceCategory`` value (the law's offences, then the
    operational categories of electronic voting)."""
    C = OffenceCategory
    return {
        C.VOTE_BUYING: QCoreApplication.translate("OffenceCategory", "Buying or selling votes"),
        C.FORGED_FORMS: QCoreApplication.translate(
            "OffenceCategory", "Forged voter forms, ballots or minutes"
        ),
        C.THREATS_OR_BRIBERY: QCoreApplication.translate("OffenceCategory", "Threats or bribery"),
        C.FORGED_ID: QCoreApplication.translate(
            "OffenceCategory", "Voting with a forged or another person's id"
        ),
        C.MULTIPLE_VOTING: QCoreApplication.translate("OffenceCategory", "Voting more than once"),
        C.DISRUPTION: QCoreApplication.translate("OffenceCategory", "Disrupting the election"),
        C.ADDING_REMOVING_VOTES: QCoreApplication.translate(
            "OffenceCategory", "Adding or removing votes or forms"
        ),
        C.COUNTING_FRAUD: QCoreApplication.translate(
            "OffenceCategory", "Fraud in voting or counting"
        ),
        C.PROXY_VOTING: QCoreApplication.translate(
            "OffenceCategory", "Voting on behalf of someone else"
        ),
        C.STAFF_STEERING: QCoreApplication.translate(
            "OffenceCategory", "Branch staff steering voters"
        ),
        C.DOCUMENT_THEFT: QCoreApplication.translate(
            "OffenceCategory", "Stealing or destroying election documents"
        ),
        C.SEAL_BREAKING: QCoreApplication.translate("OffenceCategory", "Breaking box seals"),
        C.FORGED_PAPERS: QCoreApplication.translate("OffenceCategory", "Using forged papers"),
        C.INTIMIDATION: QCoreApplication.translate("OffenceCategory", "Intimidation"),
        C.DEVICE_FAILURE: QCoreApplication.translate(
            "OffenceCategory", "Electronic device failure"
        ),
        C.LATE_OPENING: QCoreApplication.translate("OffenceCategory", "Late opening of the branch"),
        C.IDENTITY_CHECK_OUTAGE: QCoreApplication.translate(
            "OffenceCategory", "Identity-check system outage"
        ),
        C.OTHER: QCoreApplication.translate("OffenceCategory", "Other"),
    }


def severity_labels() -> dict[str, str]:
    """Display name of every ``Severity`` value, low to critical."""
    S = Severity
    return {
        S.LOW: QCoreApplication.translate("Severity", "Low"),
        S.MEDIUM: QCoreApplication.translate("Severity", "Medium"),
        S.HIGH: QCoreApplication.translate("Severity", "High"),
        S.CRITICAL: QCoreApplication.translate("Severity", "Critical"),
    }


def offence_label(category: OffenceCategory | str) -> str:
    """Display name of one offence category; an unknown code is shown as itself."""
    return offence_labels().get(category, str(category))


def severity_label(severity: Severity | str) -> str:
    """Display name of one severity; an unknown code is shown as itself."""
    return severity_labels().get(severity, str(severity))
