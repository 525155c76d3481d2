"""Take ``docs/screenshot.png``: draw a timeline, write it as HTML, photograph it with Chromium.

Usage (from the repository root)::

    .venv/bin/python docs/make_screenshot.py                      # the hand-built sample timeline
    .venv/bin/python docs/make_screenshot.py ARTICLE.txt --published 2016-01-15 [--title T]
    .venv/bin/python docs/make_screenshot.py seeds/penn_interview.txt --published 2016-01-15
    .venv/bin/python docs/make_screenshot.py docs/long_article.txt --published 2024-03-17 \
        --out docs/screenshot_long.png --height 640

Needs ``chromium`` (Debian package ``chromium``) on the PATH or at ``/usr/bin/chromium``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

__all__ = ["chromium_path", "main", "screenshot"]


def chromium_path() -> str | None:
    """The Chromium executable, or ``None`` when it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def screenshot(html_path: Path, png_path: Path, *, width: int = 1200, height: int = 700) -> None:
    """Render ``html_path`` headless and save a ``width`` x ``height`` PNG at ``png_path``."""
    chromium = chromium_path()
    if chromium is None:
        raise RuntimeError("chromium is not installed (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                f"--user-data-dir={profile}", "--virtual-time-budget=10000",
                f"--window-size={width},{height}", f"--screenshot={png_path}", html_path.resolve().as_uri(),
            ],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Command line: build (or take the sample) timeline and screenshot it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, help="article text file (default: the sample)")
    parser.add_argument("--published", help="publication date of the article")
    parser.add_argument("--title", help="title shown above the plot")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--height", type=int, default=700, help="window height in pixels (default 700)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.article is None:
        sys.path.insert(0, str(ROOT / "tests"))
        from timeline_fixtures import sample_timeline

        tl = sample_timeline()
    else:
        import timeline

        tl = timeline.build(
            timeline.Article(args.article.read_text(encoding="utf-8"), title=args.title), args.published
        )
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "timeline.html"
        tl.to_html(page)
        screenshot(page, args.out, height=args.height)
    print(f"wrote {args.out} ({len(tl.events)} events)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
