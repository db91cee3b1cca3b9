"""
What editors maintain for the plain-language checks (the glossary and the
targets) and what the checks store per page (``ReadabilityScore``, so that the
report lists thousands of pages with one query).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from healthinfo.plain_language.analysis import FORMULAS, GlossaryEntry, formula_for


def _lines(text):
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


class GlossaryTermQuerySet(models.QuerySet):
    def entries(self, language):
        """The glossary of ``language`` as ``GlossaryEntry`` values for ``analyse`` (one query)."""
        return [term.entry for term in self.filter(language=language)]


class GlossaryTerm(models.Model):
    """
    A medical term readers may not know, with the plain words to use instead
    ("cerclage" → "a stitch in the cervix"). A page that uses the term without
    one of its plain alternatives is flagged to its editors.
    """

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    term = models.CharField(_("term"), max_length=100)
    other_forms = models.TextField(
        _("other forms"),
        blank=True,
        help_text=_("Plurals and other spellings that mean the same, one per line."),
    )
    plain_alternatives = models.TextField(
        _("plain alternatives"),
        help_text=_(
            "Plain words to use instead, or to explain the term with, one per line. A page that "
            "uses one of them is not flagged."
        ),
    )
    note = models.CharField(
        _("note for editors"),
        max_length=300,
        blank=True,
        help_text=_("When the term is still the right word, and how to explain it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "term"], name="unique_glossary_term_per_language"
            )
        ]
        ordering = ["language", "term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self):
        return self.term

    def clean(self):
        self.term = " ".join(self.term.split())
        if not _lines(self.plain_alternatives):
            raise ValidationError({"plain_alternatives": _("Give at least one plain alternative.")})
        forms = {form.casefold() for form in (self.term, *_lines(self.other_forms))}
        if forms & {plain.casefold() for plain in _lines(self.plain_alternatives)}:
            raise ValidationError(
                {"plain_alternatives": _("A plain alternative cannot be the term itself.")}
            )

    @property
    def entry(self):
        return GlossaryEntry(
            term=self.term,
            forms=_lines(self.other_forms),
            plain=_lines(self.plain_alternatives),
            note=self.note,
        )


class ReadabilityTargetQuerySet(models.QuerySet):
    def for_languages(self):
        """``{language: target}`` for every site language, the formula's default where unset."""
        stored = dict(self.values_list("language", "target"))
        return {
            code: float(stored[code]) if code in stored else formula_for(code).default_target
            for code, _name in settings.LANGUAGES
        }


class ReadabilityTarget(models.Model):
    """
    The score a page in one language should reach: the highest
    Flesch–Kincaid grade for English, the lowest INFLESZ score for Spanish.
    Without a row the defaults apply (grade 8; INFLESZ 55, "normal").
    """

    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, unique=True
    )
    target = models.DecimalField(
        _("target"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "English: the highest Flesch–Kincaid grade a page should have (NHS pages aim at a "
            "reading age of 9 to 11, about grade 4 to 6; US health agencies advise grade 6 to "
            "8). Spanish: the lowest INFLESZ score (55 is “normal”)."
        ),
    )

    objects = ReadabilityTargetQuerySet.as_manager()

    class Meta:
        ordering = ["language"]
        verbose_name = _("plain-language target")
        verbose_name_plural = _("plain-language targets")

    def __str__(self):
        return f"{self.get_language_display()}: {self.target}"

    @property
    def formula_name(self):
        return FORMULAS.get(self.language, FORMULAS["en"]).name


def above_target_expression(targets):
    """An expression: True for scores harder to read than their language's target."""
    whens = []
    for language, target in targets.items():
        formula = formula_for(language)
        harder = (
            models.Q(score__gt=target) if formula.harder_when_higher else models.Q(score__lt=target)
        )
        whens.append(
            models.When(models.Q(translation__language=language) & harder, then=models.Value(True))
        )
    return models.Case(*whens, default=models.Value(False), output_field=models.BooleanField())


class ReadabilityScoreQuerySet(models.QuerySet):
    def with_target(self, targets=None):
        """Annotate ``is_above_target``; ``targets`` is ``{language: target}`` (default: stored)."""
        targets = targets if targets is not None else ReadabilityTarget.objects.for_languages()
        return self.annotate(is_above_target=above_target_expression(targets))

    def above_target(self, targets=None):
        """Scores harder to read than their language's target (one query, with the targets')."""
        return self.with_target(targets).filter(is_above_target=True)


class ReadabilityScore(models.Model):
    """
    The plain-language check of one article translation, as it was when it
    last changed (see ``healthinfo.plain_language.scoring``). ``stale`` marks
    scores to compute again after the glossary changed.
    """

    translation = models.OneToOneField(
        "healthinfo.ArticleTranslation",
        on_delete=models.CASCADE,
        related_name="readability",
        verbose_name=_("article translation"),
    )
    formula = models.CharField(_("formula"), max_length=40)
    score = models.FloatField(_("score"), null=True)
    words = models.PositiveIntegerField(_("words"), default=0)
    reading_minutes = models.PositiveIntegerField(_("reading time (minutes)"), default=0)
    long_sentences = models.PositiveIntegerField(_("long sentences"), default=0)
    jargon = models.JSONField(_("unexplained terms"), default=list, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    stale = models.BooleanField(_("out of date"), default=False)
    computed_at = models.DateTimeField(_("computed"), default=timezone.now)

    objects = ReadabilityScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("readability score")
        verbose_name_plural = _("readability scores")

    def __str__(self):
        return f"{self.translation_id}: {self.score}"
