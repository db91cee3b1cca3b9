import pytest

from comments import self_harm_model


@pytest.fixture
def rules_alone(monkeypatch):
    """
    Triage without the self-harm model: for tests of the rules' own wording and context.
    The model's second opinion and its false alarms are measured left one set out
    (``manage.py triage_report --cross-validate``) and tested in ``test_self_harm_model_*``.
    """
    monkeypatch.setattr(self_harm_model, "load", lambda: None)
