"""Quotation stage: direct, mixed and indirect quotes with resolved speakers.

Direct and mixed quotes start from paired quotation marks (``marks.quoted_regions``, which tolerates
unbalanced marks); indirect ones from reporting verbs with a clausal complement ("he added that ...")
and "according to X". The speaker is the subject of the reporting verb, resolved through the actor
stage (pronouns and role nouns included); a quote with no cue of its own continues the previous
speaker when it follows closely, and otherwise has no speaker rather than a guessed one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.extract.quotes.marks import inside
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
CONTINUATION_SENTENCES = 2  # a cue-less quote continues the previous speaker within this distance


def _cue_lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _is_cue(tok: Token, weak: bool = True) -> bool:
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = _cue_lemma(tok)
    return lemma in STRONG_CUES or (weak and lemma in WEAK_CUES)


def _subject(verb: Token) -> Token | None:
    current = verb
    for _ in range(4):
        subj = next((c for c in current.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            return subj
        if current.dep_ in {"conj", "xcomp", "advcl", "ccomp", "relcl"} and current.head is not current:
            current = current.head
            continue
        return None
    return None


def _speaker(cue: Token, entities: DocEntities) -> Actor | None:
    subj = _subject(cue)
    if subj is None:
        return None
    speaker = entities.actor_for(subj)
    if speaker is None and (pair := entities.pair_for(subj)) is not None:
        # "they said" about two people: the first named of the pair, flagged as such.
        first = pair[0]
        speaker = Actor(text=subj.text, span=(subj.idx, subj.idx + len(subj.text)), name=first.name,
                        country=first.country, sector=first.sector, entity_id=first.id,
                        reasons=["coref:pair-first"])
    return speaker


def _sentence_index(sents: list[Span], char: int) -> int:
    for i, s in enumerate(sents):
        if s.start_char <= char < s.end_char:
            return i
    return len(sents) - 1


def _complement(cue: Token) -> Token | None:
    return next((c for c in cue.children if c.dep_ in {"ccomp", "dobj", "xcomp"}), None)


def _char_span(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def extract_quotes(doc: Doc, article: Article, entities: DocEntities, events: list[Event]) -> list[Quote]:
    text = doc.text
    sents = list(doc.sents)
    regions = entities.quotes  # paired once by the actor stage, which needs them for pronouns
    quotes: list[Quote] = []
    covered: list[tuple[int, int]] = []
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
        if any(s <= content[0] and content[1] <= e for s, e in covered) or any(
            cue_span is not None and q.cue_span == cue_span and _overlaps(q.content_span, content) for q in quotes
        ):
            continue  # a fragment of a statement already recorded (same cue, overlapping content)
        if speaker is not None and speaker.name is None:
            speaker = None
        confidence = {"direct": 0.85, "mixed": 0.75}[kind] if cue is not None else (0.5 if speaker else 0.3)
        quote = make(speaker, cue, content, kind, first_sent, confidence, reasons)
        quotes.append(quote)
        covered.append(content)
        previous = (speaker, last_sent)

    # Indirect speech: reporting verb + clause, outside any quotation marks.
    for sent_i, sent in enumerate(sents):
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

    _link_events(quotes, events)
    quotes.sort(key=lambda q: q.content_span)
    return quotes


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
