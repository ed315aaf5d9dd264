"""Chinese search over the published catalog, the same on SQLite and PostgreSQL.

Publishing a version writes its postings (term, weight) to `SearchPosting`; a query is
segmented with jieba, widened by the synonym table (生孩子 → 新生儿 出生), and ranked in one
SQL query: versions matching more of the query's terms first, then by the sum of
field weight × inverse document frequency."""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from .models import ItemVersion, SearchPosting, Synonym, VersionStatus

FIELD_WEIGHTS = {
    "name": 10.0,
    "code": 10.0,
    "themes": 4.0,
    "result": 3.0,
    "department": 2.0,
    "materials": 1.0,
    "conditions": 1.0,
    "faq": 1.0,
}
MAX_TERM_LENGTH = 40
_WORD_RE = re.compile(r"[\u4e00-\u9fff]|[0-9a-zA-Z]")
_STOP = {
    "的",
    "和",
    "与",
    "及",
    "或",
    "办理",
    "申请",
    "事项",
    "我要",
    "怎么",
    "如何",
    "哪里",
    "需要",
    "什么",
}

_jieba_lock = threading.Lock()
_jieba = None


def _segmenter() -> Any:
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def tokens(text: str) -> list[str]:
    """Search terms of a text: jieba's search-mode words of two or more characters (one
    character is too common to help), lower-cased, without stop words."""
    if not text:
        return []
    out = []
    for word in _segmenter().cut_for_search(text):
        word = word.strip().lower()
        if len(word) < 2 or len(word) > MAX_TERM_LENGTH or word in _STOP:
            continue
        if not _WORD_RE.search(word):
            continue
        out.append(word)
    return out


def _document(version: ItemVersion) -> dict[str, list[str]]:
    departments = {
        version.item.department.name,
        version.item.department.short_name,
        version.competent_department.name,
    }
    return {
        "name": tokens(version.name),
        "code": [version.item.implementation_code.lower(), version.item.basic_code],
        "themes": [t for theme in version.themes.all() for t in tokens(theme.name)],
        "result": tokens(version.result_name),
        "department": [t for d in departments for t in tokens(d)],
        "materials": [t for m in version.materials.all() for t in tokens(m.name)],
        "conditions": tokens(version.conditions[:400]),
        "faq": [t for entry in version.faq or [] for t in tokens(str(entry.get("q", "")))],
    }


def postings_for(version: ItemVersion) -> list[SearchPosting]:
    weights: dict[str, float] = defaultdict(float)
    for field, terms in _document(version).items():
        counts: dict[str, int] = defaultdict(int)
        for term in terms:
            counts[term] += 1
        for term, n in counts.items():
            weights[term] += FIELD_WEIGHTS[field] * min(n, 3)
    return [SearchPosting(version=version, term=t, weight=w) for t, w in weights.items()]


def index(version: ItemVersion) -> None:
    SearchPosting.objects.filter(version=version).delete()
    SearchPosting.objects.bulk_create(postings_for(version))


def unindex(version: ItemVersion) -> None:
    SearchPosting.objects.filter(version=version).delete()


def reindex_all() -> int:
    SearchPosting.objects.all().delete()
    count = 0
    versions = (
        ItemVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("item__department", "competent_department")
        .prefetch_related("themes", "materials")
    )
    batch: list[SearchPosting] = []
    for version in versions.iterator(chunk_size=500):
        batch.extend(postings_for(version))
        count += 1
        if len(batch) > 5000:
            SearchPosting.objects.bulk_create(batch)
            batch = []
    SearchPosting.objects.bulk_create(batch)
    return count


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[str, ...]
    expanded_from: tuple[str, ...]  # the colloquial phrases that widened the query
    expansions: tuple[str, ...] = ()  # the catalog words they were widened to, as written


def parse(text: str, synonyms: Iterable[tuple[str, str]] | None = None) -> Query:
    text = text.strip()[:100]
    if synonyms is None:
        synonyms = Synonym.objects.values_list("phrase", "expansions")
    terms = list(tokens(text))
    used, words = [], []
    for phrase, expansions in synonyms:
        if phrase and phrase in text:
            used.append(phrase)
            for word in expansions.split():
                words.append(word)
                # Index terms are jieba words, so the expansion is segmented the same way.
                terms.extend(tokens(word) or [word.lower()])
    # A query too short for jieba to yield a term (e.g. "证") still searches as itself.
    if not terms and text:
        terms.append(text.lower())
    return Query(text, tuple(dict.fromkeys(terms)), tuple(used), tuple(dict.fromkeys(words)))


# A term in more than this share of the catalog (登记, 办理, 证明 ...) says little about which
# item is meant; it only adds to the score of items that match a rarer query term.
COMMON_SHARE = 0.2


def ranked(
    query: Query,
    candidates: QuerySet[ItemVersion] | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
) -> list[tuple[int, float]]:
    """(version id, score) of the best matches, best first: more query terms matched first,
    then Σ field weight × idf. Postings exist only for published versions, so `candidates`
    (a filtered queryset of published versions) is needed only when filters apply."""
    if not query.terms:
        return []
    df = dict(
        SearchPosting.objects.filter(term__in=query.terms)
        .values("term")
        .annotate(n=Count("id"))
        .values_list("term", "n")
    )
    if not df:
        return []
    total = max(ItemVersion.objects.filter(status=VersionStatus.PUBLISHED).count(), 1)
    idf = {term: math.log(1 + total / n) for term, n in df.items()}
    rare = [t for t, n in df.items() if n <= COMMON_SHARE * total]
    common = [t for t in df if t not in rare]

    def postings(terms: list[str], versions: Iterable[int] | None = None) -> QuerySet[Any]:
        qs = SearchPosting.objects.filter(term__in=terms)
        if candidates is not None:
            qs = qs.filter(version__in=candidates.values("pk"))
        if versions is not None:
            qs = qs.filter(version_id__in=list(versions))
        return qs.values_list("version_id", "term", "weight")

    scores: dict[int, float] = defaultdict(float)
    matched: dict[int, int] = defaultdict(int)

    def add(rows: Iterable[tuple[int, str, float]]) -> None:
        for version_id, term, weight in rows:
            scores[version_id] += weight * idf[term]
            matched[version_id] += 1

    add(postings(rare or common))
    if rare and common and scores:
        add(postings(common, versions=scores.keys()))
    order = sorted(scores, key=lambda v: (-matched[v], -scores[v], v))
    return [(v, scores[v]) for v in order[offset : offset + limit]]
