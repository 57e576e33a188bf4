"""From what a reader types to a Whoosh query over the schema in index/store/schema.py.

Whoosh's parser reads the syntax (AND/OR/NOT, quotes, field:value, word~,
prefix*, [a TO b]) with no schema, so every word reaches us exactly as typed;
we then rewrite each leaf through index/text/analysis.py. Doing the analysis
ourselves is what lets a word match its genitive, its compound parts (in the
low-weighted `parts` field), and lets prefix/fuzzy terms expand over folded,
the stem vocabulary with a cap, so "B*" or "x~" stay cheap on a large one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import qparser, query
from whoosh.reading import IndexReader
from whoosh.util.text import rcompile

from index.messages import Problem
from index.query.dates import date_query
from index.query.expand import ExpandedTerms
from index.query.vocab import near_terms, prefix_terms
from index.text.analysis import HYPHENS_RE, WORD_RE, fold, query_words, stem

TITLE_BOOST = 2.0
BODY_BOOST = 1.0
PARTS_BOOST = 0.3  # compound parts rank below whole words
MAX_QUERY_CHARS = 500
MAX_LEAVES = 32  # words/phrases/prefixes kept from one query
FUZZY_CAP = 12

TEXT_FIELDS = ("text", "title", "body")
NAME_FIELDS = ("person", "place", "org")
ALIASES = {
    "person": ["personen", "people", "name"],
    "place": ["ort", "orte", "places", "land"],
    "org": ["organisation", "organisationen", "orgs"],
    "date": ["datum"],
    "title": ["titel"],
}
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_PARSER = qparser.QueryParser("text", None)
_PARSER.add_plugin(qparser.FuzzyTermPlugin())
_PARSER.add_plugin(qparser.FieldAliasPlugin(ALIASES))


@dataclass
class BuiltQuery:
    """A rewritten query plus what the search needs to report."""

    query: query.Query | None
    """None when nothing searchable is left (list everything)."""
    terms: list[str] = field(default_factory=list)
    """Folded positive terms, for snippets and highlighting ("flucht*")."""
    words: list[str] = field(default_factory=list)
    """Positive plain words as typed, for did-you-mean."""
    error: Problem | None = None


def syntax_error(text: str) -> Problem | None:
    """What is malformed about a query (a one-line message), or None."""
    if text.count('"') % 2:
        return Problem("unclosed-quote")
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return Problem("unopened-paren")
    if depth:
        return Problem("unclosed-paren")
    if text.count("[") != text.count("]"):
        return Problem("unclosed-range")
    tokens = text.replace("(", " ( ").replace(")", " ) ").split()
    for i, tok in enumerate(tokens):
        if tok not in OPERATORS:
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        before = tokens[i - 1] if i else None
        if after is None or after in OPERATORS - {"NOT"} or after == ")":
            return Problem("operand-after", (tok,))
        if tok != "NOT" and (before is None or before in OPERATORS or before == "("):
            return Problem("operand-before", (tok,))
    return None


_PLAIN_WORDS_RE = re.compile(r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)*", re.UNICODE)


def as_you_type(text: str) -> str:
    """The query to run while the user is still typing: plain words whose last
    word is unfinished ("Syrien Rus") also match that word as a prefix
    ("Syrien (Rus OR Rus*)"), the whole word first, from its second letter on.
    Anything with query syntax
    (quotes, fields, operators, wildcards) or a trailing space runs as typed."""
    stripped = text.strip()
    if not stripped or text[-1:].isspace() or not _PLAIN_WORDS_RE.fullmatch(stripped):
        return stripped
    words = stripped.split()
    if any(w in OPERATORS for w in words):
        return stripped
    last = words[-1]
    if len(last) < 2:  # one letter matches nearly everything: wait for the next one
        return stripped
    return " ".join([*words[:-1], f"({last} OR {last}*)"])


def clean_input(text: str) -> str:
    """Drop control characters and cap the length (huge pastes stay cheap),
    cutting at a word boundary so no half word is searched."""
    text = _CONTROL_RE.sub(" ", text).strip()
    if len(text) > MAX_QUERY_CHARS:
        cut = text[: MAX_QUERY_CHARS + 1]
        text = cut.rsplit(None, 1)[0] if " " in cut.strip() else cut[:MAX_QUERY_CHARS]
    return text.strip()


def build_query(text: str, reader: IndexReader) -> BuiltQuery:
    """Parse and rewrite `text`; never raises on user input."""
    too_long = len(text) > MAX_QUERY_CHARS
    text = clean_input(text)
    error = syntax_error(text)
    if error:
        text = " ".join(m.group() for m in WORD_RE.finditer(text) if m.group() not in OPERATORS)
    if not text:
        return BuiltQuery(None, error=error)
    try:
        parsed = _PARSER.parse(text)
    except Exception:  # Whoosh's parser trips on a few odd inputs ("NOT NOT x:")
        error = error or Problem("as-words")
        words = [m.group() for m in WORD_RE.finditer(text) if m.group() not in OPERATORS]
        parsed = query.And([query.Term("text", w) for w in words]) if words else query.NullQuery
    rewriter = _Rewriter(reader)
    q = rewriter.rewrite(parsed, positive=True)
    if rewriter.error and not error:
        error = rewriter.error
    if too_long and not error:
        error = Problem("too-long", (str(MAX_QUERY_CHARS),))
    if q is not None:
        q = q.normalize()  # an unknown prefix leaves NullQuery: no hits
        if isinstance(q, query.Not):
            # Whoosh's bare Not also yields deleted documents; Every does not.
            q = query.And([query.Every(), q])
    return BuiltQuery(q, rewriter.terms, rewriter.words, error)


class _Rewriter:
    def __init__(self, reader: IndexReader) -> None:
        self.reader = reader
        self.terms: list[str] = []
        self.words: list[str] = []
        self.error: Problem | None = None
        self.leaves = 0

    def _term(self, term: str) -> None:
        if term not in self.terms:
            self.terms.append(term)

    def rewrite(self, q: query.Query, positive: bool) -> query.Query | None:
        if isinstance(q, query.Not):
            inner = self.rewrite(q.query, not positive)
            return query.Not(inner) if inner is not None else None
        if isinstance(q, query.AndNot):
            pos = self.rewrite(q.a, positive)
            neg = self.rewrite(q.b, not positive)
            if pos is None:
                return query.Not(neg) if neg is not None else None
            return query.AndNot(pos, neg) if neg is not None else pos
        if isinstance(q, query.BinaryQuery):  # ANDMAYBE: a required, b adds to the score
            a, b = self.rewrite(q.a, positive), self.rewrite(q.b, positive)
            if a is None or b is None:
                return a if b is None else b
            return type(q)(a, b)
        if isinstance(q, query.CompoundQuery):
            subs = [s for s in (self.rewrite(c, positive) for c in q.subqueries) if s is not None]
            if not subs:
                return None
            return type(q)(subs, boost=q.boost) if len(subs) > 1 else subs[0]
        if isinstance(q, query.Every):
            return query.Every()
        if q is query.NullQuery or not hasattr(q, "fieldname"):
            return None
        self.leaves += 1
        if self.leaves > MAX_LEAVES:
            self.error = Problem("too-many-terms", (str(MAX_LEAVES),))
            return None
        fieldname = q.fieldname
        if fieldname == "date":
            return self._date(q)
        if fieldname not in TEXT_FIELDS and fieldname not in NAME_FIELDS:
            # "Uhrzeit:12" is no field of ours: search both words as text.
            text = f"{fieldname} {getattr(q, 'text', '')}"
            return self._words(text, "text", q.boost, positive)
        if isinstance(q, query.Phrase):
            return self._words(" ".join(q.words), fieldname, q.boost, positive, phrase=True)
        if isinstance(q, query.FuzzyTerm):
            return self._fuzzy(q, positive)
        if isinstance(q, query.Prefix):
            return self._expand(fieldname, fold(q.text), None, q.boost, positive)
        if isinstance(q, query.Wildcard):
            return self._wildcard(q, positive)
        if isinstance(q, query.Term):
            if q.text in OPERATORS:
                return None
            return self._words(q.text, fieldname, q.boost, positive)
        if isinstance(q, query.TermRange):
            self.error = Problem("range-field", (fieldname,))
            return None
        return None

    # -- leaves ------------------------------------------------------------

    def _words(
        self, text: str, fieldname: str, boost: float, positive: bool, phrase: bool = False
    ) -> query.Query | None:
        if fieldname in NAME_FIELDS:
            names = [
                fold(p) for m in WORD_RE.finditer(text) for p in HYPHENS_RE.split(m.group()) if p
            ]
            if positive:
                self.terms.extend(n for n in names if n not in self.terms)
                self.words.extend(m.group() for m in WORD_RE.finditer(text))
            if not names:
                return None
            if len(names) == 1:
                return query.Term(fieldname, names[0], boost=boost)
            return query.Phrase(fieldname, names, boost=boost)
        infos = [i for i in query_words(text) if i.stems]
        if not infos:
            return None
        if positive:
            for m in WORD_RE.finditer(text):
                if m.group() not in self.words:
                    self.words.append(m.group())
            for info in infos:
                for f in info.folded:
                    self._term(f)
        fields = ("title",) if fieldname == "title" else ("title", "body")
        if sum(len(i.stems) for i in infos) > 1:
            seq = [alts[0] for i in infos for alts in i.stems]
            if phrase:
                return _or([query.Phrase(f, seq, boost=boost * _boost(f)) for f in fields])
            if len(infos) == 1:  # one hyphenated word: the phrase or the whole
                info = infos[0]
                subs: list[query.Query] = [
                    query.Phrase(f, seq, boost=boost * _boost(f)) for f in fields
                ]
                if fieldname != "title" and info.parts:
                    subs.append(query.Term("parts", info.parts[-1], boost=boost * PARTS_BOOST))
                return _or(subs)
            # Several words in one leaf ("Gaza–Krieg"): all of them.
            return query.And(
                [self._single(alts, fieldname, boost) for i in infos for alts in i.stems]
            )
        return self._single(infos[0].stems[0], fieldname, boost)

    def _single(self, alts: tuple[str, ...], fieldname: str, boost: float) -> query.Query:
        fields = ("title",) if fieldname == "title" else ("title", "body", "parts")
        return _or([query.Term(f, s, boost=boost * _boost(f)) for s in alts for f in fields])

    def _expand(
        self,
        fieldname: str,
        prefix: str,
        pattern: re.Pattern[str] | None,
        boost: float,
        positive: bool,
    ) -> query.Query | None:
        """Capped prefix/wildcard expansion over stems: the most frequent only.

        The prefix is folded, never stemmed ("Regier*" stays "regier", not
        "regi"). A stem that starts with it belongs only to words that do too;
        the prefix's own stem is added so "Regierung*" still finds "Regierung"
        (stem "regier")."""
        prefix = "".join(m.group() for m in WORD_RE.finditer(prefix))
        if not prefix:
            self.error = Problem("bare-wildcard")
            return None
        target = fieldname if fieldname in NAME_FIELDS or fieldname == "title" else "body"
        found = prefix_terms(self.reader, target, prefix, pattern)
        if pattern is None and target in ("body", "title"):
            own = stem(prefix)
            if own != prefix and own not in found and self.reader.doc_frequency(target, own):
                found.append(own)
        if positive:
            self._term(prefix + "*")
        if not found:
            return query.NullQuery
        return ExpandedTerms(target, found, boost=boost)

    def _wildcard(self, q: query.Wildcard, positive: bool) -> query.Query | None:
        text = fold(q.text) if q.text.replace("*", "").replace("?", "") else ""
        literal = re.split(r"[*?]", text, maxsplit=1)[0]
        # Stems are cut words: match "h?lfe" as its stem "h?lf".
        shape = text if text.endswith("*") or q.fieldname in NAME_FIELDS else stem(text)
        pattern = rcompile(re.escape(shape).replace(r"\*", ".*").replace(r"\?", ".") + "$")
        return self._expand(q.fieldname, literal, pattern, q.boost, positive)

    def _fuzzy(self, q: query.FuzzyTerm, positive: bool) -> query.Query | None:
        word = "".join(fold(m.group()) for m in WORD_RE.finditer(q.text))
        if not word:
            return None
        maxdist = max(1, min(int(q.maxdist), 2))
        target = q.fieldname if q.fieldname in NAME_FIELDS else "body"
        key = word if target in NAME_FIELDS else stem(word)
        found = near_terms(self.reader, target, key, maxdist, FUZZY_CAP)
        if positive:
            self.words.append(q.text)
            self._term(word)
            for w in found:
                self._term(w if target in NAME_FIELDS else "=" + w)
        return ExpandedTerms(target, found, boost=q.boost) if found else query.NullQuery

    def _date(self, q: query.Query) -> query.Query | None:
        if isinstance(q, query.TermRange):
            result = date_query(q.start, q.end)
        else:
            result = date_query(getattr(q, "text", ""), None, single=True)
        if result is None:
            self.error = Problem("bad-date")
        return result


def _boost(fieldname: str) -> float:
    return {"title": TITLE_BOOST, "parts": PARTS_BOOST}.get(fieldname, BODY_BOOST)


def _or(subs: list[query.Query]) -> query.Query:
    return subs[0] if len(subs) == 1 else query.Or(subs)
