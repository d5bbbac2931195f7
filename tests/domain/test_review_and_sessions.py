"""Stage rules, deadlines and board sessions: who decides what, by when, by which votes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from supervisor_app.domain.boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from supervisor_app.domain.candidates import (
    CandidateStatus,
    DecisionOutcome,
    DecisionStage,
    LegalBasis,
)
from supervisor_app.domain.cycle import OBJECTION_DEADLINE, Stage, Track
from supervisor_app.domain.errors import DomainError
from supervisor_app.domain.geography import Constituency, ConstituencyKind
from supervisor_app.domain.review import (
    ANY_FAILED_CHECK,
    DeadlineFilter,
    DossierFilter,
    Refusal,
    ReviewStage,
    check_may_decide,
    due_date,
    stage_of,
    statuses_of,
    supervisory_jurisdiction,
)
from supervisor_app.domain.rulings import RulingStatus, RulingSubject, Vote
from supervisor_app.domain.sessions import AgendaItem, BoardSession, draft_ruling
from supervisor_app.services.demo_data import demo_cycle

CYCLE = demo_cycle()
BOARD = Board("B-C1", BoardLevel.COUNTY, "هیات نظارت شهرستان", "C1", "B-P1", QuorumRule(5))
MEMBERS = [
    BoardMember(f"M{i}", "B-C1", f"عضو {i}", f"00000000{i}{i}"[-10:], role)
    for i, role in enumerate(
        [MemberRole.CHAIR, MemberRole.DEPUTY, MemberRole.SECRETARY, MemberRole.MEMBER,
         MemberRole.MEMBER, MemberRole.ALTERNATE, MemberRole.ALTERNATE],
        start=1,
    )
]
REGULARS = [m.id for m in MEMBERS if m.role is not MemberRole.ALTERNATE]


def session_with(item: AgendaItem | None = None) -> BoardSession:
    session = BoardSession("S1", "B-C1", date(2026, 2, 20))
    session.add(item or AgendaItem(RulingSubject.QUALIFICATION, "R-1", "R-1",
                                   DecisionOutcome.REJECTED, (LegalBasis("37", "ب"),),
                                   "کمتر از ۲۵ سال"))
    return session


# --- stages and deadlines -------------------------------------------------------------------


def test_every_status_belongs_to_exactly_one_review_stage():
    """The list's stage filter covers every candidate status once."""
    covered = [s for stage in ReviewStage for s in statuses_of(stage)]
    assert sorted(covered) == sorted(CandidateStatus)
    assert stage_of(CandidateStatus.EXECUTIVE_REJECTED) is ReviewStage.SUPERVISORY


def test_deadlines_come_from_the_cycle_calendar_and_relative_rules():
    """The supervisory deadline is the track's window end; the objection window counts
    from the rejection; closed dossiers have none."""
    window = CYCLE.window(Stage.SUPERVISORY_REVIEW, Track.CITY)
    assert due_date(CandidateStatus.EXECUTIVE_APPROVED, Track.CITY, CYCLE) == window.end
    rejected_on = date(2026, 2, 20)
    expected = CYCLE.deadline(OBJECTION_DEADLINE).due(rejected_on)
    assert due_date(CandidateStatus.SUPERVISORY_REJECTED, Track.CITY, CYCLE, rejected_on) == (
        expected
    )
    assert due_date(CandidateStatus.FINAL_APPROVED, Track.CITY, CYCLE) is None


def test_the_right_board_decides_before_the_deadline():
    """Only the responsible board decides, only at a supervisory stage, only until due."""
    due = date(2026, 2, 22)
    stage = check_may_decide(BOARD, CandidateStatus.EXECUTIVE_APPROVED,
                             responsible_board_id="B-C1", on=due, due=due)
    assert stage is DecisionStage.SUPERVISORY
    with pytest.raises(Refusal) as late:
        check_may_decide(BOARD, CandidateStatus.EXECUTIVE_APPROVED,
                         responsible_board_id="B-C1", on=due + timedelta(days=1), due=due)
    assert "۱۴۰۴" in late.value.message_fa
    with pytest.raises(Refusal):
        check_may_decide(BOARD, CandidateStatus.EXECUTIVE_APPROVED,
                         responsible_board_id="B-C2", on=due, due=due)
    with pytest.raises(Refusal):  # the executive board has not decided yet
        check_may_decide(BOARD, CandidateStatus.REGISTERED, responsible_board_id="B-C1",
                         on=due, due=due)
    assert check_may_decide(BOARD, CandidateStatus.OBJECTION_FILED, responsible_board_id="B-C1",
                            on=due, due=None) is DecisionStage.OBJECTION


def test_jurisdiction_village_district_city_county_big_city_province():
    """Villages go to their district board, cities to the county, big cities to the province."""
    village = Constituency("V", "C1", "D1", "روستا", ConstituencyKind.VILLAGE, 3, households=90)
    city = Constituency("C", "C1", None, "شهر", ConstituencyKind.CITY, 7, population=90_000)
    big = Constituency("B", "C1", None, "کلان‌شهر", ConstituencyKind.CITY, 11, population=900_000)
    assert supervisory_jurisdiction(village, Track.VILLAGE, "P1").level is BoardLevel.DISTRICT
    assert supervisory_jurisdiction(village, Track.VILLAGE, "P1").fallback == (
        BoardLevel.COUNTY, "C1")
    assert supervisory_jurisdiction(city, Track.CITY, "P1").level is BoardLevel.COUNTY
    assert supervisory_jurisdiction(big, Track.BIG_CITY, "P1").area == "P1"


def test_a_filter_saves_as_json_and_comes_back_equal():
    """Saved filters round-trip through their JSON criteria; unknown keys are ignored."""
    f = DossierFilter(text="رضا", county_code="0101", status=CandidateStatus.EXECUTIVE_APPROVED,
                      stage=ReviewStage.SUPERVISORY, gender="female", education=4,
                      failed_check=ANY_FAILED_CHECK, deadline=DeadlineFilter.SOON)
    assert DossierFilter.from_json({**f.to_json(), "from_the_future": 1}) == f
    assert DossierFilter.from_json({}).is_empty


# --- sessions ------------------------------------------------------------------------------


def test_quorum_counts_present_regulars_and_alternates_standing_in():
    """An alternate votes only for an absent regular member; quorum counts the voters."""
    session = session_with()
    session.set_present(["M1", "M2", "M6", "M7"], MEMBERS)
    assert session.voters(MEMBERS) == ("M1", "M2", "M6", "M7")
    assert session.quorum_met(BOARD.quorum, MEMBERS)
    session.set_present([*REGULARS, "M6"], MEMBERS)
    assert "M6" not in session.voters(MEMBERS)
    session.set_present(["M1", "M2"], MEMBERS)
    assert not session.quorum_met(BOARD.quorum, MEMBERS)


def test_votes_need_quorum_and_a_present_voter():
    """No quorum, no vote; an absent or substitute-less alternate cannot vote."""
    session = session_with()
    session.set_present(["M1", "M2"], MEMBERS)
    with pytest.raises(Refusal):
        session.cast("R-1", "M1", Vote.APPROVE, MEMBERS, BOARD.quorum)
    session.set_present(REGULARS, MEMBERS)
    session.cast("R-1", "M1", Vote.APPROVE, MEMBERS, BOARD.quorum)
    with pytest.raises(Refusal):
        session.cast("R-1", "M6", Vote.APPROVE, MEMBERS, BOARD.quorum)


def test_a_proposal_carries_with_the_majority_of_the_full_membership():
    """3 of 5 for carries; dissent notes are kept; marking a voter absent drops their vote."""
    session = session_with()
    session.set_present(REGULARS, MEMBERS)
    for member in ("M1", "M2"):
        session.cast("R-1", member, Vote.APPROVE, MEMBERS, BOARD.quorum)
    session.cast("R-1", "M4", Vote.REJECT, MEMBERS, BOARD.quorum, "مدارک کافی نیست")
    assert not session.item("R-1").carried(BOARD.quorum)
    session.cast("R-1", "M3", Vote.APPROVE, MEMBERS, BOARD.quorum, "ignored for a yes")
    item = session.item("R-1")
    assert item.carried(BOARD.quorum)
    assert item.vote_of("M4").dissent_note == "مدارک کافی نیست"
    assert item.vote_of("M3").dissent_note == ""
    session.set_present(["M2", "M3", "M4", "M5"], MEMBERS)
    assert session.item("R-1").vote_of("M1") is None


def test_changing_the_proposal_clears_the_votes_cast_on_the_old_one():
    """Votes were cast on a text: a new proposal or basis starts the count again."""
    session = session_with()
    session.set_present(REGULARS, MEMBERS)
    session.cast("R-1", "M1", Vote.APPROVE, MEMBERS, BOARD.quorum)
    session.set_proposal("R-1", DecisionOutcome.REJECTED, (LegalBasis("37", "ب"),), "متن تازه")
    assert session.item("R-1").votes  # same proposal and basis: only the wording changed
    session.set_proposal("R-1", DecisionOutcome.APPROVED, (LegalBasis("37"),), "")
    assert session.item("R-1").votes == ()


def test_a_rejection_needs_basis_and_reasoning_to_close():
    """A carried rejection without legal basis blocks closing; closed sessions are frozen."""
    item = AgendaItem(RulingSubject.QUALIFICATION, "R-1", "R-1", DecisionOutcome.REJECTED)
    session = session_with(item)
    session.set_present(REGULARS, MEMBERS)
    for member in REGULARS[:3]:
        session.cast("R-1", member, Vote.APPROVE, MEMBERS, BOARD.quorum)
    with pytest.raises(Refusal):
        session.check_can_close(BOARD.quorum, MEMBERS)
    session.set_proposal("R-1", DecisionOutcome.REJECTED, (LegalBasis("37", "ب"),), "دلیل")
    for member in REGULARS[:3]:
        session.cast("R-1", member, Vote.APPROVE, MEMBERS, BOARD.quorum)
    session.check_can_close(BOARD.quorum, MEMBERS)
    session.close()
    with pytest.raises(DomainError):
        session.cast("R-1", "M4", Vote.APPROVE, MEMBERS, BOARD.quorum)


def test_the_draft_ruling_records_attendance_votes_and_grounds():
    """The draft carries present and absent members, the votes and the legal grounds, and
    Ruling.carried agrees with the session."""
    session = session_with()
    session.set_present(["M1", "M2", "M3", "M4", "M6"], MEMBERS)
    for member in ("M1", "M2", "M3"):
        session.cast("R-1", member, Vote.APPROVE, MEMBERS, BOARD.quorum)
    session.cast("R-1", "M6", Vote.REJECT, MEMBERS, BOARD.quorum, "مخالفم")
    ruling = draft_ruling(session, session.item("R-1"), MEMBERS, "ruling-1")
    assert ruling.status is RulingStatus.DRAFT
    assert ruling.decision == "رد صلاحیت داوطلب"
    assert ruling.legal_basis == (LegalBasis("37", "ب"),)
    assert ruling.absent_member_ids == ("M5", "M7")
    assert [v.member_id for v in ruling.votes] == ["M1", "M2", "M3", "M6"]
    assert ruling.carried(BOARD.quorum)
