"""Bytecode caches for the package before a benchmark starts fresh interpreters.

An installed package has them (pip compiles the modules it installs; a normal interpreter
writes them on first import). Where none are written (``PYTHONDONTWRITEBYTECODE=1``, a fresh
clone), every fresh interpreter — the import probe, each worker's fork server — would compile
the sources again, and ``import timeline`` takes about twice as long: the benchmarks would
measure the compiler, not the library.
"""

from __future__ import annotations

import compileall
from pathlib import Path

__all__ = ["compile_package"]


def compile_package(root: Path) -> str:
    """Write the missing bytecode caches of ``root/timeline``; a line saying so."""
    ok = compileall.compile_dir(str(root / "timeline"), quiet=1)
    return ("bytecode: cached for every module of timeline/ (as an installed package has it)"
            if ok else "bytecode: some modules could not be compiled (see above)")
