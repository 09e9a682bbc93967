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

from PySide6.QtCore import QRectF, QSettings, Qt, QThreadPool
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from storybook.bank import StoryBank
from storybook.gui.app import make_application
from storybook.gui.context import AppContext
from storybook.paths import resources_dir

log = logging.getLogger(__name__)
WINDOW_SIZE = (1280, 800)


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


def dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#333333",
        QPalette.ColorRole.Text: "#e8e8e8", QPalette.ColorRole.Button: "#3a3a3a",
        QPalette.ColorRole.ButtonText: "#e8e8e8", QPalette.ColorRole.Highlight: "#3d6fd8",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#333333",
        QPalette.ColorRole.ToolTipText: "#e8e8e8", QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Mid: "#555555", QPalette.ColorRole.Link: "#8ab4f8",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#9a9a9a"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9a9a9a"))
    return palette


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
    for name, prepare in getattr(window.features, "screenshots", {}).items():
        shots.append((name, prepare))
    return shots


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
        window = MainWindow(AppContext(bank=bank, ui_settings=settings, pool=QThreadPool()))
        window.resize(*WINDOW_SIZE)
        window.show()
        QApplication.processEvents()
        first = bank.stories.list(_title_sort())[0].id
        window.open_story(first)
        for name, prepare in _shots(window, outdir):
            widget = prepare()
            if widget is not None:
                saved.append(_save(widget, outdir / name))
        if dark:
            app.setPalette(dark_palette())
            window.show_tab("stories")
            saved.append(_save(window, outdir / "main-window-dark.png"))
            window.show_tab("grid")
            saved.append(_save(window, outdir / "coverage-grid-dark.png"))
            app.setPalette(app.style().standardPalette())
        window.close()
        window.ctx.pool.waitForDone(5000)
        bank.close()
    return saved


def first_run_screenshot(outdir: Path) -> Path:
    from storybook.gui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        bank = StoryBank.open(Path(tmp) / "bank.sqlite")
        window = MainWindow(AppContext(bank=bank, ui_settings=settings, pool=QThreadPool()))
        window.resize(*WINDOW_SIZE)
        window.show()
        path = _save(window, outdir / "first-run.png")
        window.close()
        window.ctx.pool.waitForDone(5000)
        bank.close()
    return path


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
