"""
The self-harm model on any text a reader may post: never an error, always a probability
in [0, 1], and quick (triage runs on every post).
"""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from comments import self_harm_model
from comments.evaluation import load_triage_dataset, triage_datasets
from comments.triage import STEMMERS, analyse, triage


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gets_a_probability_between_0_and_1(text):
    result = triage(text)
    assert 0.0 <= result.self_harm_probability <= 1.0


@given(st.lists(st.text(max_size=30), max_size=40), st.floats(-1e6, 1e6))
def test_extreme_weights_still_give_a_probability(features, weight):
    model = self_harm_model.SelfHarmModel(weight, dict.fromkeys(features, weight), 0.5)
    found = {feature: feature for feature in features}
    assert 0.0 <= model.probability(found) <= 1.0


def test_the_model_adds_under_a_millisecond_a_question():
    model = self_harm_model.load()
    texts = [row["text"] for row in load_triage_dataset(triage_datasets()[0])][:200]
    analysed = [[analyse(text, language) for language in STEMMERS] for text in texts]
    started = time.perf_counter()
    for analyses in analysed:
        model.probability(self_harm_model.features(analyses))
    per_question = (time.perf_counter() - started) / len(texts)
    assert per_question < 0.001, f"{per_question * 1000:.2f} ms"
