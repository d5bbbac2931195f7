"""A broken rules file stops the checklist only: dossiers open, decisions and objections
still record (their legal deadlines run), and the problem is reported where it matters."""

from __future__ import annotations

import pytest

from supervisor_app.domain.errors import RulesTableError
from supervisor_app.domain.review import DossierFilter
from supervisor_app.services.demo_data import demo_reference_date
from supervisor_app.services.review import ReviewService
from tests.services.test_review_workspace import dataset as dataset  # shared fixtures
from tests.services.test_review_workspace import store as store
from tests.services.test_review_workspace import template as template


def _broken(cycle_code: str):
    raise RulesTableError("rule 'age', field 'params.minimum_age': not an integer",
                          "قاعده «age»، فیلد «params.minimum_age»: عدد صحیح نیست",
                          f"/srv/rules/{cycle_code}.json")


def test_a_broken_rules_file_leaves_the_dossier_and_its_changes_usable(store):
    """detail() opens without a checklist and names the file; update_after_change inside a
    write (as decisions and objections do) succeeds; refresh and grounds raise the error."""
    review = ReviewService(store, today=demo_reference_date, actor="tester", rules=_broken)
    rid = review.page(DossierFilter(), 1, 0)[0].registration_id
    detail = review.detail(rid)
    assert detail.checks == () and detail.table is None
    assert detail.rules_problem is not None
    assert "/srv/rules/" in detail.rules_problem.message_fa
    assert detail.dossier.registration_id == rid
    with store.unit_of_work() as uow:
        review.update_after_change(uow, rid)  # must not roll the caller's write back
    assert review.filter_options().checks == ()
    with pytest.raises(RulesTableError):
        review.refresh_checks()
    with pytest.raises(RulesTableError):
        review.grounds(rid)
    with pytest.raises(RulesTableError):
        review.rules()
