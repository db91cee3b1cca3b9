"""Renditions are made once, when a figure's image is first stored (after the commit)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender="healthinfo.Figure")
def figure_saved(sender, instance, raw=False, **kwargs):
    if raw or not instance.image:
        return
    name = instance.image.name

    def make():
        from healthinfo.figures.services import ensure_renditions

        ensure_renditions(name)

    transaction.on_commit(make, robust=True)
