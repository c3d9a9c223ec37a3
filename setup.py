"""Compile the gettext catalogs (bot/locales/*/LC_MESSAGES/messages.po) at install time.

Everything else about the package is in pyproject.toml. The compiled ``.mo`` files are
build output, never committed: a wheel gets them in its build directory, an editable
install (``pip install -e .``) next to the ``.po`` files in the source tree.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALES = Path("bot") / "locales"


class BuildPyWithCatalogs(build_py):
    """build_py that also turns every messages.po into messages.mo (Babel's compiler)."""

    def run(self) -> None:
        super().run()
        # Imported here: Babel is a build requirement, not something setup.py needs to parse.
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        target_root = Path(".") if self.editable_mode else Path(self.build_lib)
        for po_path in sorted(LOCALES.glob("*/LC_MESSAGES/messages.po")):
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parts[-3])
            mo_path = target_root / po_path.with_suffix(".mo")
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            with mo_path.open("wb") as mo_file:
                # Fuzzy entries stay out, as with `pybabel compile`: a guess is not a translation.
                write_mo(mo_file, catalog, use_fuzzy=False)


setup(cmdclass={"build_py": BuildPyWithCatalogs})
