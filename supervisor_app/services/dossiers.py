"""Finding and reading candidates' dossiers."""

from __future__ import annotations

from ..domain.candidates import Dossier
from ..store import Store
from .views import DossierSummary


class DossierService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def search(
        self,
        text: str = "",
        limit: int = 200,
        offset: int = 0,
        *,
        constituency_code: str | None = None,
        status: str | None = None,
    ) -> list[DossierSummary]:
        """A page of dossiers in Persian alphabetical order of surname, then first name.

        ``text`` matches word prefixes of the names, national id and registration id,
        whatever mix of Arabic/Persian letters and digits it was typed in.
        """
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.dossiers.search(
                text, limit, offset, constituency_code=constituency_code, status=status
            )

    def count(
        self, text: str = "", *, constituency_code: str | None = None, status: str | None = None
    ) -> int:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.dossiers.count_matching(
                text, constituency_code=constituency_code, status=status
            )

    def get(self, registration_id: str) -> Dossier | None:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.dossiers.get(registration_id)

    def find_by_national_id(self, national_id: str) -> list[Dossier]:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.dossiers.find_by_national_id(national_id)
