"""
A page's text with the check's findings marked in it: its longest sentences
and its hardest words, where they are, for the plain-language report of a
page.

The marks are data (runs of plain text, never HTML): the template escapes
every run, so nothing an editor wrote reaches the report as markup.
"""

from dataclasses import dataclass, field

from healthinfo.plain_language.analysis import sentence_spans, word_matches


@dataclass(frozen=True)
class Run:
    """Plain text; ``syllables`` when it is one of the hardest words."""

    text: str
    syllables: int = 0


@dataclass
class Sentence:
    """A sentence (or the space between two); ``words`` when it is among the longest."""

    runs: list = field(default_factory=list)
    words: int = 0


@dataclass
class Block:
    """A heading or a paragraph (a list item, a table cell…) as readers see it."""

    kind: str
    sentences: list = field(default_factory=list)

    @property
    def is_heading(self):
        return self.kind == "heading"


def _runs(text, hard):
    runs, start = [], 0
    for word in word_matches(text):
        syllables = hard.get(word.group().casefold())
        if syllables:
            if word.start() > start:
                runs.append(Run(text[start : word.start()]))
            runs.append(Run(word.group(), syllables))
            start = word.end()
    if start < len(text):
        runs.append(Run(text[start:]))
    return runs


def highlight(blocks, report):
    """
    ``blocks`` (``(kind, text)`` pairs, as given to ``analyse``) as ``Block``
    values, with ``report``'s longest sentences and hardest words marked.
    """
    long = {item["text"]: item["words"] for item in report.longest_sentences}
    hard = {item["word"].casefold(): item["syllables"] for item in report.hard_words}
    marked = []
    for kind, text in blocks:
        block = Block(kind)
        position = 0
        for start, end in sentence_spans(text):
            if start > position:
                block.sentences.append(Sentence(_runs(text[position:start], hard)))
            sentence = text[start:end]
            words = long.get(sentence.strip(), 0) if kind != "heading" else 0
            block.sentences.append(Sentence(_runs(sentence, hard), words))
            position = end
        marked.append(block)
    return marked
