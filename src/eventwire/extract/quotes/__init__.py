"""Quotation stage: attributions (direct, mixed and indirect quotes) with resolved speakers.

Two passes. (1) ``learned.find_attributions``: a cue model trained on PolNeAR (``model.py``) picks
attribution cues -- reporting verbs ("said", "told reporters", "warned"), belief and intention verbs
("believes", "wants"), nouns ("claim", "call for"), "according to", a colon, a dash signing a vox-pop
quote -- and a content model picks each cue's content among parse-derived spans (the clausal complement
with its "that", the object, the quotation beside the cue, the clause an "according to" or a "he said"
is inserted in, the rest of the sentence after a colon). `"A," Jones said. "B."` is one statement, and a
quotation that runs over several paragraphs is one region (``marks.quoted_regions``).
(2) The rule-based pass (``_rule_quotes``) keeps quoted regions no cue claimed: their nearest cue,
"according to", or the previous speaker; a quoted sentence nobody can be found for is kept with no
speaker and low confidence, while a speakerless scare-quoted phrase is dropped. Without the model file
the rule pass also finds indirect speech from reporting verbs.

The speaker is the cue's source (subject, passive agent, possessor of a noun cue, object of "according
to", the name after a signing dash) resolved through the actor stage: pronouns and role nouns to their
entities, "who"/"which" to the noun they modify, a leftover "it"/"they" to the nearest organisation or
plural subject, "I"/"we" inside a quotation to the quote's speaker and outside one to "the author";
unnamed sources keep their description ("a senior White House official", "sources"). A speaker is never
a pronoun: null rather than a guess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.extract.quotes.marks import inside
from eventwire.extract.quotes.model import climb_to_subject
from eventwire.nlp import doc_text, sentence_of
from eventwire.records import Actor, Article, Event, Quote, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from eventwire.extract.actors import DocEntities

# Reporting verbs (lemmas). Strong ones introduce indirect speech on their own.
STRONG_CUES = {
    "say", "tell", "add", "detail", "stress", "reiterate", "reply", "warn", "confirm", "announce", "explain",
    "note", "insist", "argue", "claim", "declare", "state", "write", "report", "acknowledge", "admit",
    "tweet", "predict", "promise", "vow", "suggest", "indicate", "emphasize", "emphasise",
    "underline", "assure", "comment", "complain", "conclude", "contend", "maintain", "recall", "remark",
    "reveal", "signal", "allege", "deny", "accuse", "urge", "ask", "caution", "concede", "agree", "pledge",
    "threaten", "testify", "disclose", "observe", "estimate", "forecast", "answer", "describe",
    "praise", "criticize", "criticise", "condemn", "demand", "propose", "repeat", "highlight",
}
WEAK_CUES = {"believe", "think", "feel", "hope", "fear", "expect", "know", "discuss", "worry", "want", "see"}
SUBJECTS = {"nsubj", "nsubjpass"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
QUANTIFIER_PRONOUNS = {"everyone", "everybody", "many", "some", "others", "all", "most", "few", "none", "anyone",
                       "someone", "somebody", "nobody", "several", "both", "one", "each", "anybody"}
PRONOUN_NAMES = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "they", "them", "it", "who", "which",
                 "that", "whom", "his", "its", "their", "our", "my", "this", "these", "those"}
CONTINUATION_SENTENCES = 2  # a cue-less quote continues the previous speaker within this distance


def _cue_lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _is_cue(tok: Token, weak: bool = True) -> bool:
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = _cue_lemma(tok)
    return lemma in STRONG_CUES or (weak and lemma in WEAK_CUES)


def _subject(verb: Token) -> Token | None:
    return climb_to_subject(verb, SUBJECTS, {"conj", "xcomp", "advcl", "ccomp", "relcl"}, 4)


def _speaker(cue: Token, entities: DocEntities) -> Actor | None:
    return _resolve_source(_subject(cue), entities)[0]


def _sentence_index(sents: list[Span], char: int) -> int:
    for i, s in enumerate(sents):
        if s.start_char <= char < s.end_char:
            return i
    return len(sents) - 1


def _complement(cue: Token) -> Token | None:
    return next((c for c in cue.children if c.dep_ in {"ccomp", "dobj", "xcomp"}), None)


def _char_span(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _rule_quotes(doc: Doc, article: Article, entities: DocEntities, taken: list[tuple[int, int]],
                 indirect: bool = True, used_cues: set[tuple[int, int]] | None = None,
                 sents: list[Span] | None = None) -> list[Quote]:
    """The rule-based pass: quoted regions not already covered by ``taken`` contents (their nearest
    cue, "according to", or the previous speaker), and, when ``indirect``, reporting-verb clauses.
    A cue in ``used_cues`` already has its statement: a region it would claim again is a fragment."""
    used_cues = used_cues or set()
    text = doc_text(doc)
    sents = sents if sents is not None else list(doc.sents)  # spaCy rebuilds them on every access
    regions = entities.quotes  # paired once by the actor stage, which needs them for pronouns
    quotes: list[Quote] = []
    covered: list[tuple[int, int]] = list(taken)
    previous: tuple[Actor | None, int] | None = None  # (speaker, sentence index) of the last quote

    def make(speaker, cue, content_span, kind, sent_i, confidence, reasons) -> Quote:
        start, end = content_span
        return Quote(
            id=stable_id(article.id, str(start), str(end), prefix="q"),
            article_id=article.id,
            speaker=speaker,
            cue_text=cue.text if cue is not None else "",
            cue_span=(cue.idx, cue.idx + len(cue.text)) if cue is not None else None,
            content_text=text[start:end],
            content_span=(start, end),
            kind=kind,
            sentence_index=sent_i,
            confidence=confidence,
            reasons=reasons,
        )

    for start, end in regions:
        if any(_overlaps((start, end), t) for t in taken):
            continue
        first_sent = _sentence_index(sents, start)
        last_sent = _sentence_index(sents, max(start, end - 1))
        window = sents[first_sent : last_sent + 1]
        # The sentence after a quote can hold its cue when the tagger split `..." he said.`
        if last_sent + 1 < len(sents) and sents[last_sent + 1].start_char - end < 4:
            window.append(sents[last_sent + 1])
        cue = _find_cue(window, start, end, regions)
        reasons: list[str] = []
        speaker: Actor | None = None
        kind = "direct"
        content = (start, end)
        if cue is not None:
            speaker = _speaker(cue, entities)
            reasons.append(f"cue:{_cue_lemma(cue)}")
            if _cue_governs(cue, start):
                comp = _complement(cue)
                if comp is not None and not _is_full_sentence_quote(text, start, end):
                    kind = "mixed"
                    sub = sorted(comp.subtree, key=lambda t: t.i)
                    sub = [t for t in sub if not t.is_space]
                    cs = _char_span(sub)
                    content = (min(cs[0], start), max(cs[1], end))
        else:
            according = _according_to(window, entities)
            if according is not None:
                speaker = according[0]
                reasons.append("cue:according-to")
            elif previous is not None and first_sent - previous[1] <= CONTINUATION_SENTENCES and previous[0] is not None:
                speaker = previous[0]
                reasons.append("speaker:continuation")
        cue_span = (cue.idx, cue.idx + len(cue.text)) if cue is not None else None
        if cue_span is not None and cue_span in used_cues:
            continue
        if any(s <= content[0] and content[1] <= e for s, e in covered) or any(
            cue_span is not None and q.cue_span == cue_span and _overlaps(q.content_span, content) for q in quotes
        ):
            continue  # a fragment of a statement already recorded (same cue, overlapping content)
        if speaker is not None and speaker.name is None:
            speaker = None
        if speaker is None and not _statement_like(text[content[0]:content[1]]):
            continue  # a scare-quoted word or a title with nobody behind it is not a statement
        confidence = {"direct": 0.85, "mixed": 0.75}[kind] if cue is not None else (0.5 if speaker else 0.3)
        if speaker is None:
            confidence = min(confidence, 0.3)
            reasons.append("speaker:unknown")
        quote = make(speaker, cue, content, kind, first_sent, confidence, reasons)
        quotes.append(quote)
        covered.append(content)
        previous = (speaker, last_sent)

    # Indirect speech: reporting verb + clause, outside any quotation marks.
    for sent_i, sent in enumerate(sents if indirect else []):
        for tok in sent:
            if not _is_cue(tok, weak=False) or inside(regions, tok.idx):
                continue
            comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if comp is None:
                continue
            sub = [t for t in sorted(comp.subtree, key=lambda t: t.i) if not t.is_space and not t.is_punct]
            if len(sub) < 3:
                continue
            span = _char_span(sub)
            if any(s < span[1] and span[0] < e for s, e in covered) or inside(regions, span[0], span[1]):
                continue
            speaker = _speaker(tok, entities)
            if speaker is None:
                continue
            quotes.append(make(speaker, tok, span, "indirect", sent_i, 0.65, [f"cue:{_cue_lemma(tok)}", "indirect:ccomp"]))
            covered.append(span)
        # "According to X, ..." / "..., according to X": the rest of the sentence is X's statement.
        found = _according_to([sent], entities)
        if found is not None:
            speaker, phrase = found
            rest = [t for t in sent if t.i not in phrase and not t.is_space and not t.is_punct]
            if len(rest) >= 3 and (rest[0].i > max(phrase) or rest[-1].i < min(phrase)):
                span = _char_span(rest)
                if not any(_overlaps((s, e), span) for s, e in covered) and not inside(regions, span[0], span[1]):
                    quotes.append(make(speaker, None, span, "indirect", sent_i, 0.6, ["cue:according-to"]))
                    covered.append(span)

    return quotes


def extract_quotes(doc: Doc, article: Article, entities: DocEntities, events: list[Event]) -> list[Quote]:
    """All attributions of one article: learned cues and contents first, then quoted regions left over."""
    from eventwire.extract.quotes.learned import find_attributions
    from eventwire.extract.quotes.model import load_model

    text = doc_text(doc)
    sents = list(doc.sents)
    regions = entities.quotes
    quotes: list[Quote] = []
    found = find_attributions(doc, regions)
    for f in found:
        start, end = f.content
        speaker, speaker_reasons = _resolve_source(f.source, entities)
        kind = _kind(regions, f.content, f.content_kind)
        cue_reason = "cue:according-to" if f.cue.lower_ == "according" else f"cue:{_cue_lemma(f.cue)}"
        reasons = [cue_reason, f"model:cue:{f.cue_prob:.2f}", f"content:{f.content_kind}",
                   *speaker_reasons]
        cue_text = f.cue.text
        quotes.append(Quote(
            id=stable_id(article.id, str(start), str(end), str(f.cue.idx), prefix="q"),
            article_id=article.id,
            speaker=speaker,
            cue_text="" if f.cue.lower_ == "according" else cue_text,
            cue_span=None if f.cue.lower_ == "according" else (f.cue.idx, f.cue.idx + len(f.cue.text)),
            content_text=text[start:end],
            content_span=(start, end),
            kind=kind,
            sentence_index=_sentence_index(sents, start),
            confidence=round(min(0.95, 0.3 + 0.6 * f.cue_prob) if speaker else 0.3 + 0.3 * f.cue_prob, 3),
            reasons=reasons,
            cue_class=cue_class(f.cue, kind),
        ))
    quotes += _rule_quotes(doc, article, entities, [q.content_span for q in quotes], sents=sents,
                           indirect=load_model() is None, used_cues={q.cue_span for q in quotes if q.cue_span})
    _first_person_speakers(quotes, regions)
    _link_events(quotes, events)
    quotes.sort(key=lambda q: (q.content_span, q.cue_span or (0, 0)))
    return quotes


# Cue classes. PolNeAR annotates attributions cued by speech, by thought and by acts ("withdrew",
# "published", "nominated"); every one is kept, with a class, so that "who said what" can leave acts out.
SPEECH_VERBS = STRONG_CUES | {
    "call", "respond", "counter", "assert", "speculate", "joke", "boast", "recommend", "advise", "inform",
    "notify", "mention", "question", "dispute", "disagree", "rule", "post", "insist", "point", "blame",
    "dismiss", "reject", "welcome", "defend", "challenge", "tout", "brag", "lament", "thank", "brief",
}
THOUGHT_VERBS = WEAK_CUES | {
    "doubt", "find", "conclude", "consider", "assume", "suspect", "recognize", "recognise", "realize",
    "realise", "understand", "remember", "hear", "read", "learn", "intend", "plan", "wonder", "guess",
    "imagine", "mean", "seem", "appear", "sound", "like", "decide", "show", "prove", "suggest",
}
CUE_CLASSES = ("speech", "thought", "act")


def cue_class(cue: Token, kind: str) -> str:
    """speech, thought or act. Quotations, nouns ("claim"), "according to", colons and dashes are speech."""
    lemma = _cue_lemma(cue)
    if kind != "indirect" or cue.pos_ not in {"VERB", "AUX"} or lemma in SPEECH_VERBS:
        return "speech"
    return "thought" if lemma in THOUGHT_VERBS else "act"


def _kind(regions: list[tuple[int, int]], content: tuple[int, int], content_kind: str = "region") -> str:
    """direct: the content is a quotation standing on its own; mixed: quoted words inside reported
    speech (a quoted phrase the cue governs, "warned of 'strong economic measures'"); else indirect."""
    start, end = content
    standalone = content_kind.split(":")[0].split("+")[0] in {"region", "signature", "after", "before", "head-minus"}
    for s, e in regions:
        if s - 1 <= start and end <= e + 1 and (s - start) + (end - e) >= -2:
            return "direct" if standalone else "mixed"
    if any(start <= s and e <= end for s, e in regions):
        return "mixed"
    return "indirect"


def _resolve_source(tok: Token | None, entities: DocEntities) -> tuple[Actor | None, list[str]]:
    """The speaker behind a source token: an entity when the actor stage knows one (pronouns and role
    nouns resolved), else an unnamed description ("sources", "a senior official"); never a pronoun."""
    if tok is None:
        return None, ["speaker:none"]
    actor = entities.actor_for(tok)
    reasons: list[str] = []
    if actor is None and (pair := entities.pair_for(tok)) is not None:
        first = pair[0]
        actor = Actor(text=tok.text, span=(tok.idx, tok.idx + len(tok.text)), name=first.name,
                      country=first.country, sector=first.sector, entity_id=first.id, reasons=["coref:pair-first"])
    if actor is None and tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        antecedent = tok.head.head
        resolved, _ = _resolve_source(antecedent, entities) if antecedent.lower_ not in RELATIVE_PRONOUNS else (None, [])
        if resolved is not None:
            actor = Actor(text=tok.text, span=(tok.idx, tok.idx + len(tok.text)), name=resolved.name,
                          country=resolved.country, sector=resolved.sector, entity_id=resolved.entity_id,
                          reasons=["coref:relative", *resolved.reasons[:2]])
    if actor is None and tok.lower_ in {"it", "they"}:
        actor = _nearest_group(tok, entities)
    if actor is None and tok.lower_ in {"i", "we"} and not inside(entities.quotes, tok.idx):
        # First person outside any quotation: the writer of the piece (op-eds, editorials, letters).
        actor = Actor(text=tok.text, span=(tok.idx, tok.idx + len(tok.text)), name="the author",
                      reasons=["first-person:author"])
    if actor is None and (tok.pos_ in {"NOUN", "PROPN"} or tok.lower_ in QUANTIFIER_PRONOUNS):
        from eventwire.extract.actors import _phrase_tokens

        phrase = _phrase_tokens(tok)
        words = tok.doc[phrase[0].i : phrase[-1].i + 1].text
        if words:
            actor = Actor(text=words, span=(phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)), name=words,
                          reasons=["unnamed-source:description"])
    if actor is None or not actor.name or actor.name.lower() in PRONOUN_NAMES:
        return None, [f"speaker:unresolved:{tok.lower_}"]
    return actor, reasons


def _nearest_group(tok: Token, entities: DocEntities) -> Actor | None:
    """"it"/"they" the actor stage left alone: the nearest earlier organisation or country (for "they"
    also a plural noun subject: "Republicans ... they said") within the last two sentences."""
    doc = tok.doc
    registry = entities.registry
    floor = sentence_of(tok)[0]
    if floor > 0:
        floor = sentence_of(doc[floor - 1])[0]
    for i in range(tok.i - 1, max(floor, tok.i - 120) - 1, -1):
        eid = registry.token_entity.get(i)
        if eid is not None:
            ent = registry.entities.get(eid)
            if ent is not None and ent.kind in {"ORG", "GPE"} and not inside(entities.quotes, doc[i].idx):
                return Actor(text=tok.text, span=(tok.idx, tok.idx + len(tok.text)), name=ent.name,
                             country=ent.country, sector=ent.sector, entity_id=ent.id,
                             reasons=["coref:nearest-organisation"])
        cand = doc[i]
        if cand.dep_ in SUBJECTS and cand.pos_ in {"NOUN", "PROPN"} and not inside(entities.quotes, cand.idx) and (
            (tok.lower_ == "they" and cand.tag_ in {"NNS", "NNPS"})
            or (tok.lower_ == "it" and cand.tag_ in {"NN", "NNP"} and entities.actor_for(cand) is None)
        ):
            resolved = entities.actor_for(cand)
            from eventwire.extract.actors import _phrase_tokens

            phrase = _phrase_tokens(cand)
            name = resolved.name if resolved is not None and resolved.name else \
                doc[phrase[0].i : phrase[-1].i + 1].text
            return Actor(text=tok.text, span=(tok.idx, tok.idx + len(tok.text)), name=name,
                         country=resolved.country if resolved else None, sector=resolved.sector if resolved else None,
                         entity_id=resolved.entity_id if resolved else None, reasons=["coref:plural-subject"])
    return None


def _first_person_speakers(quotes: list[Quote], regions: list[tuple[int, int]]) -> None:
    """"I"/"we" inside a quotation speak with the voice of the quote around them."""
    for q in quotes:
        if q.speaker is not None or q.cue_span is None or not inside(regions, q.cue_span[0]):
            continue
        outer = [o for o in quotes if o is not q and o.speaker is not None and o.kind != "indirect"
                 and o.content_span[0] <= q.cue_span[0] < o.content_span[1]]
        first_person = any(r in {"speaker:unresolved:i", "speaker:unresolved:we"} for r in q.reasons)
        if outer and first_person:
            q.speaker = outer[0].speaker
            q.reasons.append("speaker:enclosing-quote")


def _find_cue(window: list[Span], start: int, end: int, regions: list[tuple[int, int]]) -> Token | None:
    best: tuple[int, Token] | None = None
    for sent in window:
        for tok in sent:
            if not _is_cue(tok) or inside(regions, tok.idx):
                continue
            if _cue_governs(tok, start):
                # The quote sits inside the verb's own clause: best evidence; the innermost verb wins.
                distance = -100_000 + sum(1 for _ in tok.subtree)
            elif tok.idx >= end:
                distance = tok.idx - end
            else:
                distance = start - tok.idx
            if distance > 120:
                continue
            if best is None or distance < best[0]:
                best = (distance, tok)
    return best[1] if best else None


def _cue_governs(cue: Token, char: int) -> bool:
    """True when the quoted text begins inside the cue verb's complement (a mixed or embedded quote)."""
    for child in cue.children:
        if child.dep_ in {"ccomp", "dobj", "xcomp", "advcl", "prep"}:
            toks = [t for t in child.subtree]
            if toks and toks[0].idx <= char <= toks[-1].idx + len(toks[-1].text):
                return True
    return False


def _statement_like(chunk: str) -> bool:
    """A quoted sentence someone said (four words or more, capitalised), not a scare-quoted phrase."""
    words = chunk.split()
    return len(words) >= 4 and chunk.lstrip("\"\u201c\u2018' ")[:1].isupper()


def _is_full_sentence_quote(text: str, start: int, end: int) -> bool:
    chunk = text[start:end].strip()
    return bool(chunk) and chunk[0].isupper() and chunk[-1] in ".,?!" and len(chunk.split()) > 4


def _according_to(window: list[Span], entities: DocEntities) -> tuple[Actor, set[int]] | None:
    """The coded source of an "according to X" phrase and the token indices of that phrase."""
    for sent in window:
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
                obj = next((c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
                actor = entities.actor_for(obj) if obj is not None else None
                if actor is not None:
                    phrase = {tok.i, tok.i + 1, *(t.i for t in obj.subtree)}
                    return actor, phrase
    return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _link_events(quotes: list[Quote], events: list[Event]) -> None:
    for quote in quotes:
        for event in events:
            if quote.content_span[0] <= event.trigger_span[0] < quote.content_span[1]:
                quote.event_id = event.id
                break


__all__ = ["extract_quotes"]
