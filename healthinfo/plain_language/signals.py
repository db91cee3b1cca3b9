"""Receivers that keep stored plain-language scores current (see ``scoring``)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from healthinfo.plain_language.scoring import mark_stale, schedule_score


@receiver(post_save, sender="healthinfo.ArticleTranslation")
def translation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_score(instance.pk)


@receiver([post_save, post_delete], sender="healthinfo.Section")
def section_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.translation_id:
        schedule_score(instance.translation_id)


@receiver([post_save, post_delete], sender="healthinfo.GlossaryTerm")
def glossary_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        mark_stale(instance.language)
