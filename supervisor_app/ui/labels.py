"""Translated display names for values that the services hand over as plain codes.

The dictionaries are built per call (not at import time) so they use whatever
translators the application has installed by then; callers cache them per view.
"""

from __future__ import annotations

from PyQt6.QtCore import QCoreApplication

from supervisor_app.domain.candidates import CandidateStatus


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
