"""The dossier service: search, count and read, each in its own read-only unit."""

from __future__ import annotations

from collections.abc import Callable

from supervisor_app.domain.candidates import CandidateStatus, Dossier
from supervisor_app.services.dossiers import DossierService
from supervisor_app.services.views import DossierSummary
from supervisor_app.store import Store


def _service(store: Store, make: Callable[..., Dossier]) -> DossierService:
    with store.unit_of_work() as uow:
        uow.dossiers.add_all(
            [
                make(1, first_name="علي", last_name="كاظمي", national_id="0071234567"),
                make(2, first_name="سارا", last_name="پاکزاد", national_id="0082345678"),
                make(
                    3,
                    first_name="رضا",
                    last_name="بهرامی",
                    constituency_code="K2",
                    status=CandidateStatus.EXECUTIVE_APPROVED,
                ),
            ]
        )
    return DossierService(store)


def test_search_returns_summaries_in_persian_order(
    seeded_store: Store, dossier_factory: Callable[..., Dossier]
):
    """With no text every dossier is listed by surname in Persian order (ب < پ < ک)."""
    service = _service(seeded_store, dossier_factory)
    rows = service.search()
    assert all(isinstance(r, DossierSummary) for r in rows)
    assert [r.last_name for r in rows] == ["بهرامی", "پاکزاد", "كاظمي"]
    assert rows[0].constituency_name == "روستای کند" and rows[0].county_name == "شمیرانات"


def test_search_and_count_agree_for_typed_text(
    seeded_store: Store, dossier_factory: Callable[..., Dossier]
):
    """Persian letters find Arabic-stored names; Persian digits find national-id prefixes."""
    service = _service(seeded_store, dossier_factory)
    assert [r.registration_id for r in service.search("کاظمی")] == ["R-000001"]
    assert [r.registration_id for r in service.search("۰۰۸۲")] == ["R-000002"]
    assert service.count("۰۰۷") == 1
    assert service.count("۰۰") == 3  # national ids and the registration ids R-00000n
    assert service.count() == 3
    assert service.count('("*') == 3  # nothing searchable left: no filter
    assert service.search("OR") == [] and service.count("OR") == 0


def test_paging_and_filters(seeded_store: Store, dossier_factory: Callable[..., Dossier]):
    """limit/offset page through the list; constituency and status filters narrow it."""
    service = _service(seeded_store, dossier_factory)
    assert [r.last_name for r in service.search(limit=1, offset=1)] == ["پاکزاد"]
    assert [r.registration_id for r in service.search(constituency_code="K2")] == ["R-000003"]
    assert service.count(status="executive_approved") == 1


def test_get_and_find_by_national_id(seeded_store: Store, dossier_factory: Callable[..., Dossier]):
    """get() gives the full dossier or None; national ids may be typed in Persian digits."""
    service = _service(seeded_store, dossier_factory)
    dossier = service.get("R-000002")
    assert dossier == dossier_factory(
        2, first_name="سارا", last_name="پاکزاد", national_id="0082345678"
    )
    assert service.get("R-404") is None
    assert [d.registration_id for d in service.find_by_national_id("۰۰۷۱۲۳۴۵۶۷")] == ["R-000001"]
