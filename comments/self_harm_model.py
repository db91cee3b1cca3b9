"""
A second opinion on self-harm: a small logistic-regression model over the question's words.

The rules and cues (``comments.red_flags``, ``comments.self_harm_cues``) each reached
92–98 % of self-harm on the set they were tuned on and only 40–55 % on the next fresh
set, because indirect wording ("he'll be better off", "I looked at the knife block for a
long time") has more forms than rules can list. A model trained on every labelled set
reads the words those questions share, and ``comments.triage`` flags self-harm when the
rules say so *or* the model's probability reaches the threshold stored with it.

- **Features**: the folded Snowball stems triage already computes, in English and in
  Spanish (every question is read in both, like the rules), and each pair of adjacent
  stems in a clause; a stem within three words after a negation in its clause becomes
  ``not_`` + stem ("no quiero morir" is not "quiero morir"). Each feature counts once a
  question. Sentences about the past that the rules treat as history ("years ago",
  "hace años") and that say nothing is back are left out, so a history the reader says is
  over is not brought back by the model.
- **Model**: logistic regression (L2, AdaGrad, a fixed number of passes in the data's
  order); the stored weight of a feature is its log-odds, self-harm against everything
  else (routine questions and urgent questions of other kinds, so it learns self-harm,
  not urgency). Naive Bayes was tried first and is kept to compare (``fit_naive_bayes``).
- **Pure Python**: two classes, a few thousand short texts and a dictionary of weights do
  not need numpy, scipy or scikit-learn, which would triple the install and add tens of
  megabytes to every gunicorn worker.

The model file (``comments/data/self_harm_model.json``) is written by ``manage.py
train_self_harm_model`` (``comments.self_harm_training``), committed, and loaded once per
process. This module reads analysed text only and never imports ``comments.triage``.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "self_harm_model.json"
FORMAT = 1

NEGATIONS = frozenset(
    {"no", "not", "never", "without", "nor", "sin", "nunca", "ni", "tampoco", "nada"}
)
NEGATION_REACH = 3
# Words that weigh in the model but tell a midwife nothing as evidence on their own.
EVIDENCE_FILLER = frozenset(
    """
    i im ive id ill me my mine myself you your he him his she her it its we they theyd them
    their the a an and or but so if to of in on at for with from by as is are was were be
    been being am do does did have has had not no just really honestly so very all this
    that these those there what when then like get got going go feel felt
    yo mi mis me ya lo la las los le les el un una unos unas y o pero que de del en con por
    para a al es son era he ha has han hay se su sus esto eso esta este todo todos toda
    todas muy mas no ni si como cuando porque tan solo
    """.split()  # noqa: SIM905 (a list literal of 140 words would be unreadable)
)
# Stems too short to say anything alone, and the pattern tokens that stand for nothing.
_SKIP = frozenset({"xidiomx", "xalonex"})


def _reads_now(sentence, clause):
    """False for a clause in a sentence about the past that does not say it is back."""
    return not sentence.history or clause in sentence.present


def features(analyses):
    """
    The features of an analysed question (one ``triage.analyse`` per language): a dict
    from feature to the question's words that showed it (the first place it occurs).
    """
    found = {}
    for analysis in analyses:
        prefix = analysis.language + ":"
        tokens = analysis.tokens
        negated_until = -1
        previous = None
        for index, token in enumerate(tokens):
            now = _reads_now(analysis.sentences[token.sentence], token.clause)
            if previous is not None and (previous.clause != token.clause or not now):
                negated_until, previous = -1, None
            if not now:
                continue
            if token.word in _SKIP:
                previous = None
                continue
            if token.word in NEGATIONS:
                negated_until = index + NEGATION_REACH
            stem = token.stem
            if index <= negated_until and token.word not in NEGATIONS:
                stem = "not_" + stem
            found.setdefault(prefix + stem, token.word)
            if previous is not None:
                found.setdefault(
                    prefix + previous.stem + "_" + token.stem, previous.word + " " + token.word
                )
            previous = token
    return found


@dataclass(frozen=True)
class SelfHarmModel:
    """Log-likelihood ratios of features, a prior and the threshold that flags a question."""

    bias: float
    weights: dict
    threshold: float

    def score(self, found):
        """The log-odds of self-harm for the features ``found`` (``features``' result)."""
        weights = self.weights
        return self.bias + sum(weights.get(feature, 0.0) for feature in found)

    def probability(self, found):
        """The probability of self-harm for the features ``found``, always in [0, 1]."""
        score = self.score(found)
        if score >= 0:
            return 1.0 / (1.0 + math.exp(-min(score, 700.0)))
        odds = math.exp(max(score, -700.0))
        return odds / (1.0 + odds)

    def flags(self, found):
        return self.probability(found) >= self.threshold

    def top_words(self, found, count=3):
        """
        The question's words that pushed most towards self-harm, strongest first, each once
        (a word that is also in a stronger pair is not repeated).
        """
        ranked = sorted(
            ((self.weights.get(feature, 0.0), words) for feature, words in found.items()),
            key=lambda item: (-item[0], item[1]),
        )
        chosen = []
        for weight, words in ranked:
            if weight <= 0 or len(chosen) == count:
                break
            if all(word in EVIDENCE_FILLER or len(word) < 3 for word in words.split()):
                continue
            if any(words in other.split() or other in words.split() for other in chosen):
                continue
            if words not in chosen:
                chosen.append(words)
        return chosen

    def to_json(self):
        """The model file's text: sorted, rounded, the same bytes for the same data."""
        return (
            json.dumps(
                {
                    "format": FORMAT,
                    "bias": round(self.bias, 4),
                    "threshold": round(self.threshold, 4),
                    "weights": {
                        feature: round(weight, 4)
                        for feature, weight in sorted(self.weights.items())
                    },
                },
                ensure_ascii=False,
                sort_keys=True,
                indent=0,
            )
            + "\n"
        )

    @classmethod
    def from_json(cls, text):
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown self-harm model format {data.get('format')!r}")
        return cls(float(data["bias"]), dict(data["weights"]), float(data["threshold"]))


def _vocabulary(examples, min_count):
    seen = {}
    for found, _ in examples:
        for feature in found:
            seen[feature] = seen.get(feature, 0) + 1
    return {feature for feature, number in seen.items() if number >= min_count}


# Logistic regression's training: passes over the data, the L2 penalty, AdaGrad's step.
EPOCHS = 20
L2 = 1e-3
STEP = 0.5


def fit(examples, *, threshold=0.5, min_count=2):
    """
    A model from ``examples``, (features, is_self_harm) pairs: logistic regression over
    features seen in at least ``min_count`` questions, trained by AdaGrad in the order
    given (so the same data gives the same weights).

    Naive Bayes (``fit_naive_bayes``) counts each word twice when both languages stem it
    alike and each pair again with its words, so its probabilities sit at 0 or 1 and a
    short question of a few self-harm words ("I can't stop bleeding") reads as certain;
    logistic regression weighs features together. Left one set out, at the same false
    alarms it finds more (README, "The self-harm model").
    """
    examples = [(found, positive) for found, positive in examples]
    vocabulary = _vocabulary(examples, min_count)
    kept = [([feature for feature in found if feature in vocabulary], y) for found, y in examples]
    weights, squares = {}, {}
    bias, bias_squares = 0.0, 1e-8
    for _ in range(EPOCHS):
        for found, positive in kept:
            score = bias + sum(weights.get(feature, 0.0) for feature in found)
            probability = 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))
            error = probability - (1.0 if positive else 0.0)
            bias_squares += error * error
            bias -= STEP * error / math.sqrt(bias_squares)
            for feature in found:
                gradient = error + L2 * weights.get(feature, 0.0)
                squares[feature] = squares.get(feature, 1e-8) + gradient * gradient
                weights[feature] = weights.get(feature, 0.0) - STEP * gradient / math.sqrt(
                    squares[feature]
                )
    return SelfHarmModel(bias, weights, threshold)


def fit_naive_bayes(examples, *, threshold=0.5, min_count=2):
    """
    A model from ``examples``, (features, is_self_harm) pairs: add-one smoothed multinomial
    naive Bayes over features seen in at least ``min_count`` questions (the first model
    tried; kept to compare, see ``fit``).
    """
    documents = {True: 0, False: 0}
    counts = {True: {}, False: {}}
    seen = {}
    for found, positive in examples:
        documents[positive] += 1
        for feature in found:
            counts[positive][feature] = counts[positive].get(feature, 0) + 1
            seen[feature] = seen.get(feature, 0) + 1
    vocabulary = sorted(feature for feature, number in seen.items() if number >= min_count)
    totals = {
        label: sum(counts[label].get(feature, 0) for feature in vocabulary) + len(vocabulary)
        for label in (True, False)
    }
    weights = {}
    for feature in vocabulary:
        weights[feature] = math.log((counts[True].get(feature, 0) + 1) / totals[True]) - math.log(
            (counts[False].get(feature, 0) + 1) / totals[False]
        )
    bias = math.log((documents[True] + 1) / (documents[False] + 1))
    return SelfHarmModel(bias, weights, threshold)


@lru_cache(maxsize=1)
def load():
    """The committed model, read once per process; None when there is no model file."""
    try:
        text = MODEL_PATH.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return SelfHarmModel.from_json(text)
