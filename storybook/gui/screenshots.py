"""GUI: ``python -m storybook.gui.screenshots OUTDIR``: PNGs of the main views over a temporary sample bank.

Run it under Xvfb for README images (``Xvfb :99 & DISPLAY=:99 QT_QPA_PLATFORM=xcb``); ``--dark`` also
saves the main window with a dark palette, ``--icons`` re-renders the PNG icons from the SVG.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from storybook.bank import StoryBank
from storybook.gui.app import make_application
from storybook.gui.context import AppContext
from storybook.gui.workers import WorkerPool
from storybook.paths import resources_dir

log = logging.getLogger(__name__)
WINDOW_SIZE = (1280, 800)
SEARCH_DEMO = "customer"  # the search shown in search-snippets.png


def render_icons(sizes: tuple[int, ...] = (256, 64)) -> list[Path]:
    """Render resources/icons/storybook.svg to PNGs with Qt's SVG renderer."""
    from PySide6.QtSvg import QSvgRenderer

    folder = resources_dir() / "icons"
    renderer = QSvgRenderer(str(folder / "storybook.svg"))
    out = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        path = folder / f"storybook-{size}.png"
        image.save(str(path))
        out.append(path)
    return out


DARK_COLORS = {
    QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#333333",
    QPalette.ColorRole.Text: "#e8e8e8", QPalette.ColorRole.Button: "#3a3a3a",
    QPalette.ColorRole.ButtonText: "#e8e8e8", QPalette.ColorRole.BrightText: "#ff7070",
    QPalette.ColorRole.Light: "#505050", QPalette.ColorRole.Midlight: "#444444",
    QPalette.ColorRole.Mid: "#555555", QPalette.ColorRole.Dark: "#202020", QPalette.ColorRole.Shadow: "#111111",
    QPalette.ColorRole.Highlight: "#3d6fd8", QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#333333", QPalette.ColorRole.ToolTipText: "#e8e8e8",
    QPalette.ColorRole.PlaceholderText: "#9a9a9a", QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c3a6f5",
}
# Disabled widgets: text sinks towards the background and surfaces flatten, as in the light palette,
# so a disabled button cannot be mistaken for one that works.
DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#747474", QPalette.ColorRole.Text: "#747474",
    QPalette.ColorRole.ButtonText: "#747474", QPalette.ColorRole.Button: "#313131",
    QPalette.ColorRole.Base: "#262626", QPalette.ColorRole.Light: "#3a3a3a",
    QPalette.ColorRole.Highlight: "#4a4a4a", QPalette.ColorRole.HighlightedText: "#a0a0a0",
    QPalette.ColorRole.PlaceholderText: "#5c5c5c", QPalette.ColorRole.Link: "#5f7394",
    QPalette.ColorRole.BrightText: "#8a5050",
}


def dark_palette() -> QPalette:
    """A dark palette like a desktop's dark theme, with dimmed colours for disabled widgets."""
    palette = QPalette()
    for role, color in DARK_COLORS.items():
        palette.setColor(role, QColor(color))  # every group
    for role, color in DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    return palette


def _set_palette(app: QApplication, palette: QPalette) -> None:
    """Switch palettes and tell every widget, as a running app does (this script has no event loop)."""
    app.setPalette(palette)
    for widget in app.allWidgets():
        QApplication.sendEvent(widget, QEvent(QEvent.Type.ApplicationPaletteChange))


def seed_demo_data(bank: StoryBank) -> None:
    """A few rehearsals and one interview target, so history and targets have something to show."""
    from datetime import datetime, timedelta

    stories = bank.stories.list(_title_sort())
    now = datetime.now().astimezone()
    try:
        for days, scale in ((9, 1.35), (6, 1.15), (3, 1.02), (1, 0.93)):
            for story in stories:
                split = [18 * scale, 12 * scale, 80 * scale, 20 * scale]
                bank.rehearsals.record(story.id, split, started_at=now - timedelta(days=days), rating=3)
    except Exception:  # the rehearsal feature is optional
        log.info("No rehearsal data for the screenshots", exc_info=True)
    try:
        questions = [q.id for q in bank.questions.list()[:6]]
        target = bank.targets.create(company="Northwind Analytics", role="Senior data scientist",
                                     interview_at=now + timedelta(days=5), questions=questions,
                                     story_ids=[s.id for s in stories[:4]],
                                     questions_to_ask=["How is model quality reviewed before launch?"])
        log.info("Demo target %s", target.id)
    except Exception:  # the dossier feature is optional
        log.info("No interview target for the screenshots", exc_info=True)


def _save(widget: QWidget, path: Path) -> Path:
    for _ in range(3):  # let the editors finish laying out and growing before the grab
        QApplication.processEvents()
    widget.grab().save(str(path))
    log.info("Saved %s", path)
    return path


def _shots(window: object, outdir: Path) -> list[tuple[str, Callable[[], QWidget | None]]]:
    """(file name, prepare) pairs; prepare shows the view and returns the widget to grab."""
    def tab(key: str) -> Callable[[], QWidget]:
        def show() -> QWidget:
            window.show_tab(key)
            return window
        return show

    shots = [("main-window.png", tab("stories")), ("coverage-grid.png", tab("grid")),
             ("question-bank.png", tab("questions"))]
    for name, prepare in window.hooks.screenshots.items():
        shots.append((name, prepare))
    shots.append(("search-snippets.png", lambda: search_shot(window)))
    return shots


def search_shot(window: object, query: str = SEARCH_DEMO) -> QWidget:
    """The story list filtered by a search, each row showing where it matched, the first match selected."""
    window.show_tab("stories")
    window.workspace.list_panel.edit_search.setText(query)
    window.workspace.find_match(True)
    return window


def take_screenshots(outdir: Path, dark: bool = False) -> list[Path]:
    from storybook.gui.main_window import MainWindow

    app = make_application()
    app.setStyle("Fusion")
    outdir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        bank = StoryBank.open(Path(tmp) / "bank.sqlite")
        bank.stories.load_samples()
        seed_demo_data(bank)
        window = MainWindow(AppContext(bank=bank, ui_settings=settings, pool=WorkerPool()))
        window.resize(*WINDOW_SIZE)
        window.show()
        QApplication.processEvents()
        first = bank.stories.list(_title_sort())[0].id
        window.open_story(first)
        _wait_for_checks(window)
        _open_story_with_findings(window)
        for name, prepare in _shots(window, outdir):
            widget = prepare()
            if widget is not None:
                saved.append(_save(widget, outdir / name))
        window.workspace.list_panel.edit_search.clear()
        if dark:
            _set_palette(app, dark_palette())
            window.show_tab("stories")
            saved.append(_save(window, outdir / "main-window-dark.png"))
            window.show_tab("grid")
            saved.append(_save(window, outdir / "coverage-grid-dark.png"))
            targets = window.hooks.screenshots.get("targets.png")
            if targets is not None:
                saved.append(_save(targets(), outdir / "targets-dark.png"))
            _set_palette(app, app.style().standardPalette())
        window.close()
        window.ctx.pool.waitForDone(5000)
        bank.close()
    return saved


def first_run_screenshot(outdir: Path) -> Path:
    from storybook.gui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        bank = StoryBank.open(Path(tmp) / "bank.sqlite")
        window = MainWindow(AppContext(bank=bank, ui_settings=settings, pool=WorkerPool()))
        window.resize(*WINDOW_SIZE)
        window.show()
        path = _save(window, outdir / "first-run.png")
        window.close()
        window.ctx.pool.waitForDone(5000)
        bank.close()
    return path


def _wait_for_checks(window: object, timeout_s: float = 60.0) -> None:
    """Let the live checks report (and the list scores arrive) so the findings panel is not empty."""
    import time

    link = window.checks
    if link is None:
        return
    panel = window.workspace.list_panel
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QApplication.processEvents()
        scored = all(panel.model.score(i) is not None for i in panel.visible_ids())
        if link.panel.report is not None and scored:
            return
        time.sleep(0.05)
    log.warning("The story checks did not finish in %.0f s", timeout_s)


def _open_story_with_findings(window: object) -> None:
    """Show a middling story, so the findings panel and the highlights have something to say."""
    model = window.workspace.list_panel.model
    scored = [(model.score(r.id), r.id) for r in model.records() if model.score(r.id) is not None]
    candidates = sorted((score, story_id) for score, story_id in scored if 30 <= score <= 80)
    if candidates:
        window.open_story(candidates[0][1])
        window.checks.panel.set_report(None)
        _wait_for_checks(window)


def _title_sort():  # noqa: ANN202
    from storybook.bank import StoryFilter

    return StoryFilter(sort="title")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storybook.gui.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--dark", action="store_true", help="also save dark-palette screenshots")
    parser.add_argument("--icons", action="store_true", help="re-render the PNG icons from the SVG first")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    app = make_application()
    if args.icons:
        render_icons()
    saved = take_screenshots(args.outdir, dark=args.dark)
    saved.append(first_run_screenshot(args.outdir))
    for path in saved:
        sys.stdout.write(f"{path}\n")
    del app
    return 0 if all(p.is_file() for p in saved) else 1


if __name__ == "__main__":
    raise SystemExit(main())
