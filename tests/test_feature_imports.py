"""Features in bot/handlers do not import each other; what they share lives outside them."""

from __future__ import annotations

import ast
from pathlib import Path

HANDLERS = Path(__file__).resolve().parent.parent / "bot" / "handlers"
SHARED = {"common"}  # the one non-feature module inside bot/handlers


def _feature_of(path: Path) -> str:
    relative = path.relative_to(HANDLERS)
    return relative.parts[0].removesuffix(".py")


def _imported_modules(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            # `from bot.handlers import reminders` names the feature in the alias
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _features_imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    features = set()
    for module in _imported_modules(tree):
        parts = module.split(".")
        if parts[:2] == ["bot", "handlers"] and len(parts) > 2:
            features.add(parts[2])
    return features - SHARED


def test_no_feature_module_imports_another_feature():
    offenders = []
    for path in sorted(HANDLERS.rglob("*.py")):
        if path.name == "__init__.py" and path.parent == HANDLERS:
            continue  # the package's registry lists every feature on purpose
        own = _feature_of(path)
        if own in SHARED:
            continue
        for other in sorted(_features_imported(path) - {own}):
            offenders.append(f"{path.relative_to(HANDLERS)} imports {other}")
    assert offenders == []


def test_the_check_sees_a_cross_feature_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from bot.handlers import reminders\nimport bot.handlers.fallback\n")
    assert _features_imported(sample) == {"reminders", "fallback"}


def test_every_feature_is_declared_and_listed_once():
    import importlib

    from bot.app import FEATURES

    modules = sorted(
        {
            _feature_of(p)
            for p in HANDLERS.rglob("*.py")
            if p.parent != HANDLERS or p.stem != "__init__"
        }
        - SHARED
    )
    declared = [importlib.import_module(f"bot.handlers.{name}").FEATURE for name in modules]
    listed = [feature for feature in FEATURES if feature.name != "text"]
    assert sorted(f.name for f in listed) == sorted(f.name for f in declared)
    assert len({id(f) for f in FEATURES}) == len(FEATURES)


def test_two_features_claiming_one_kind_fail_at_build():
    import pytest

    from bot.features import Feature, FeatureSet

    async def answer(update, context, user):
        return None

    with pytest.raises(ValueError, match="timezone"):
        FeatureSet.collect(
            [
                Feature("a", awaiting={"timezone": answer}),
                Feature("b", awaiting={"timezone": answer}),
            ]
        )
