"""Translated names of the review workspace's coded values (stages, votes, documents, …).

Built per call, like ``labels.py``, so they use the translators installed by then;
views cache them. Written out in full: pylupdate6 only extracts literal calls.
"""

from __future__ import annotations

from PyQt6.QtCore import QCoreApplication

from supervisor_app.domain.boards import MemberRole
from supervisor_app.domain.candidates import (
    DecisionOutcome,
    DecisionStage,
    DocumentKind,
    Gender,
    InquiryAuthority,
    InquiryResult,
    MilitaryStatus,
    ObjectionStatus,
    VeteranStatus,
)
from supervisor_app.domain.eligibility import Outcome
from supervisor_app.domain.geography import EducationLevel
from supervisor_app.domain.review import DeadlineFilter, ReviewStage
from supervisor_app.domain.rulings import RulingStatus, Vote
from supervisor_app.domain.sessions import SessionStatus


def stage_labels() -> dict[ReviewStage, str]:
    S = ReviewStage
    return {
        S.EXECUTIVE: QCoreApplication.translate("ReviewLabels", "Executive board review"),
        S.SUPERVISORY: QCoreApplication.translate("ReviewLabels", "Supervisory board review"),
        S.OBJECTION_WINDOW: QCoreApplication.translate("ReviewLabels", "Open for objection"),
        S.OBJECTION_REVIEW: QCoreApplication.translate("ReviewLabels", "Objection review"),
        S.FINAL_LIST: QCoreApplication.translate("ReviewLabels", "Waiting for the final list"),
        S.CLOSED: QCoreApplication.translate("ReviewLabels", "Closed"),
    }


def gender_labels() -> dict[str, str]:
    return {
        Gender.MALE: QCoreApplication.translate("ReviewLabels", "Man"),
        Gender.FEMALE: QCoreApplication.translate("ReviewLabels", "Woman"),
    }


def education_labels() -> dict[int, str]:
    E = EducationLevel
    return {
        E.NONE: QCoreApplication.translate("ReviewLabels", "No schooling"),
        E.LITERACY: QCoreApplication.translate("ReviewLabels", "Literacy"),
        E.DIPLOMA: QCoreApplication.translate("ReviewLabels", "High-school diploma"),
        E.ASSOCIATE: QCoreApplication.translate("ReviewLabels", "Associate degree"),
        E.BACHELOR: QCoreApplication.translate("ReviewLabels", "Bachelor's degree"),
        E.MASTER: QCoreApplication.translate("ReviewLabels", "Master's degree"),
        E.DOCTORATE: QCoreApplication.translate("ReviewLabels", "Doctorate"),
    }


def deadline_labels() -> dict[DeadlineFilter, str]:
    return {
        DeadlineFilter.TODAY: QCoreApplication.translate("ReviewLabels", "Deadline today"),
        DeadlineFilter.SOON: QCoreApplication.translate("ReviewLabels", "Deadline within 3 days"),
        DeadlineFilter.OVERDUE: QCoreApplication.translate("ReviewLabels", "Deadline passed"),
    }


def military_labels() -> dict[MilitaryStatus, str]:
    M = MilitaryStatus
    return {
        M.CARD: QCoreApplication.translate("ReviewLabels", "Service card"),
        M.PERMANENT_EXEMPTION: QCoreApplication.translate("ReviewLabels", "Permanent exemption"),
        M.NOT_APPLICABLE: QCoreApplication.translate("ReviewLabels", "Not applicable"),
        M.NONE: QCoreApplication.translate("ReviewLabels", "Neither card nor exemption"),
    }


def veteran_labels() -> dict[VeteranStatus, str]:
    V = VeteranStatus
    return {
        V.NONE: QCoreApplication.translate("ReviewLabels", "None"),
        V.VETERAN: QCoreApplication.translate("ReviewLabels", "Veteran"),
        V.MARTYR_CHILD: QCoreApplication.translate("ReviewLabels", "Child of a martyr"),
    }


def document_labels() -> dict[DocumentKind, str]:
    D = DocumentKind
    return {
        D.PHOTO: QCoreApplication.translate("ReviewLabels", "Photo"),
        D.QUESTIONNAIRE: QCoreApplication.translate("ReviewLabels", "Candidacy questionnaire"),
        D.DEGREE: QCoreApplication.translate("ReviewLabels", "Degree certificate"),
        D.MILITARY_CARD: QCoreApplication.translate("ReviewLabels", "Military service card"),
        D.RESIGNATION: QCoreApplication.translate("ReviewLabels", "Resignation certificate"),
        D.CRIMINAL_RECORD: QCoreApplication.translate(
            "ReviewLabels", "No-criminal-record certificate"
        ),
    }


def authority_labels() -> dict[InquiryAuthority, str]:
    A = InquiryAuthority
    return {
        A.POLICE: QCoreApplication.translate("ReviewLabels", "Police"),
        A.JUDICIARY: QCoreApplication.translate("ReviewLabels", "Judiciary"),
        A.INTELLIGENCE: QCoreApplication.translate("ReviewLabels", "Ministry of Intelligence"),
        A.CIVIL_REGISTRATION: QCoreApplication.translate("ReviewLabels", "Civil registration"),
    }


def inquiry_result_labels() -> dict[InquiryResult, str]:
    R = InquiryResult
    return {
        R.PENDING: QCoreApplication.translate("ReviewLabels", "No answer yet"),
        R.CLEAR: QCoreApplication.translate("ReviewLabels", "Clear"),
        R.ADVERSE: QCoreApplication.translate("ReviewLabels", "Adverse"),
    }


def outcome_labels() -> dict[Outcome, str]:
    return {
        Outcome.PASS: QCoreApplication.translate("ReviewLabels", "Passed"),
        Outcome.FAIL: QCoreApplication.translate("ReviewLabels", "Failed"),
        Outcome.UNKNOWN: QCoreApplication.translate("ReviewLabels", "Undecided"),
    }


def decision_stage_labels() -> dict[DecisionStage, str]:
    return {
        DecisionStage.EXECUTIVE: QCoreApplication.translate("ReviewLabels", "Executive board"),
        DecisionStage.SUPERVISORY: QCoreApplication.translate("ReviewLabels", "Supervisory board"),
        DecisionStage.OBJECTION: QCoreApplication.translate("ReviewLabels", "Objection review"),
    }


def decision_outcome_labels() -> dict[DecisionOutcome, str]:
    return {
        DecisionOutcome.APPROVED: QCoreApplication.translate("ReviewLabels", "Approved"),
        DecisionOutcome.REJECTED: QCoreApplication.translate("ReviewLabels", "Rejected"),
    }


def proposal_labels() -> dict[DecisionOutcome, str]:
    """What is put to the vote for a dossier."""
    return {
        DecisionOutcome.APPROVED: QCoreApplication.translate(
            "ReviewLabels", "Approve the candidate"
        ),
        DecisionOutcome.REJECTED: QCoreApplication.translate(
            "ReviewLabels", "Reject the candidate"
        ),
    }


def objection_proposal_labels() -> dict[DecisionOutcome, str]:
    """What is put to the vote for an objection."""
    return {
        DecisionOutcome.APPROVED: QCoreApplication.translate(
            "ReviewLabels", "Accept the objection"
        ),
        DecisionOutcome.REJECTED: QCoreApplication.translate(
            "ReviewLabels", "Uphold the rejection"
        ),
    }


def objection_status_labels() -> dict[ObjectionStatus, str]:
    O = ObjectionStatus  # noqa: E741
    return {
        O.FILED: QCoreApplication.translate("ReviewLabels", "Filed"),
        O.UNDER_REVIEW: QCoreApplication.translate("ReviewLabels", "Under review"),
        O.ACCEPTED: QCoreApplication.translate("ReviewLabels", "Accepted"),
        O.REJECTED: QCoreApplication.translate("ReviewLabels", "Rejected"),
        O.WITHDRAWN: QCoreApplication.translate("ReviewLabels", "Withdrawn"),
    }


def ruling_status_labels() -> dict[RulingStatus, str]:
    R = RulingStatus
    return {
        R.DRAFT: QCoreApplication.translate("ReviewLabels", "Draft"),
        R.SIGNING: QCoreApplication.translate("ReviewLabels", "Being signed"),
        R.SEALED: QCoreApplication.translate("ReviewLabels", "Sealed"),
        R.AWAITING_APPROVAL: QCoreApplication.translate(
            "ReviewLabels", "Awaiting central approval"
        ),
        R.SUPERSEDED: QCoreApplication.translate("ReviewLabels", "Superseded"),
        R.WITHDRAWN: QCoreApplication.translate("ReviewLabels", "Withdrawn"),
    }


def vote_labels() -> dict[Vote, str]:
    return {
        Vote.APPROVE: QCoreApplication.translate("ReviewLabels", "For"),
        Vote.REJECT: QCoreApplication.translate("ReviewLabels", "Against"),
        Vote.ABSTAIN: QCoreApplication.translate("ReviewLabels", "Abstain"),
    }


def session_status_labels() -> dict[SessionStatus, str]:
    return {
        SessionStatus.OPEN: QCoreApplication.translate("ReviewLabels", "Open"),
        SessionStatus.CLOSED: QCoreApplication.translate("ReviewLabels", "Closed"),
    }


def role_labels() -> dict[MemberRole, str]:
    R = MemberRole
    return {
        R.CHAIR: QCoreApplication.translate("ReviewLabels", "Chair"),
        R.DEPUTY: QCoreApplication.translate("ReviewLabels", "Deputy chair"),
        R.SECRETARY: QCoreApplication.translate("ReviewLabels", "Secretary"),
        R.EXECUTIVE_SECRETARY: QCoreApplication.translate("ReviewLabels", "Executive secretary"),
        R.MEMBER: QCoreApplication.translate("ReviewLabels", "Member"),
        R.ALTERNATE: QCoreApplication.translate("ReviewLabels", "Alternate"),
    }
