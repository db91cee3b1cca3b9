"""
Who may act on articles and drafts in the editors' admin.

Each action has one function here, and both its view (which refuses with a
403) and every link or button that leads to it ask that same function: a
medical reviewer, who may read drafts but not write them, is never shown a
link that ends in "403 Forbidden".
"""


def can_publish(user):
    """Publish, unpublish, schedule and submit an article (the article page's buttons)."""
    return user.is_active and user.has_perm("healthinfo.change_article")


def can_start_draft(user):
    """Start a draft of a live page, or a page in a new language (*Edit (starts a draft)*)."""
    return user.is_active and user.has_perm("healthinfo.add_drafttranslation")


def can_edit_drafts(user):
    """Change a draft's words, parts and translation state."""
    return user.is_active and user.has_perm("healthinfo.change_drafttranslation")


def can_discard_draft(user):
    """Throw a draft away (the live page stays)."""
    return user.is_active and user.has_perm("healthinfo.delete_drafttranslation")


def can_restore_version(user):
    """Put an old version's text into the draft: an edit of the draft, for someone who publishes."""
    return can_publish(user) and can_edit_drafts(user)


def draft_actions(user):
    """The answers above for one user, by name, for templates that show the links."""
    return {
        "publish": can_publish(user),
        "start_draft": can_start_draft(user),
        "edit_drafts": can_edit_drafts(user),
        "discard_draft": can_discard_draft(user),
        "restore_version": can_restore_version(user),
    }
