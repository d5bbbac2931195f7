"""The Complaints page over the real service and store: registering by keyboard, the
anonymous refusal, history actions, and a ruling awaiting the central board."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PyQt6.QtCore import Qt
from PyQt6.QtGui import QInputMethodEvent
from PyQt6.QtWidgets import QApplication, QWidget

from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.cycle import (
    COMPLAINT_DECISION,
    COMPLAINT_FILING,
    RelativeDeadline,
    Stage,
    StageWindow,
    Track,
)
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.election_day import ComplainantKind, ComplaintStatus
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingStatus, RulingSubject, Vote
from supervisor_app.services.complaints import ComplaintService
from supervisor_app.store import Store, open_store
from supervisor_app.store.bulk import bulk_import
from supervisor_app.ui.pages.complaints import ComplaintsPage, ruling_state_text
from supervisor_app.ui.text import Formatter

ELECTION_DAY = date(2026, 5, 1)
NOW = datetime(2026, 5, 3, 6, 30, tzinfo=UTC)  # 10:00 in Tehran, two days after voting
ANONYMOUS_FA = "شکایت بی‌نام رسیدگی نمی‌شود؛ نام و کد ملی شاکی را وارد کنید."
PENDING = Path(__file__).parents[2] / "i18n" / "fa" / "pending" / "complaints.json"
FIXES = PENDING.with_name("complaints-fixes.json")


def _calendar(ds: Dataset) -> Dataset:
    cycle = ds.cycles[0]
    ds.cycles = [
        dataclasses.replace(
            cycle,
            election_day=ELECTION_DAY,
            windows=(
                *cycle.windows,
                *(
                    StageWindow(
                        Stage.COMPLAINTS,
                        t,
                        ELECTION_DAY + timedelta(days=1),
                        ELECTION_DAY + timedelta(days=8),
                    )
                    for t in Track
                ),
            ),
            deadlines=(
                *cycle.deadlines,
                RelativeDeadline(COMPLAINT_FILING, "results_announced", 3),
                RelativeDeadline(COMPLAINT_DECISION, "complaint_filed", 5),
            ),
        )
    ]
    return ds


@pytest.fixture
def store(tmp_path: Path, geography: Dataset) -> Iterator[Store]:
    s = open_store(tmp_path / "store.sqlite3")
    bulk_import(s, _calendar(geography))
    yield s
    s.close()


@pytest.fixture
def service(store: Store) -> ComplaintService:
    return ComplaintService(
        store, board_id="B2301", now=lambda: NOW, today=lambda: date(2026, 5, 3), actor="دبیر"
    )


@pytest.fixture
def page(qapp, qtbot, service: ComplaintService) -> ComplaintsPage:
    widget = ComplaintsPage(service, Formatter(persian=True))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def type_text(widget: QWidget, text: str) -> None:
    """Persian text as a keyboard layout's input method delivers it."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def tab(qtbot, page: ComplaintsPage) -> QWidget:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_registering_a_complaint_by_keyboard_only(qtbot, page: ComplaintsPage, service):
    """Ctrl+N puts the cursor in the name; Tab walks the form in order; Space on Register
    records it, and it is listed with its Jalali filing date."""
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.name_edit
    type_text(page.name_edit, "مریم رضایی")
    assert tab(qtbot, page) is page.national_id_edit
    qtbot.keyClicks(page.national_id_edit, "0012345679")
    assert tab(qtbot, page) is page.kind_combo
    qtbot.keyClick(page.kind_combo, Qt.Key.Key_Down)  # candidate → observer
    assert tab(qtbot, page) is page.constituency_combo
    assert tab(qtbot, page) is page.branches_edit
    assert tab(qtbot, page) is page.subject_edit
    type_text(page.subject_edit, "ممانعت از حضور ناظر در شعبه")
    assert tab(qtbot, page) is page.received_edit  # "now" unless the paper says otherwise
    assert page.received_edit.text() == "۱۴۰۵/۰۲/۱۳ ۱۰:۰۰"
    assert tab(qtbot, page) is page.register_button
    qtbot.keyClick(page.register_button, Qt.Key.Key_Space)

    assert page.form_error.text() == ""
    entries = service.list_complaints()
    assert len(entries) == 1
    c = entries[0].complaint
    assert (c.complainant_name, c.complainant_kind) == ("مریم رضایی", ComplainantKind.OBSERVER)
    assert c.constituency_code == page.constituency_combo.itemData(0)
    texts = page.row_texts(0)
    assert texts[0] == "مریم رضایی" and texts[2] == "۱۴۰۵/۰۲/۱۳"
    assert "۱۴۰۵/۰۲/۱۵" in page.deadline_label.text()  # 2 May (results) + 3 days


def test_an_anonymous_complaint_is_refused_with_the_reason_shown(qtbot, page, service):
    """Without name and national id, Register shows the Persian reason; nothing is stored."""
    page.show_form()
    type_text(page.subject_edit, "شکایت بدون نام")
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    assert page.form_error.text() == ANONYMOUS_FA
    assert page.table.rowCount() == 0 and service.list_complaints() == []


def test_assign_and_note_extend_the_history_in_order(qtbot, page, service):
    """Selecting a complaint shows its history; Assign and a note typed + Enter add entries,
    and the decision deadline counts down in the list."""
    c = service.register(
        complainant_name="علی کریمی",
        complainant_national_id="0012345679",
        complainant_kind=ComplainantKind.CITIZEN,
        subject="خرید رأی",
        constituency_code="K1",
    )
    page.refresh(select=c.id)
    assert page.history_list.count() == 1
    due = page.row_texts(0)[4]
    assert "۱۴۰۵/۰۲/۱۸" in due and "۵" in due  # filed 3 May + 5 days; 5 days left
    page.member_combo.setCurrentIndex(1)
    qtbot.mouseClick(page.assign_button, Qt.MouseButton.LeftButton)
    page.note_edit.setFocus()
    type_text(page.note_edit, "از ناظر شعبه توضیح خواسته شد.")
    qtbot.keyClick(page.note_edit, Qt.Key.Key_Return)
    assert service.get(c.id).status is ComplaintStatus.INVESTIGATING
    assert page.history_list.count() == 3
    assert "از ناظر شعبه توضیح خواسته شد." in page.history_list.item(2).text()
    assert "عضو 2" in page.history_list.item(1).text()


def test_an_annulment_awaiting_approval_is_shown_as_such(qtbot, page, service, store):
    """The ruling column of a complaint whose annulment waits for the central board says so
    («در انتظار تأیید هیات مرکزی» once translated)."""
    c = service.register(
        complainant_name="علی کریمی",
        complainant_national_id="0012345679",
        complainant_kind=ComplainantKind.CANDIDATE,
        subject="شکستن پلمب",
        constituency_code="K1",
        branch_codes=["BR1"],
    )
    service.assign(c.id, "M1")
    with store.unit_of_work() as uow:
        uow.rulings.add(
            Ruling(
                "ad7e2a8e-9b1c-4f0e-8a55-0c1d2e3f4a5b",
                "B2301",
                1,
                date(2026, 5, 4),
                RulingSubject.ANNULMENT,
                c.id,
                (LegalBasis("70", "ح"),),
                "دلایل",
                "ابطال",
                ("M1", "M2", "M3", "M4"),
                votes=tuple(MemberVote(m, Vote.APPROVE) for m in ("M1", "M2", "M3", "M4")),
                status=RulingStatus.AWAITING_APPROVAL,
                extra={"outcome": "annulment", "complaint_id": c.id},
            )
        )
    page.refresh(select=c.id)
    assert page.row_texts(0)[5] == ruling_state_text(RulingStatus.AWAITING_APPROVAL)
    assert "<br>" in page.summary_label.text()
    pending = json.loads(PENDING.read_text(encoding="utf-8"))
    translation = next(
        p["translation"]
        for p in pending
        if p["context"] == "ComplaintsPage"
        and p["source"] == "Awaiting the central board's approval"
    )
    assert translation == "در انتظار تأیید هیات مرکزی"


def pending_translation(source: str) -> str:
    entries = json.loads(FIXES.read_text(encoding="utf-8"))
    return next(e["translation"] for e in entries if e["source"] == source)


def test_a_failed_note_keeps_its_text_and_shows_the_persian_reason(qtbot, page, service):
    """The complaint went to the higher board meanwhile: the note typed + Enter is refused,
    the Persian reason is shown and the note stays in its field; once the reason is gone
    (a complaint this board handles) the same Enter saves it and clears the field."""
    c = service.register(
        complainant_name="علی کریمی",
        complainant_national_id="0012345679",
        complainant_kind=ComplainantKind.CITIZEN,
        subject="خرید رأی",
        constituency_code="K1",
    )
    page.refresh(select=c.id)
    service.escalate(c.id, "")  # elsewhere, while the page still shows it as ours
    page.note_edit.setFocus()
    type_text(page.note_edit, "از ناظر شعبه توضیح خواسته شد.")
    qtbot.keyClick(page.note_edit, Qt.Key.Key_Return)
    assert page.note_edit.text() == "از ناظر شعبه توضیح خواسته شد."
    assert page.message_label.text() == "این شکایت به هیات دیگری ارجاع شده و در دست آن هیات است."
    assert len(service.history(c.id)) == 2

    other = service.register(
        complainant_name="علی کریمی",
        complainant_national_id="0012345679",
        complainant_kind=ComplainantKind.CITIZEN,
        subject="خرید رأی در شعبه دیگر",
        constituency_code="K1",
    )
    service.assign(other.id, "M1")
    page.refresh(select=other.id)
    page.note_edit.setFocus()
    qtbot.keyClick(page.note_edit, Qt.Key.Key_Return)
    assert page.note_edit.text() == ""
    assert service.history(other.id)[-1].text == "از ناظر شعبه توضیح خواسته شد."


def test_received_on_the_deadline_day_and_keyed_the_day_after_is_accepted(qtbot, store, service):
    """Keyed in the morning after the deadline day (۱۴۰۵/۰۲/۱۵): with the paper's receiving
    time on that day typed in, it is registered and the detail shows when it was received;
    left at "now", the same complaint is late."""
    keyed = datetime(2026, 5, 6, 5, 0, tzinfo=UTC)  # 08:30 in Tehran on ۱۴۰۵/۰۲/۱۶
    morning = ComplaintService(store, board_id="B2301", now=lambda: keyed, actor="دبیر")
    page = ComplaintsPage(morning, Formatter(persian=True))
    qtbot.addWidget(page)
    page.show_form()
    assert page.received_edit.text() == "۱۴۰۵/۰۲/۱۶ ۰۸:۳۰"
    type_text(page.name_edit, "مریم رضایی")
    page.national_id_edit.setText("0012345679")
    type_text(page.subject_edit, "ممانعت از حضور ناظر در شعبه")
    page.received_edit.setFocus()
    page.received_edit.selectAll()
    type_text(page.received_edit, "۱۴۰۵/۰۲/۱۵ ۲۳:۱۰")  # Persian digits, as typed on the paper
    qtbot.keyClick(page.received_edit, Qt.Key.Key_Return)

    assert page.form_error.text() == ""
    c = morning.list_complaints()[0].complaint
    assert c.status is ComplaintStatus.REGISTERED
    assert c.filed_at == datetime(2026, 5, 5, 19, 40, tzinfo=UTC)
    assert "۱۴۰۵/۰۲/۱۵ ۲۳:۱۰" in page.summary_label.text()

    page.show_form()  # the same complaint received now is too late
    type_text(page.name_edit, "مریم رضایی")
    page.national_id_edit.setText("0012345679")
    type_text(page.subject_edit, "شکایت دیرهنگام")
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    assert morning.list_complaints()[0].complaint.status is ComplaintStatus.REJECTED


def test_a_receiving_time_in_the_future_or_unreadable_is_refused(qtbot, page, service):
    """A time after now: the service's Persian reason; text that is no Jalali time: the
    form's own message; nothing is stored either way."""
    page.show_form()
    type_text(page.name_edit, "مریم رضایی")
    page.national_id_edit.setText("0012345679")
    type_text(page.subject_edit, "شکایت")
    page.received_edit.selectAll()
    qtbot.keyClicks(page.received_edit, "1405/02/14 09:00")
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    assert "پس از اکنون" in page.form_error.text()
    page.received_edit.setFocus()
    page.received_edit.selectAll()
    type_text(page.received_edit, "فردا صبح")
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    assert page.form_error.text() == page.tr(
        "The date received is not a valid Jalali date and time; write it like 1405/02/11 09:30."
    )
    assert QApplication.focusWidget() is page.received_edit
    assert service.list_complaints() == []


def test_errors_on_the_page_are_fully_persian(qtbot, page, service, monkeypatch):
    """No constituency chosen: the service's Persian reason, with no English in it; an
    unexpected failure: a Persian sentence (translated in the pending catalogue) that does
    not carry the English exception text."""
    page.show_form()
    page.constituency_combo.clear()
    type_text(page.name_edit, "مریم رضایی")
    page.national_id_edit.setText("0012345679")
    type_text(page.subject_edit, "شکایت")
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    error = page.form_error.text()
    assert "حوزه انتخابیه" in error
    assert not any("a" <= ch.lower() <= "z" for ch in error), error

    c = service.register(
        complainant_name="علی کریمی",
        complainant_national_id="0012345679",
        complainant_kind=ComplainantKind.CITIZEN,
        subject="خرید رأی",
        constituency_code="K1",
    )
    page.refresh(select=c.id)

    def broken(_complaint_id: str, _text: str) -> None:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(service, "add_note", broken)
    page.note_edit.setText("یادداشت")
    page.add_note()
    source = (
        "The operation failed. Try again; if it fails again, call the IT officer (the "
        "details are in the log)."
    )
    assert page.message_label.text() == page.tr(source)
    assert "database" not in page.message_label.text()
    assert "مسئول فناوری" in pending_translation(source)
