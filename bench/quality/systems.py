"""The rankers compared: jobdesk's ``MatchIndex``, BM25 (Tantivy), occupation+county filter."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from jobdesk.domain.matching import MatchIndex, Taxonomy

from .data import Ad, Query, distance_km

Ranker = Callable[[Query, int], list[str]]
_KEEP = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def bigrams(text: str) -> list[str]:
    """Character bigrams of each run of letters, digits and CJK (NFKC, lower case)."""
    out: list[str] = []
    for run in _KEEP.findall(unicodedata.normalize("NFKC", text).lower()):
        if len(run) == 1:
            out.append(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def jobdesk_ranker(ads: list[Ad], taxonomy: Taxonomy) -> Ranker:
    index = MatchIndex.build([a.record for a in ads], [], taxonomy)

    def rank(query: Query, k: int) -> list[str]:
        return [m.id for m in index.top_vacancies(query.profile, k)]

    return rank


def bm25_ranker(ads: list[Ad], taxonomy: Taxonomy) -> Ranker:
    """BM25 over character bigrams: Tantivy, whitespace tokenizer, OR of the query's bigrams."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="whitespace")
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    index = tantivy.Index(builder.build())
    writer = index.writer(heap_size=50_000_000, num_threads=1)
    for ad in ads:
        body = " ".join(bigrams(f"{ad.record.title}\n{ad.record.description}"))
        writer.add_document(tantivy.Document(body=body, id=ad.record.id))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()

    def rank(query: Query, k: int) -> list[str]:
        p = query.profile
        text = "\n".join([*query.names, p.experience_text, *p.skills, *p.licences])
        terms = sorted(set(bigrams(text)))
        if not terms:
            return []
        parsed = index.parse_query(" ".join(f'"{t}"' for t in terms), ["body"])
        hits = searcher.search(parsed, k).hits
        return [searcher.doc(addr)["id"][0] for _score, addr in hits]

    return rank


def bm25_commute_ranker(ads: list[Ad], taxonomy: Taxonomy) -> Ranker:
    """BM25 as above, keeping only ads within the seeker's commute (or county when the ad has no
    township): the "plain text search with a distance filter" a service office could run."""
    bm25 = bm25_ranker(ads, taxonomy)
    by_id = {a.record.id: a for a in ads}

    def rank(query: Query, k: int) -> list[str]:
        p = query.profile
        out: list[str] = []
        for hire_id in bm25(query, len(ads)):
            ad = by_id[hire_id]
            d = distance_km(taxonomy, p.township, ad.record.township)
            if d is None:
                if ad.county != query.county:
                    continue
            elif p.max_commute_km and d > p.max_commute_km:
                continue
            out.append(hire_id)
            if len(out) == k:
                break
        return out

    return rank


def filter_ranker(ads: list[Ad], taxonomy: Taxonomy) -> Ranker:
    """Ads in the seeker's county whose (coder-assigned) code is a desired 4-digit code, newest
    first; then, as a fallback to fill the list, ads sharing a desired code's 3-digit 小類."""
    newest = sorted(ads, key=lambda a: (-a.published.toordinal(), a.record.id))

    def rank(query: Query, k: int) -> list[str]:
        codes = query.profile.desired_occupations
        local = [a for a in newest if a.county == query.county and a.record.occupation]
        exact = [
            a.record.id for a in local if any(a.record.occupation.startswith(c) for c in codes)
        ]
        near = [
            a.record.id
            for a in local
            if a.record.id not in exact and any(a.record.occupation[:3] == c[:3] for c in codes)
        ]
        return (exact + near)[:k]

    return rank


SYSTEMS: dict[str, Callable[[list[Ad], Taxonomy], Ranker]] = {
    "jobdesk": jobdesk_ranker,
    "bm25": bm25_ranker,
    "bm25+commute": bm25_commute_ranker,
    "filter": filter_ranker,
}
