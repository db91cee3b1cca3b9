"""Lower layers never import higher ones: models call nothing above them."""

import ast
from pathlib import Path

import healthinfo

MODELS = Path(healthinfo.__file__).parent / "models"

# What sits above the models: the workflows, rendering, search, caching, views and admin.
HIGHER = (
    "healthinfo.services",
    "healthinfo.search",
    "healthinfo.article_page",
    "healthinfo.snapshots",
    "healthinfo.shared_pages",
    "healthinfo.structured_data",
    "healthinfo.validation",
    "healthinfo.signals",
    "healthinfo.cache",
    "healthinfo.views",
    "healthinfo.admin",
    "healthinfo.forms",
    "comments",
)


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):  # imports inside functions count too
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_models_import_nothing_from_the_layers_above_them():
    offences = [
        f"{path.name} imports {module}"
        for path in sorted(MODELS.glob("*.py"))
        for module in imported_modules(path)
        if module.startswith(HIGHER)
    ]
    assert offences == []


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from healthinfo.services import publish\n")
    assert "healthinfo.services" in set(imported_modules(module))
