"""
How the model's threshold is chosen (left one set out, the most self-harm found while
routine false alarms stay at or under 5 %) and how the model is trained.
"""

from comments import self_harm_model
from comments.self_harm_training import Scored, choose_threshold, point


def scored(probability, *, self_harm=False, routine=False, rules=False, declined=False):
    row = {
        "text": "x",
        "language": "en",
        "urgent": not routine,
        "category": None if routine else ("self_harm" if self_harm else "bleeding"),
    }
    return Scored("set", row, probability, rules, declined)


def test_the_lowest_threshold_within_the_false_alarm_limit_is_chosen():
    # 20 routine questions: 5 % allows one false alarm, so 0.5 (not 0.4) is the lowest.
    items = [scored(p, self_harm=True) for p in (0.95, 0.8, 0.5, 0.3)]
    items += [scored(0.6, routine=True), scored(0.4, routine=True)]
    items += [scored(0.01, routine=True) for _ in range(18)]
    assert choose_threshold(items, minimum=0) == 0.5
    assert point(items, 0.5).model_found == 3
    assert choose_threshold(items, max_false_alarms=0.10, minimum=0) == 0.3


def test_the_threshold_is_never_under_the_minimum():
    items = [scored(p, self_harm=True) for p in (0.95, 0.3)]
    items += [scored(0.01, routine=True) for _ in range(20)]
    assert choose_threshold(items, minimum=0) == 0.3
    # Over 0.5 only the 0.95 is found, and of thresholds finding as many the highest is kept.
    assert choose_threshold(items) == 0.95
    items.append(scored(0.6, self_harm=True))
    assert choose_threshold(items) == 0.6


def test_the_rules_false_alarms_count_against_the_limit():
    items = [scored(0.9, self_harm=True), scored(0.5, self_harm=True)]
    items += [scored(0.01, routine=True, rules=True)]
    items += [scored(0.6, routine=True)] + [scored(0.01, routine=True) for _ in range(18)]
    # The rules' false alarm already uses the 5 %: the model may not add one.
    assert choose_threshold(items, minimum=0) == 0.9


def test_no_threshold_when_none_keeps_false_alarms_low():
    items = [scored(0.9, routine=True), scored(0.9, self_harm=True)]
    assert choose_threshold(items, minimum=0) == 1.0


def test_a_declined_question_is_never_flagged_by_the_model():
    item = scored(0.99, routine=True, declined=True)
    assert not item.model_flags(0.5)
    assert point([item], 0.5).false_alarms == 0


def test_the_model_stays_out_of_questions_the_rules_flagged():
    item = scored(0.99, rules=True)
    assert item.model_alone(0.5) and not item.model_flags(0.5)


def test_training_is_deterministic_and_learns_the_positive_words():
    examples = [({"en:drain": "drain", "en:tired": "tired"}, True)] * 5 + [
        ({"en:brie": "brie", "en:tired": "tired"}, False)
    ] * 5
    first, second = self_harm_model.fit(examples), self_harm_model.fit(examples)
    assert first.to_json() == second.to_json()
    assert first.probability({"en:drain": "drain"}) > 0.5 > first.probability({"en:brie": "b"})


def test_naive_bayes_is_kept_to_compare():
    examples = [({"en:drain": "drain"}, True)] * 3 + [({"en:brie": "brie"}, False)] * 3
    model = self_harm_model.fit_naive_bayes(examples)
    assert model.probability({"en:drain": "drain"}) > 0.5 > model.probability({"en:brie": "b"})
