"""State machines raise a domain error on illegal transitions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from supervisor_app.domain.candidates import (
    CANDIDATE_MACHINE,
    CandidateStatus,
    DecisionOutcome,
    DecisionStage,
    LegalBasis,
    Objection,
    ObjectionStatus,
    QualificationDecision,
)
from supervisor_app.domain.election_day import (
    COMPLAINT_MACHINE,
    ComplainantKind,
    Complaint,
    ComplaintStatus,
)
from supervisor_app.domain.errors import DomainError, IllegalTransition
from supervisor_app.domain.outbox import OutboxItem, OutboxKind, OutboxStatus
from supervisor_app.domain.rulings import RULING_MACHINE, Ruling, RulingStatus, RulingSubject

S = CandidateStatus


def test_candidate_happy_path_to_electoral_code():
    """A dossier moves registered → approved by both boards → final → code issued."""
    status = S.REGISTERED
    for target in (S.EXECUTIVE_APPROVED, S.SUPERVISORY_APPROVED, S.FINAL_APPROVED, S.CODE_ISSUED):
        status = CANDIDATE_MACHINE.check(status, target)
    assert status is S.CODE_ISSUED


def test_candidate_objection_path():
    """A supervisory rejection can be objected to and overturned, then become final."""
    status = S.EXECUTIVE_APPROVED
    for target in (S.SUPERVISORY_REJECTED, S.OBJECTION_FILED, S.OBJECTION_ACCEPTED,
                   S.FINAL_APPROVED):
        status = CANDIDATE_MACHINE.check(status, target)
    assert status is S.FINAL_APPROVED


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.REGISTERED, S.FINAL_APPROVED),  # skipping both reviews
        (S.REGISTERED, S.OBJECTION_FILED),  # nothing to object to yet
        (S.SUPERVISORY_APPROVED, S.OBJECTION_FILED),  # only rejections are objected to
        (S.FINAL_REJECTED, S.FINAL_APPROVED),  # final is final
        (S.WITHDRAWN, S.REGISTERED),  # withdrawal cannot be undone
        (S.OBJECTION_REJECTED, S.WITHDRAWN),
    ],
)
def test_candidate_illegal_transitions_raise(current, target):
    """Edges the process does not have raise IllegalTransition naming both states."""
    with pytest.raises(IllegalTransition) as info:
        CANDIDATE_MACHINE.check(current, target)
    assert current.value in str(info.value) and target.value in str(info.value)


def test_every_candidate_state_is_reachable_from_registered():
    """The candidate machine has no orphan states."""
    seen = {S.REGISTERED}
    frontier = [S.REGISTERED]
    while frontier:
        for nxt in CANDIDATE_MACHINE.allowed(frontier.pop()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(S)


def test_rejection_needs_legal_basis_and_reason():
    """A rejection decision without article/clause or reason is refused."""
    with pytest.raises(DomainError):
        QualificationDecision("d1", "R1", DecisionStage.SUPERVISORY, "b1",
                              DecisionOutcome.REJECTED, (), "", date(2026, 2, 1))
    ok = QualificationDecision("d1", "R1", DecisionStage.SUPERVISORY, "b1",
                               DecisionOutcome.REJECTED, (LegalBasis("37", "ز"),),
                               "education below the band", date(2026, 2, 1))
    assert ok.resulting_status() is S.SUPERVISORY_REJECTED


def test_objection_machine():
    """An objection is reviewed before it is decided; a decided one cannot reopen."""
    obj = Objection("o1", "R1", "d1", date(2026, 2, 3), "I hold a bachelor's degree", "prov-01")
    with pytest.raises(IllegalTransition):
        obj.move_to(ObjectionStatus.ACCEPTED)
    obj.move_to(ObjectionStatus.UNDER_REVIEW)
    obj.move_to(ObjectionStatus.ACCEPTED)
    with pytest.raises(IllegalTransition):
        obj.move_to(ObjectionStatus.UNDER_REVIEW)


def test_anonymous_complaint_refused():
    """A complaint without the complainant's name and national id is not accepted."""
    with pytest.raises(DomainError, match="anonymous"):
        Complaint("c1", "", "", ComplainantKind.CITIZEN, datetime(2026, 5, 2, tzinfo=UTC),
                  "vote buying", "K-01")


def test_complaint_cannot_be_decided_before_investigation():
    """A registered complaint must be assigned and investigated (or escalated) first."""
    assert not COMPLAINT_MACHINE.can(ComplaintStatus.REGISTERED, ComplaintStatus.DECIDED)


def _ruling() -> Ruling:
    return Ruling("u1", "b1", None, date(2026, 2, 5), RulingSubject.QUALIFICATION, "R1",
                  (LegalBasis("37", "ز"),), "reasoning", "rejected", ("m1", "m2", "m3"))


def test_sealed_ruling_is_not_editable():
    """Once sealed, a ruling refuses edits and can only be superseded."""
    r = _ruling()
    r.ensure_editable()
    r.move_to(RulingStatus.SIGNING)
    r.move_to(RulingStatus.SEALED)
    with pytest.raises(DomainError, match="new one"):
        r.ensure_editable()
    with pytest.raises(IllegalTransition):
        r.move_to(RulingStatus.DRAFT)
    r.move_to(RulingStatus.SUPERSEDED)
    assert RULING_MACHINE.is_final(r.status)


def test_unsent_outbox_item_cannot_be_deleted():
    """Pending, sending, conflicting and rejected items are never deletable."""
    item = OutboxItem("x", OutboxKind.OBSERVER_REPORT, {"a": 1}, datetime(2026, 5, 1, tzinfo=UTC))
    for status in (OutboxStatus.SENDING, OutboxStatus.CONFLICT):
        with pytest.raises(DomainError):
            item.ensure_deletable()
        item.move_to(status)
    item.move_to(OutboxStatus.PENDING)
    item.move_to(OutboxStatus.SENDING)
    item.move_to(OutboxStatus.ACKNOWLEDGED)
    item.ensure_deletable()


def test_outbox_content_hash_depends_on_payload_and_kind():
    """Same payload under another kind, or a changed payload, hashes differently."""
    at = datetime(2026, 5, 1, tzinfo=UTC)
    a = OutboxItem("x", OutboxKind.OBSERVER_REPORT, {"a": 1, "b": "ی"}, at)
    b = OutboxItem("x", OutboxKind.OBSERVER_REPORT, {"b": "ی", "a": 1}, at)
    c = OutboxItem("x", OutboxKind.COMPLAINT, {"a": 1, "b": "ی"}, at)
    d = OutboxItem("x", OutboxKind.OBSERVER_REPORT, {"a": 2, "b": "ی"}, at)
    assert a.content_hash == b.content_hash
    assert len({a.content_hash, c.content_hash, d.content_hash}) == 3


def test_votes_must_come_from_distinct_present_members():
    """A member voting twice, or an absent member voting, is refused."""
    from supervisor_app.domain.rulings import MemberVote, Vote

    base = dict(id="u", board_id="b", serial=None, issued_on=date(2026, 2, 5),
                subject=RulingSubject.QUALIFICATION, subject_ref="R1",
                legal_basis=(LegalBasis("37", "ز"),), reasoning="r", decision="d",
                present_member_ids=("m1", "m2", "m3"))
    with pytest.raises(DomainError, match="twice"):
        Ruling(**base, votes=(MemberVote("m1", Vote.APPROVE), MemberVote("m1", Vote.APPROVE)))
    with pytest.raises(DomainError, match="present"):
        Ruling(**base, votes=(MemberVote("m9", Vote.APPROVE),))
    with pytest.raises(DomainError, match="both"):
        Ruling(**{**base, "absent_member_ids": ("m1",)})


def test_annulment_waits_for_central_approval():
    """A county annulment ruling goes to awaiting approval; it cannot be sealed directly."""
    r = _ruling()
    r.requires_central_approval = True
    r.move_to(RulingStatus.SIGNING)
    with pytest.raises(DomainError, match="central"):
        r.move_to(RulingStatus.SEALED)
    r.move_to(RulingStatus.AWAITING_APPROVAL)
    r.move_to(RulingStatus.SEALED)
