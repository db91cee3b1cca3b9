"""Reader-facing question URLs (mounted under each language prefix)."""

app_name = "comments"

urlpatterns = []
