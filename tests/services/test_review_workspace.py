"""Review, sessions and objections services over a real demo store (no Qt)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from supervisor_app.domain.boards import BoardLevel, MemberRole
from supervisor_app.domain.candidates import (
    CandidateStatus,
    DecisionOutcome,
    DecisionStage,
    LegalBasis,
    ObjectionStatus,
)
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.errors import DomainError
from supervisor_app.domain.outbox import OutboxKind
from supervisor_app.domain.persian import search_key
from supervisor_app.domain.review import (
    ANY_FAILED_CHECK,
    DeadlineFilter,
    DossierFilter,
    Refusal,
    ReviewStage,
    statuses_of,
)
from supervisor_app.domain.rulings import RulingStatus, RulingSubject, Vote
from supervisor_app.services.demo_data import (
    DUPLICATE_REGISTRATION,
    UNDER_AGE,
    demo_reference_date,
    generate_demo_dataset,
    tricky_cases,
)
from supervisor_app.services.objections import ObjectionService
from supervisor_app.services.review import ReviewService
from supervisor_app.services.sessions import SessionService
from supervisor_app.store import Store, open_store
from supervisor_app.store.bulk import bulk_import

CANDIDATES = 1500
TODAY = demo_reference_date()


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return generate_demo_dataset(CANDIDATES, 1404)


@pytest.fixture(scope="module")
def template(tmp_path_factory, dataset) -> Path:
    """A demo store with its checks stored, built once and copied per test."""
    path = tmp_path_factory.mktemp("review") / "store.sqlite3"
    store = open_store(path)
    bulk_import(store, dataset)
    ReviewService(store, today=demo_reference_date).refresh_checks()
    store.close()
    return path


@pytest.fixture
def store(template, tmp_path) -> Iterator[Store]:
    path = tmp_path / "store.sqlite3"
    shutil.copy(template, path)
    opened = open_store(path)
    yield opened
    opened.close()


@pytest.fixture
def review(store) -> ReviewService:
    return ReviewService(store, today=demo_reference_date, actor="tester")


@pytest.fixture
def sessions(store, review) -> SessionService:
    return SessionService(store, review, actor="tester")


@pytest.fixture
def objections(store, review) -> ObjectionService:
    return ObjectionService(store, review, actor="tester")


def all_rows(review: ReviewService, f: DossierFilter) -> list:
    return review.page(f, 100_000, 0)


def pick(dataset: Dataset, kind: str, *statuses: CandidateStatus) -> str:
    by_id = {d.registration_id: d for d in dataset.dossiers}
    for rid in tricky_cases(dataset)[kind]:
        if not statuses or by_id[rid].status in statuses:
            return rid
    raise LookupError(f"no {kind} dossier in {statuses}")


def supervisory_dossier(review: ReviewService, failing: bool) -> str:
    """A city dossier waiting for the supervisory board, with or without failed checks."""
    f = DossierFilter(stage=ReviewStage.SUPERVISORY,
                      failed_check=ANY_FAILED_CHECK if failing else None)
    for row in review.page(f, 200, 0):
        if failing or row.failed_count == 0:
            return row.registration_id
    raise LookupError("no such dossier")


# --- stored checks and the list ---------------------------------------------------------------


def test_failed_check_filter_is_a_query_matching_the_tricky_dossiers(review, dataset):
    """"Failed an automatic check" lists exactly the tricky dossiers (Arabic letters aside)."""
    expected = {rid for kind, ids in tricky_cases(dataset).items() if kind != "arabic_letters"
                for rid in ids}
    failed = {r.registration_id for r in all_rows(review, DossierFilter(failed_check="*"))}
    assert failed == expected
    assert review.count(DossierFilter(failed_check="*")) == len(expected)
    under_age = {r.registration_id for r in all_rows(review, DossierFilter(failed_check="age"))}
    assert under_age == set(tricky_cases(dataset)[UNDER_AGE])


def test_refresh_rechecks_only_what_changed_and_new_duplicates_flag_the_old_dossier(
    store, review, dataset
):
    """A second refresh changes nothing; registering the same person elsewhere later
    flags the earlier, unchanged dossier too."""
    assert review.refresh_checks() == 0
    clean_one = next(d for d in dataset.dossiers
                     if review.page(DossierFilter(text=d.registration_id), 1)[0].failed_count == 0)
    twin = clean_one.__class__(**{
        **{f: getattr(clean_one, f) for f in clean_one.__slots__},
        "registration_id": "R-1404-9999999",
        "constituency_code": dataset.constituencies[0].code,
        "residence_constituency_code": dataset.constituencies[0].code,
    })
    with store.unit_of_work() as uow:
        uow.dossiers.add(twin)
    assert review.refresh_checks() == 2  # the new dossier and its unchanged twin
    flagged = all_rows(review, DossierFilter(failed_check="single_constituency"))
    assert clean_one.registration_id in {r.registration_id for r in flagged}


def test_a_filter_combination_narrows_the_list_like_a_direct_query(store, review):
    """County + stage + gender + failed check gives the rows a hand-written SQL query gives."""
    county = "0801"  # Tehran
    f = DossierFilter(county_code=county, stage=ReviewStage.SUPERVISORY, gender="male",
                      education=4)
    statuses = [s.value for s in statuses_of(ReviewStage.SUPERVISORY)]
    with sqlite3.connect(store.path) as raw:
        expected = [rid for (rid,) in raw.execute(
            "SELECT d.registration_id FROM dossiers d JOIN constituencies c"
            " ON c.code = d.constituency_code WHERE c.county_code = ? AND d.gender = 'male'"
            f" AND d.education = 4 AND d.status IN ({','.join('?' * len(statuses))})"
            " ORDER BY d.name_sort, d.id",
            [county, *statuses],
        )]
    rows = all_rows(review, f)
    assert [r.registration_id for r in rows] == expected
    assert 0 < len(rows) < review.count(DossierFilter(county_code=county))
    assert review.count(f) == len(expected)


def test_search_finds_a_name_typed_with_arabic_yeh_and_kaf(review, dataset):
    """A surname with ی/ک is found when typed with Arabic ي/ك, and the other way round."""
    target = next(d for d in dataset.dossiers if "ی" in d.last_name and "ک" in d.last_name)
    typed = (target.first_name + " " + target.last_name).translate(str.maketrans("یک", "يك"))
    found = all_rows(review, DossierFilter(text=typed))
    assert target.registration_id in {r.registration_id for r in found}
    assert all(search_key(target.last_name) in search_key(r.full_name) for r in found)
    arabic = next(d for d in dataset.dossiers if "ي" in d.last_name or "ك" in d.last_name)
    persian_typed = arabic.last_name.translate(str.maketrans("يك", "یک"))
    assert arabic.registration_id in {
        r.registration_id for r in all_rows(review, DossierFilter(text=persian_typed))
    }


def test_pages_read_backwards_from_the_end_equal_pages_read_forwards(review):
    """The last page (read in reverse from the end) is the tail of the full ordering."""
    f = DossierFilter()
    total = review.count(f)
    forwards = all_rows(review, f)
    assert [r.registration_id for r in review.page(f, 100, total - 100, total)] == [
        r.registration_id for r in forwards[-100:]
    ]
    middle = total // 2 + 7
    assert review.page(f, 10, middle, total) == forwards[middle : middle + 10]
    assert review.position_of(f, forwards[middle].registration_id) == middle


def test_deadline_filter_counts_down_from_the_review_day(review):
    """"Deadline within 3 days" lists the city dossiers whose supervisory window closes soon."""
    soon = all_rows(review, DossierFilter(deadline=DeadlineFilter.SOON))
    assert soon
    assert all(0 <= (r.due_on - TODAY).days <= 3 for r in soon)
    overdue = all_rows(review, DossierFilter(deadline=DeadlineFilter.OVERDUE))
    assert all(r.due_on < TODAY for r in overdue)


def test_saved_filters_round_trip(review):
    """A filter saved under a Persian name comes back equal; deleting it removes it."""
    f = DossierFilter(stage=ReviewStage.SUPERVISORY, failed_check=ANY_FAILED_CHECK)
    name = review.save_filter("ايراددار", f)  # typed with Arabic yeh: stored normalised
    assert name == "ایراددار"
    assert review.saved_filters() == {"ایراددار": f}
    assert review.delete_filter(name)
    assert review.saved_filters() == {}


def test_an_under_age_and_a_duplicate_registration_are_flagged_with_their_articles(
    review, dataset
):
    """The checklist of an under-age candidate fails Art. 37(ب); one person registered
    twice fails Art. 43 naming the other registration."""
    young = review.detail(pick(dataset, UNDER_AGE))
    failed = {c.code: c for c in young.automatic_failed}
    assert set(failed) == {"age"} and failed["age"].basis == LegalBasis("37", "ب")
    first = tricky_cases(dataset)[DUPLICATE_REGISTRATION][0]
    person = next(d.national_id for d in dataset.dossiers if d.registration_id == first)
    second = next(d.registration_id for d in dataset.dossiers
                  if d.national_id == person and d.registration_id != first)
    twin = review.detail(first)
    duplicate = next(c for c in twin.automatic_failed if c.code == "single_constituency")
    assert duplicate.basis == LegalBasis("43")
    assert second in duplicate.evidence(twin.table)


def test_manual_judgements_need_a_note_and_are_audited(store, review, dataset):
    """A member's judgement with its note is stored and audited; without a note it is refused."""
    rid = dataset.dossiers[0].registration_id
    with pytest.raises(Refusal):
        review.record_manual(rid, "health", True, "  ")
    with pytest.raises(DomainError):
        review.record_manual(rid, "age", True, "automatic checks are not ticked")
    review.record_manual(rid, "health", False, "گواهی پزشکی ارائه نشده")
    health = next(c for c in review.checklist(rid) if c.code == "health")
    assert health.assessment is not None and health.assessment.actor == "tester"
    with store.unit_of_work(read_only=True) as uow:
        assert [e.action for e in uow.audit.for_subject(rid)] == ["review.manual_assessment"]


def test_documents_are_found_in_the_attachments_folder(store, tmp_path, dataset):
    """A downloaded file is found by registration id and name, or by its hash."""
    review = ReviewService(store, today=demo_reference_date, attachments=tmp_path / "att")
    dossier = dataset.dossiers[0]
    photo, questionnaire = dossier.documents[0], dossier.documents[1]
    (tmp_path / "att" / dossier.registration_id).mkdir(parents=True)
    (tmp_path / "att" / dossier.registration_id / photo.filename).write_bytes(b"x")
    (tmp_path / "att" / f"{questionnaire.sha256}.pdf").write_bytes(b"y")
    views = review.detail(dossier.registration_id).documents
    assert views[0].path is not None and views[1].path is not None
    assert all(v.path is None for v in views[2:])


# --- sessions ---------------------------------------------------------------------------------


def present_all(sessions: SessionService, session_id: str) -> list[str]:
    view = sessions.view(session_id)
    sessions.set_attendance(session_id, [m.id for m in view.members])
    return list(sessions.view(session_id).voters)


def test_a_full_session_records_decisions_and_ruling_drafts(store, review, sessions):
    """Agenda → attendance → votes → close: the rejection cites the failed checks, both
    rulings are DRAFTs in the rulings repository, decisions and outbox items exist."""
    failing = supervisory_dossier(review, failing=True)
    passing = supervisory_dossier(review, failing=False)
    session_id = sessions.add_to_agenda(failing)
    board = review.responsible_board(failing)
    assert sessions.view(session_id).board.id == board.id
    if review.responsible_board(passing).id == board.id:
        sessions.add_dossier(session_id, passing)
    voters = present_all(sessions, session_id)
    view = sessions.view(session_id)
    assert view.quorum_met and len(voters) == view.rule.full_membership
    rejection = view.entry(failing).item
    assert rejection.proposal is DecisionOutcome.REJECTED
    assert rejection.legal_basis == review.grounds(failing)[0]
    for member in voters[:-1]:
        sessions.vote(session_id, failing, member, Vote.APPROVE)
    sessions.vote(session_id, failing, voters[-1], Vote.REJECT, "به نظرم مدرک کافی است")
    result = sessions.close(session_id)
    assert len(result.drafts) == len(result.decisions) >= 1
    with store.unit_of_work(read_only=True) as uow:
        ruling = uow.rulings.get(result.drafts[0])
        decision = uow.decisions.get(result.decisions[0])
        outbox = uow.outbox.pending()
    assert ruling.status is RulingStatus.DRAFT and ruling.subject_ref == failing
    assert ruling.legal_basis == rejection.legal_basis and ruling.carried(board.quorum)
    assert ruling.votes[-1].dissent_note == "به نظرم مدرک کافی است"
    assert ruling.extra["objection_deadline"] and ruling.extra["objection_venue"]
    assert (decision.stage, decision.outcome, decision.ruling_id) == (
        DecisionStage.SUPERVISORY, DecisionOutcome.REJECTED, ruling.id)
    assert decision.id in {i.id for i in outbox if i.kind is OutboxKind.DECISION}
    assert review.detail(failing).dossier.status is CandidateStatus.SUPERVISORY_REJECTED
    assert sessions.view(session_id).session.status.value == "closed"
    with pytest.raises(DomainError):
        sessions.vote(session_id, failing, voters[0], Vote.REJECT)


def test_stage_rules_refuse_the_wrong_dossier_board_or_day(store, review, sessions, dataset):
    """A registered dossier cannot be decided yet; another board may not decide it; after
    the deadline nobody may; a dossier sits on one open agenda at a time."""
    registered = next(d.registration_id for d in dataset.dossiers
                      if d.status is CandidateStatus.REGISTERED)
    with pytest.raises(Refusal):
        sessions.add_to_agenda(registered)
    rid = supervisory_dossier(review, failing=False)
    responsible = review.responsible_board(rid)
    with store.unit_of_work(read_only=True) as uow:
        other = next(b for b in uow.boards.all(BoardLevel.COUNTY) if b.id != responsible.id)
    with pytest.raises(Refusal):
        sessions.add_dossier(sessions.open(other.id), rid)
    late = sessions.open(responsible.id, held_on=review.detail(rid).due_on + timedelta(days=1))
    with pytest.raises(Refusal):
        sessions.add_dossier(late, rid)
    first = sessions.add_to_agenda(rid)
    with pytest.raises(Refusal):
        sessions.add_dossier(sessions.open(responsible.id), rid)
    assert sessions.view(first).entries[0].item.subject_ref == rid


def test_without_quorum_no_vote_and_without_majority_no_decision(review, sessions):
    """Two members present cannot vote; an even split leaves the item undecided."""
    rid = supervisory_dossier(review, failing=False)
    session_id = sessions.add_to_agenda(rid)
    members = [m.id for m in sessions.view(session_id).members
               if m.role is not MemberRole.ALTERNATE]
    sessions.set_attendance(session_id, members[:2])
    with pytest.raises(Refusal):
        sessions.vote(session_id, rid, members[0], Vote.APPROVE)
    sessions.set_attendance(session_id, members)
    sessions.vote(session_id, rid, members[0], Vote.APPROVE)
    sessions.vote(session_id, rid, members[1], Vote.APPROVE)
    sessions.vote(session_id, rid, members[2], Vote.REJECT, "دلیل مخالفت")
    result = sessions.close(session_id)
    assert result.drafts == () and result.undecided == (rid,)
    assert review.detail(rid).dossier.status is not CandidateStatus.SUPERVISORY_REJECTED


def decide(sessions: SessionService, session_id: str, ref: str) -> None:
    for member in present_all(sessions, session_id):
        sessions.vote(session_id, ref, member, Vote.APPROVE)
    sessions.close(session_id)


def test_an_objection_goes_to_the_higher_board_and_is_decided_there(
    store, review, sessions, objections
):
    """Rejected → objection within 4 days → routed to the parent board → reviewed with the
    ruling → accepted there; a late objection is refused."""
    rid = supervisory_dossier(review, failing=True)
    decide(sessions, sessions.add_to_agenda(rid), rid)
    rejecting = review.responsible_board(rid)
    objection = objections.file(rid, "مدرک تحصیلی من معتبر است و پیوست شد.")
    assert objection.routed_to_board_id == rejecting.parent_id
    assert review.detail(rid).dossier.status is CandidateStatus.OBJECTION_FILED
    queue = objections.queue(rejecting.parent_id)
    assert [e.objection.id for e in queue] == [objection.id]
    side_by_side = objections.review(objection.id)
    assert side_by_side.ruling is not None and side_by_side.ruling.subject_ref == rid
    assert side_by_side.dossier.dossier.registration_id == rid

    higher = sessions.add_to_agenda(rid)
    view = sessions.view(higher)
    assert view.board.id == rejecting.parent_id
    item = view.entry(objection.id).item
    assert item.subject is RulingSubject.OBJECTION
    sessions.set_proposal(higher, objection.id, DecisionOutcome.APPROVED, (LegalBasis("37"),),
                          "مدرک معتبر ارائه شد.")
    decide(sessions, higher, objection.id)
    assert review.detail(rid).dossier.status is CandidateStatus.OBJECTION_ACCEPTED
    with store.unit_of_work(read_only=True) as uow:
        assert uow.objections.get(objection.id).status is ObjectionStatus.ACCEPTED
        assert any(i.kind is OutboxKind.OBJECTION for i in uow.outbox.pending())


def test_an_objection_after_the_deadline_is_refused(store, review, sessions):
    """Filing more than four days after the rejection is refused with the deadline."""
    rid = supervisory_dossier(review, failing=True)
    decide(sessions, sessions.add_to_agenda(rid), rid)
    late = ObjectionService(store, review, today=lambda: TODAY + timedelta(days=5))
    with pytest.raises(Refusal) as refused:
        late.file(rid, "دیر رسید")
    assert "مهلت اعتراض" in refused.value.message_fa


def test_a_search_matching_every_dossier_pages_like_no_search(review):
    """"R" (every registration id) counts and pages exactly like the unfiltered list."""
    everything = review.count(DossierFilter())
    assert review.count(DossierFilter(text="R")) == everything
    assert review.page(DossierFilter(text="R"), 50, 10, everything) == review.page(
        DossierFilter(), 50, 10, everything
    )
