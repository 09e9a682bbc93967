"""Analysis: which story for which question, and which competencies a story shows, with reasons.

Pure: takes plain story records (title, STAR sections, competencies, id, linked ``questions``) and question
records (id, text, assesses, key_points, competencies, story_ids); no Qt, no database.

A story-question fit in 0..1 combines four pieces of evidence that can each be said in words:

- competencies: the question's competencies against the story's tags and the signal words its text uses;
- key points: how many of the question's key points a sentence of the story covers;
- lexical similarity: TF-IDF cosine over spaCy lemmas (the small English model has no word vectors);
- readiness, only as a small tie breaker.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storybook.analysis.keypoints import KeyPointCoverage, KeyPointSpec, cover_all, key_point_spec
from storybook.analysis.matching_features import FeatureCache, TextFeatures, doc_terms, text_hash
from storybook.analysis.matching_words import MatchingWords
from storybook.model.values import Finding, Severity

if TYPE_CHECKING:
    from storybook.analysis.nlp import Engine

WEIGHTS: dict[str, float] = {"lexical": 0.40, "competency": 0.50, "key_points": 0.10}
QUESTION_TEXT_WEIGHT = 3  # the question's own words count more than its assesses text and key points
READINESS_WEIGHT = 0.02
LEXICAL_SCALE = 0.30  # a cosine of 0.30 between a question and a story is already a strong overlap
SIGNAL_SCALE = 2.0  # weighted signal words for a competency to reach about 63% strength
SHARED_WORDS = 4
MEMO_ITEMS = 8192  # per-story vectors and profiles kept; the feature cache holds 4096 texts
PROFILE_MIX = 1.0  # how much a competency's evidence is read relative to the story's strongest one
SIGNAL_SHARE = 0.5  # signal words versus similarity to the competency's questions


@dataclass
class Suggestion:
    """One ranked suggestion: a question, a story or a competency, with its score and reasons."""

    id: Any
    label: str
    score: float
    reasons: list[str]
    key_points: list[KeyPointCoverage] = field(default_factory=list)
    linked: bool = False

    @property
    def covered(self) -> int:
        return sum(1 for k in self.key_points if k.covered)


@dataclass(frozen=True)
class QuestionInfo:
    """A question as the matcher reads it: its TF-IDF vector and key-point specs."""

    id: Any
    text: str
    competencies: tuple[str, ...]
    weights: dict[str, float]  # TF-IDF weight per lemma
    specs: tuple[KeyPointSpec, ...]


def _vector(terms: Mapping[str, int], idf: Mapping[str, float], default_idf: float) -> dict[str, float]:
    weights = {t: (1.0 + math.log(n)) * idf.get(t, default_idf) for t, n in terms.items() if n > 0}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def _merge(main: Mapping[str, int], times: int, extra: Mapping[str, int]) -> dict[str, int]:
    out = {t: n * times for t, n in main.items()}
    for t, n in extra.items():
        out[t] = out.get(t, 0) + n
    return out


def _memo(cache: dict[int, tuple[TextFeatures, dict[str, float]]], feats: TextFeatures,
          build: Callable[[], dict[str, float]]) -> dict[str, float]:
    """A per-text result kept with its features (whose identity is the key), so a cached text is reused."""
    cached = cache.get(id(feats))
    if cached is not None and cached[0] is feats:
        return cached[1]
    if len(cache) > MEMO_ITEMS:
        cache.clear()
    value = build()
    cache[id(feats)] = (feats, value)
    return value


def _add(into: dict[str, float], vector: Mapping[str, float]) -> None:
    for t, w in vector.items():
        into[t] = into.get(t, 0.0) + w


def _normalised(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {t: w / norm for t, w in vector.items()}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


class Matcher:
    """Ranks questions for a story and stories for a question; caches everything that depends on text."""

    def __init__(self, engine: Engine, questions: Sequence[Any], competencies: Sequence[Any] = (),
                 words: MatchingWords | None = None) -> None:
        """``competencies``: records with key, name and description (their words join the competency's profile)."""
        self.words = words or MatchingWords.load()
        self.features = FeatureCache(engine, self.words)
        self.names = {c.key: c.name for c in competencies}
        self._descriptions = {c.key: f"{c.name}. {getattr(c, 'description', '') or ''}" for c in competencies}
        self._comp_vectors: dict[str, dict[str, float]] = {}
        self._extra_specs: dict[str, tuple[KeyPointSpec, ...]] = {}
        self._engine = engine
        self._vectors: dict[int, tuple[TextFeatures, dict[str, float]]] = {}
        self._profiles: dict[int, tuple[TextFeatures, dict[str, float]]] = {}
        self.questions: dict[Any, QuestionInfo] = {}
        self._idf: dict[str, float] = {}
        self._default_idf = 1.0
        self.set_questions(questions)

    # -- questions -----------------------------------------------------------------------------------------
    def set_questions(self, questions: Sequence[Any]) -> None:
        """Read the question bank (parsed in one stream); the IDF weights come from it."""
        texts: list[str] = []
        for q in questions:
            texts.extend([q.text, " ".join([q.assesses or "", *(q.key_points or [])])])
            texts.extend(q.key_points or [])
        docs = iter(list(self._engine.pipe(texts)))
        parsed: list[tuple[Any, dict[str, int], tuple[KeyPointSpec, ...]]] = []
        for q in questions:
            terms = _merge(doc_terms(next(docs)), QUESTION_TEXT_WEIGHT, doc_terms(next(docs)))
            specs = tuple(key_point_spec(p, next(docs), self.words) for p in q.key_points or [])
            parsed.append((q, terms, specs))
        n = len(parsed)
        df: dict[str, int] = {}
        for _, terms, _ in parsed:
            for t in terms:
                df[t] = df.get(t, 0) + 1
        self._idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}
        self._default_idf = math.log(n + 1) + 1.0
        self._vectors.clear()
        self.questions = {
            q.id: QuestionInfo(q.id, q.text, tuple(q.competencies or ()), _vector(terms, self._idf, self._default_idf),
                               specs)
            for q, terms, specs in parsed
        }
        self._profiles.clear()
        self._build_competency_vectors()

    def _build_competency_vectors(self) -> None:
        """Each competency as one text: its questions plus its own name and description."""
        sums: dict[str, dict[str, float]] = {}
        for info in self.questions.values():
            for comp in info.competencies:
                _add(sums.setdefault(comp, {}), info.weights)
        keys = list(self._descriptions)
        for key, doc in zip(keys, self._engine.pipe([self._descriptions[k] for k in keys]), strict=True):
            _add(sums.setdefault(key, {}), _vector(doc_terms(doc), self._idf, self._default_idf))
        self._comp_vectors = {c: _normalised(v) for c, v in sums.items()}

    def name(self, competency: str) -> str:
        return self.names.get(competency, competency.replace("-", " ").capitalize())

    # -- stories -------------------------------------------------------------------------------------------
    def story_vector(self, feats: TextFeatures) -> dict[str, float]:
        return _memo(self._vectors, feats, lambda: _vector(feats.terms, self._idf, self._default_idf))

    def signal_strength(self, feats: TextFeatures, competency: str) -> float:
        """0..1 from the signal words found; a word common across the question bank counts for less."""
        weight = sum(self._signal_weight(w) for w in feats.signals.get(competency, ()))
        return 1.0 - math.exp(-weight / SIGNAL_SCALE)

    def profile(self, feats: TextFeatures) -> dict[str, float]:
        """Each competency's signal relative to the story's strongest one: what the story is mostly about."""
        def build() -> dict[str, float]:
            strengths = self.competency_evidence(feats)
            top = max(strengths.values(), default=0.0) or 1.0
            return {c: (PROFILE_MIX * v / top + (1 - PROFILE_MIX) * v) for c, v in strengths.items()}

        return _memo(self._profiles, feats, build)

    def competency_evidence(self, feats: TextFeatures) -> dict[str, float]:
        """0..1 per competency: half its signal words, half the story's similarity to the competency's questions."""
        vector = self.story_vector(feats)
        keys = set(self._comp_vectors) | set(feats.signals)
        return {
            c: SIGNAL_SHARE * self.signal_strength(feats, c)
            + (1 - SIGNAL_SHARE) * min(1.0, _cosine(self._comp_vectors.get(c, {}), vector) / LEXICAL_SCALE)
            for c in keys
        }

    def _signal_weight(self, word: str) -> float:
        if " " in word:
            return 1.0
        return self._idf.get(word, self._default_idf) / self._default_idf

    def key_points(self, story: Any, question: Any) -> list[KeyPointCoverage]:
        """Coverage of each key point; a question outside the bank (hidden, say) is read on the fly."""
        qid = getattr(question, "id", question)
        specs = self.questions[qid].specs if qid in self.questions else self._specs(question)
        return cover_all(specs, self.features.story(story))

    def _specs(self, question: Any) -> tuple[KeyPointSpec, ...]:
        points = list(getattr(question, "key_points", None) or [])
        key = text_hash(points)
        if key not in self._extra_specs:
            docs = self._engine.pipe(points)
            self._extra_specs[key] = tuple(key_point_spec(p, d, self.words) for p, d in zip(points, docs, strict=True))
        return self._extra_specs[key]

    def _info(self, question: Any) -> QuestionInfo:
        """The bank's reading of a question; a record outside the bank (a hidden question) is read now."""
        qid = getattr(question, "id", question)
        if qid in self.questions:
            return self.questions[qid]
        if not hasattr(question, "text"):
            raise KeyError(f"Unknown question {qid!r}")
        doc, extra = self._engine.pipe([question.text, " ".join([question.assesses or "", *(question.key_points or [])])])
        terms = _merge(doc_terms(doc), QUESTION_TEXT_WEIGHT, doc_terms(extra))
        return QuestionInfo(qid, question.text, tuple(question.competencies or ()),
                            _vector(terms, self._idf, self._default_idf), self._specs(question))

    # -- scoring -------------------------------------------------------------------------------------------
    def fit(self, story: Any, feats: TextFeatures, info: QuestionInfo, readiness: float = 0.0) -> Suggestion:
        tagged = set(getattr(story, "competencies", None) or [])
        vector = self.story_vector(feats)
        lexical = min(1.0, _cosine(info.weights, vector) / LEXICAL_SCALE)
        profile = self.profile(feats)
        evidence = [1.0 if c in tagged else profile.get(c, 0.0) for c in info.competencies]
        comp = (0.5 * sum(evidence) / len(evidence) + 0.5 * max(evidence)) if evidence else 0.0
        coverage = cover_all(info.specs, feats)
        kp = sum(1 for k in coverage if k.covered) / len(coverage) if coverage else 0.0
        raw = WEIGHTS["lexical"] * lexical + WEIGHTS["competency"] * comp + WEIGHTS["key_points"] * kp
        score = (raw + READINESS_WEIGHT * max(0.0, min(1.0, readiness))) / (1.0 + READINESS_WEIGHT)
        reasons = self._competency_reasons(info.competencies, tagged, feats)
        reasons += _key_point_reasons(coverage)
        reasons += _shared_reasons(info.weights, vector, feats)
        return Suggestion(None, "", round(min(1.0, max(0.0, score)), 3), reasons, coverage)

    def _competency_reasons(self, competencies: Sequence[str], tagged: set[str], feats: TextFeatures) -> list[str]:
        out: list[str] = []
        for comp in competencies:
            if comp in tagged:
                out.append(f"tagged {self.name(comp)}")
            elif len(feats.signals.get(comp, ())) >= 2:
                shown = ", ".join(feats.display.get(w, w) for w in feats.signals[comp][:3])
                out.append(f"shows {self.name(comp).lower()}: {shown}")
        return out

    # -- rankings ------------------------------------------------------------------------------------------
    def questions_for_story(self, story: Any, limit: int | None = None,
                            question_ids: Sequence[Any] | None = None) -> list[Suggestion]:
        feats = self.features.story(story)
        linked = {getattr(q, "question_id", q) for q in getattr(story, "questions", None) or []}
        ids = list(question_ids) if question_ids is not None else list(self.questions)
        out = []
        for qid in ids:
            info = self.questions[qid]
            s = self.fit(story, feats, info)
            s.id, s.label, s.linked = qid, info.text, qid in linked
            out.append(s)
        return _ranked(out, limit)

    def stories_for_question(self, question: Any, stories: Sequence[Any], limit: int | None = None,
                             readiness: Mapping[Any, float] | None = None) -> list[Suggestion]:
        info = self._info(question)
        linked = set(getattr(question, "story_ids", None) or [])
        out = []
        for story, feats in zip(stories, self.features.many(stories), strict=True):
            sid = getattr(story, "id", None)
            s = self.fit(story, feats, info, (readiness or {}).get(sid, 0.0))
            own = {getattr(q, "question_id", q) for q in getattr(story, "questions", None) or []}
            s.id, s.label, s.linked = sid, getattr(story, "title", "") or "", sid in linked or info.id in own
            out.append(s)
        return _ranked(out, limit)

    def competencies_for_story(self, story: Any, limit: int | None = None,
                               competencies: Sequence[str] | None = None) -> list[Suggestion]:
        """Competencies by the story's own signal words and its similarity to each competency's questions."""
        feats = self.features.story(story)
        tagged = set(getattr(story, "competencies", None) or [])
        evidence = self.competency_evidence(feats)
        vector = self.story_vector(feats)
        keys = list(competencies) if competencies is not None else sorted(set(self.names) | set(evidence))
        out = []
        for comp in keys:
            reasons = [f"tagged {self.name(comp)}"] if comp in tagged else []
            if feats.signals.get(comp):
                reasons.append("the story says: " + ", ".join(feats.display.get(w, w) for w in feats.signals[comp][:4]))
            shared = _shared_reasons(self._comp_vectors.get(comp, {}), vector, feats)
            reasons += [r.replace("shares:", "shares with its questions:") for r in shared]
            score = evidence.get(comp, 0.0)
            if comp in tagged:  # the user's own tag is evidence too: it lifts the text's score halfway to 1
                score = 0.5 + 0.5 * score
            out.append(Suggestion(comp, self.name(comp), round(score, 3), reasons, linked=comp in tagged))
        return _ranked(out, limit)


KEY_POINT_CODE = "key-point-missing"


def linked_key_points(engine: Engine, stories: Sequence[Any],
                      questions: Sequence[Any]) -> dict[tuple[Any, Any], list[KeyPointCoverage]]:
    """Key-point coverage for every linked (story id, question id) pair, for exports."""
    def linked(story: Any, question: Any) -> bool:
        own = {getattr(link, "question_id", None) for link in getattr(story, "questions", None) or []}
        return story.id in set(getattr(question, "story_ids", None) or []) or question.id in own

    pairs = [(s, q) for q in questions for s in stories if linked(s, q)]
    if not pairs:
        return {}
    matcher = Matcher(engine, [q for q in questions if q.key_points])
    return {(s.id, q.id): matcher.key_points(s, q) for s, q in pairs}


def key_point_findings(question_text: str, coverage: Sequence[KeyPointCoverage]) -> list[Finding]:
    """One note per linked question whose key points the story does not cover (about the whole story)."""
    missing = [k.label for k in coverage if not k.covered]
    if not missing:
        return []
    asks = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    short = question_text if len(question_text) <= 90 else question_text[:89].rstrip() + "…"
    return [Finding(
        code=KEY_POINT_CODE, severity=Severity.INFO.value, section="story", start=0, end=0,
        message=f"The question “{short}” asks for {asks}; your story does not say it.",
        suggestion="Add a sentence that answers this, or link the story to a question it fits better.",
    )]


def _ranked(items: list[Suggestion], limit: int | None) -> list[Suggestion]:
    items.sort(key=lambda s: (-s.score, str(s.label)))
    return items if limit is None else items[: max(0, limit)]


def _key_point_reasons(coverage: Sequence[KeyPointCoverage]) -> list[str]:
    if not coverage:
        return []
    covered = [k.label for k in coverage if k.covered]
    head = f"covers {len(covered)} of {len(coverage)} key points"
    return [f"{head}: {', '.join(covered)}" if covered else head]


def _shared_reasons(qvec: Mapping[str, float], svec: Mapping[str, float], feats: TextFeatures) -> list[str]:
    shared = sorted((t for t in qvec if t in svec), key=lambda t: -qvec[t] * svec[t])[:SHARED_WORDS]
    return [f"shares: {', '.join(feats.display.get(t, t) for t in shared)}"] if shared else []
