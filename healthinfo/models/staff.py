"""Staff members' public identity."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffProfile(models.Model):
    """What readers see of a staff member: a public display name, never their account name."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    public_name = models.CharField(
        _("public display name"),
        max_length=80,
        help_text=_('Shown to readers on replies, for example "Midwife @HealthInfo".'),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return self.public_name


def public_name_for(user):
    """The public display name of ``user``, or a neutral default that never reveals the username."""
    profile = getattr(user, "staff_profile", None)
    if profile is not None and profile.public_name:
        return profile.public_name
    return settings.SITE_NAME
