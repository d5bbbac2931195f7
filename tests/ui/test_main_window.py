"""The main window: Persian, right-to-left, navigable by keyboard, over the services."""

import re
from datetime import date

from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtGui import QInputMethodEvent, QKeyEvent
from PyQt6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget

from supervisor_app.domain.jalali import format_jalali, format_jalali_long
from supervisor_app.ui.dossier_model import Column, wait_until_current
from supervisor_app.ui.main_window import Page
from supervisor_app.ui.pages.empty import EmptyStatePage
from supervisor_app.ui.text import LRI, PDI

PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")
ISOLATED_RUN = re.compile(f"{LRI}[^{PDI}]*{PDI}")


def type_text(widget, text: str) -> None:
    """Type text key by key, as a keyboard with a Persian layout would (not Latin-1 safe)."""
    for ch in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def test_title_is_persian_and_layout_right_to_left(main_window):
    """The window title is the Persian translation and the window lays out right to left."""
    assert main_window.windowTitle() == "نظارت — هیات نظارت"
    assert main_window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert main_window.isRightToLeft()


def test_navigation_is_on_the_right(main_window):
    """In RTL the navigation list sits on the start (right) side of the page area."""
    nav_x = main_window.navigation.mapTo(main_window, QPoint(0, 0)).x()
    stack_x = main_window.stack.mapTo(main_window, QPoint(0, 0)).x()
    assert nav_x > stack_x
    assert main_window.navigation.item(0).text() == "صفحه اصلی"


def test_alt_number_switches_pages(qtbot, main_window):
    """Alt+1 … Alt+7 select the seven pages in navigation order."""
    for page in reversed(Page):
        qtbot.keyClick(main_window, Qt.Key(Qt.Key.Key_1 + page), Qt.KeyboardModifier.AltModifier)
        assert main_window.current_page() == page
        assert main_window.navigation.currentRow() == page


def test_ctrl_f_opens_dossiers_with_focus_in_search(qtbot, main_window):
    """Ctrl+F from any page shows the dossiers page and puts the cursor in the search box."""
    main_window.show_page(Page.RULINGS)
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page() == Page.DOSSIERS
    qtbot.waitUntil(lambda: main_window.dossiers_page.search_box.hasFocus())


def test_tab_goes_from_navigation_to_search(qtbot, main_window):
    """Focus order: navigation, search box, then the filters; Enter jumps to the table."""
    main_window.show_page(Page.DOSSIERS)
    main_window.navigation.setFocus()
    page = main_window.dossiers_page
    assert QApplication.focusWidget() is main_window.navigation
    qtbot.keyClick(main_window.navigation, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.search_box
    qtbot.keyClick(page.search_box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.county_combo
    page.search_box.setFocus()
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.table


def test_dossiers_page_lists_first_results_with_total(qtbot, main_window, fake_context):
    """Opening the dossiers page shows the service's rows and the total in Persian digits."""
    main_window.show_page(Page.DOSSIERS)
    page = main_window.dossiers_page
    assert wait_until_current(page.model, main_window.tasks)
    assert page.model.rowCount() == 60
    assert fake_context.services.dossiers.queries == [""]
    assert page.count_label.text() == "تعداد پرونده‌ها: ۶۰"


def test_typing_persian_searches_as_you_type_newest_text_last(qtbot, main_window, fake_context):
    """Typing Persian searches as you type, one query at a time, the full text last."""
    main_window.focus_search()
    page = main_window.dossiers_page
    service = fake_context.services.dossiers
    main_window.tasks.wait_idle()
    service.queries.clear()
    type_text(page.search_box, "زهرا")
    assert page.search_box.text() == "زهرا"
    assert wait_until_current(page.model, main_window.tasks)
    assert service.queries[-1] == "زهرا"
    assert len(service.queries) <= 4  # older keystrokes coalesce while a query runs
    expected = [r for r in service.rows if "زهرا" in r.full_name]
    assert 0 < len(expected) < len(service.rows)
    assert page.model.rowCount() == len(expected)
    assert all("زهرا" in page.model.row_at(i).full_name for i in range(page.model.rowCount()))
    assert page.count_label.text() == f"تعداد پرونده‌ها: {to_fa(len(expected))}"


def test_input_method_commit_searches(qtbot, main_window, fake_context):
    """Text committed by an input method (how some Persian keyboards deliver it) also searches."""
    main_window.focus_search()
    page = main_window.dossiers_page
    event = QInputMethodEvent()
    event.setCommitString("کاظمی")
    QApplication.sendEvent(page.search_box, event)
    qtbot.waitUntil(lambda: fake_context.services.dossiers.queries[-1:] == ["کاظمی"])
    assert wait_until_current(page.model, main_window.tasks)
    assert page.model.rowCount() == fake_context.services.dossiers.count("کاظمی") > 0


def test_no_match_says_so(qtbot, main_window):
    """A search without results empties the table and says nothing matched."""
    main_window.focus_search()
    page = main_window.dossiers_page
    type_text(page.search_box, "ناموجود")
    assert wait_until_current(page.model, main_window.tasks)
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "هیچ پرونده‌ای با این جستجو یافت نشد"


def test_failed_search_is_reported_not_raised(qtbot, main_window, fake_context):
    """If the service raises, the page shows an error line instead of aborting the app."""
    fake_context.services.dossiers.fail = True
    main_window.show_page(Page.DOSSIERS)
    label = main_window.dossiers_page.count_label
    qtbot.waitUntil(lambda: "جستجو انجام نشد" in label.text(), timeout=5000)


def test_table_cells_are_formatted_for_persian_readers(main_window, fake_context):
    """Ids are LTR islands (national id in Persian digits), dates Jalali, statuses translated."""
    main_window.show_page(Page.DOSSIERS)
    model = main_window.dossiers_page.model
    assert wait_until_current(model, main_window.tasks)
    row = fake_context.services.dossiers.rows[0]

    def cell(column: Column) -> str:
        return model.data(model.index(0, column))

    assert cell(Column.REGISTRATION_ID) == f"{LRI}1404-000001{PDI}"  # a code: kept as issued
    assert cell(Column.NATIONAL_ID) == LRI + to_fa(row.national_id) + PDI
    assert cell(Column.BIRTH_DATE) == format_jalali(row.birth_date)
    assert cell(Column.NAME) == row.full_name
    assert cell(Column.STATUS) == "ثبت‌نام‌شده"
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) for c in Column
    ]
    assert headers[Column.NATIONAL_ID] == "کد ملی"
    assert headers[Column.REGISTRATION_ID] == "شناسه ثبت‌نام"


def test_every_status_has_a_persian_label(main_window, fake_context):
    """Each CandidateStatus value is shown as Persian text, never as its code."""
    main_window.show_page(Page.DOSSIERS)
    model = main_window.dossiers_page.model
    assert wait_until_current(model, main_window.tasks)
    labels = {model.data(model.index(r, Column.STATUS)) for r in range(model.rowCount())}
    assert len(labels) == 12
    assert all(PERSIAN_LETTER.search(label) for label in labels)
    assert not any(re.search("[A-Za-z]", label) for label in labels)


def test_home_page_shows_counts_in_persian_digits(main_window):
    """The overview's counts appear with Persian digits and the Persian thousands separator."""
    home = main_window.home_page
    assert main_window.current_page() == Page.HOME
    assert home.count_text("dossiers") == "۱۲٬۳۴۵"
    assert home.count_text("branches") == "۶٬۷۸۹"
    assert home.count_text("constituencies") == "۳۰"
    assert home.outbox_value.text() == "۳ مورد"
    assert home.audit_value.text() == "سالم (۱٬۵۲۰ رویداد)"
    assert home.cycle_value.text() == "دوازدهمین دوره انتخابات مجلس شورای اسلامی"
    assert home.last_sync_value.text().startswith("۱۴۰۳/۱۲/۱")  # 2025-03-01 is 11 Esfand 1403


def test_home_page_never_synced_and_broken_audit(main_window, fake_context):
    """A store that never synced says so; a broken audit chain is shown as an alarm."""
    overview = fake_context.services.overview
    from dataclasses import replace

    overview.overview = replace(
        overview.overview, last_sync_at=None, audit_intact=False, pending_outbox=0
    )
    main_window.show_page(Page.DOSSIERS)
    main_window.show_page(Page.HOME)  # the home page refreshes whenever it is shown
    home = main_window.home_page
    assert home.last_sync_value.text() == "تاکنون انجام نشده"
    assert home.audit_value.text().startswith("مخدوش")
    assert home.audit_value.property("state") == "alarm"
    assert home.outbox_value.text() == "هیچ؛ همه موارد ارسال شده است"


def test_later_pages_explain_what_will_appear(main_window):
    """Sessions, rulings, reports, complaints and sync show a Persian explanation, no data."""
    for page in (Page.SESSIONS, Page.RULINGS, Page.OBSERVER_REPORTS, Page.COMPLAINTS, Page.SYNC):
        widget = main_window.stack.widget(page)
        assert isinstance(widget, EmptyStatePage)
        for label in (widget.title_label, widget.explanation_label):
            assert PERSIAN_LETTER.search(label.text())
            assert not re.search("[A-Za-z]", label.text())


def test_status_bar_shows_today_in_jalali_and_data_dir(main_window, fake_context):
    """The status bar shows today's Jalali date in Persian digits and the data directory."""
    assert main_window.date_label.text() == f"امروز: {format_jalali_long(date.today())}"
    assert str(fake_context.paths.root) in main_window.data_dir_label.text()
    assert f"{LRI}{fake_context.paths.root}{PDI}" in main_window.data_dir_label.text()


def test_about_names_app_version_and_data_dir(main_window, fake_context):
    """About shows the app's Persian name, its version and the data directory."""
    import supervisor_app

    text = main_window.about_text()
    assert text.startswith("نظارت، نسخه")
    assert supervisor_app.__version__ in text
    assert str(fake_context.paths.root) in text


def test_no_english_left_in_the_persian_ui(main_window):
    """Every label, menu, list item, placeholder and header of the window is translated."""
    main_window.show_page(Page.DOSSIERS)
    texts: list[str] = [main_window.windowTitle()]
    texts += [label.text() for label in main_window.findChildren(QLabel)]
    texts += [e.placeholderText() for e in main_window.findChildren(QLineEdit)]
    for lst in main_window.findChildren(QListWidget):
        texts += [lst.item(i).text() for i in range(lst.count())]
    for menu_action in main_window.menuBar().actions():
        texts.append(menu_action.text())
        texts += [a.text() for a in menu_action.menu().actions()]
    model = main_window.dossiers_page.model
    texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    leftovers = [
        t for t in texts if re.search("[A-Za-z]{2,}", ISOLATED_RUN.sub("", t).replace("Ctrl+F", ""))
    ]
    assert leftovers == []


def to_fa(value: object) -> str:
    from supervisor_app.domain.persian import to_persian_digits

    return to_persian_digits(str(value))


def test_ctrl_q_closes_the_window(qtbot, main_window):
    """File → Quit (Ctrl+Q) closes the main window."""
    qtbot.keyClick(main_window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not main_window.isVisible()
    menu_titles = [a.text() for a in main_window.menuBar().actions()]
    assert menu_titles == ["&فایل", "&راهنما"]


def test_every_match_is_a_row_fetched_lazily(main_window, fake_context, rows_factory):
    """1,234 matches are 1,234 rows, counted once, fetched a page at a time when seen."""
    fake_context.services.dossiers.rows = rows_factory(1234)
    main_window.show_page(Page.DOSSIERS)
    page = main_window.dossiers_page
    assert wait_until_current(page.model, main_window.tasks)
    assert page.model.rowCount() == 1234
    assert page.count_label.text() == "تعداد پرونده‌ها: ۱٬۲۳۴"
    assert page.model.row_at(1233) is None  # not fetched: nobody looked there yet
