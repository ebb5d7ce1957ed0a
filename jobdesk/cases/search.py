"""Job seeker search by name or phone tail through the bigram index (jobdesk.common.textsearch).

The name is stored in clear (it is shown on every list) and its characters and bigrams are
indexed, so a two-character given name or a one-character surname is found without a scan; a
phone number is found by its last three to six digits or as a whole. The national ID is never
indexed: it is found through its keyed hash (``services.seekers.national_id_hash``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jobdesk.cases.models import JobSeeker
from jobdesk.common.textsearch import terms_match
from jobdesk.domain.textsearch import (
    index_terms,
    join_terms,
    parse_phone_tail,
    parse_query,
    phone_terms,
)


def seeker_search_text(seeker: Any) -> str:
    """The terms stored in ``JobSeeker.search_text`` for the seeker's current name and phone."""
    return join_terms(index_terms([seeker.name], unigrams=True) | phone_terms(seeker.phone))


def set_search_text(seeker: Any) -> bool:
    """Recompute the seeker's terms; True when they changed (the caller saves the column)."""
    text = seeker_search_text(seeker)
    changed: bool = text != seeker.search_text
    seeker.search_text = text
    return changed


def search_seekers(qs: QuerySet[JobSeeker], q: str) -> QuerySet[JobSeeker]:
    """``qs`` (already scoped with ``for_user``) narrowed to the seekers matching ``q``: a phone
    tail when ``q`` is digits, else every part of a name."""
    phone = parse_phone_tail(q)
    if phone is not None:
        return qs.filter(terms_match(JobSeeker, [phone]))
    parsed = parse_query(q, unigrams=True)
    if parsed is None:
        return qs.none()
    qs = qs.filter(terms_match(JobSeeker, parsed.terms))
    for run in parsed.verify:  # three characters or more: the bigrams must be in one run
        qs = qs.filter(name__icontains=run)
    return qs
