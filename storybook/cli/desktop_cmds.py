"""CLI: being installed like an app (setup, install-desktop, uninstall-desktop)."""

from __future__ import annotations

import argparse
from pathlib import Path

from storybook.cli.common import CliError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("setup", help="install the English language model for the full story checks "
                              "and check that the desktop app can start")
    p.add_argument("--check", action="store_true", help="only report what is missing; install nothing")
    p.set_defaults(handler=cmd_setup)
    p = subparsers.add_parser("install-desktop", help="add Storybook to the application menu "
                              "(.desktop file, icons and AppStream metainfo in your XDG data folder)")
    p.add_argument("--prefix", metavar="DIR", help="data folder to install into (default: $XDG_DATA_HOME or "
                   "~/.local/share)")
    p.set_defaults(handler=cmd_install_desktop)
    p = subparsers.add_parser("uninstall-desktop", help="remove what install-desktop added")
    p.add_argument("--prefix", metavar="DIR", help="data folder to remove it from (default: as install-desktop)")
    p.set_defaults(handler=cmd_uninstall_desktop)


def cmd_setup(args: argparse.Namespace) -> int:
    from storybook.model_setup import install_model, installed_model
    from storybook.qt_libs import libraries_problem, missing_libraries

    if args.check:
        model = installed_model()
        print(f"English model: {model or 'missing (run storybook setup to install it)'}")
        result_ok = model is not None
    else:
        print("Installing the English language model (this can take a minute)...", flush=True)
        result = install_model(progress=lambda line: print(f"  {line}", flush=True))
        print(result.message)
        result_ok = result.ok
    problem = libraries_problem(missing_libraries())
    print(problem or "Desktop: Qt finds every system library it needs.")
    if not result_ok:
        raise CliError("setup is not complete: the English model is missing", exit_code=3)
    return 0


def _root(args: argparse.Namespace) -> Path | None:
    return Path(args.prefix).expanduser().resolve() if args.prefix else None


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from storybook.desktop_entry import install

    try:
        result = install(_root(args))
    except OSError as exc:
        raise CliError(f"cannot install the menu entry: {exc}") from exc
    print(f"Installed Storybook in the application menu ({len(result.written)} files; it runs {' '.join(result.command)}):")
    for path in result.written:
        print(f"  {path}")
    for note in result.notes:
        print(f"Note: {note}")
    print("It may take a moment (or a new login) before the menu shows it. 'storybook uninstall-desktop' removes it.")
    return 0


def cmd_uninstall_desktop(args: argparse.Namespace) -> int:
    from storybook.desktop_entry import uninstall

    try:
        result = uninstall(_root(args))
    except OSError as exc:
        raise CliError(f"cannot remove the menu entry: {exc}") from exc
    if not result.removed:
        print("Storybook was not in the application menu; nothing to remove.")
        return 0
    print(f"Removed {len(result.removed)} files:")
    for path in result.removed:
        print(f"  {path}")
    return 0


def gui_blocker() -> str | None:
    """Why the desktop app cannot open a window here (no display, missing Qt libraries), or None."""
    from storybook.qt_libs import display_problem, libraries_problem, missing_libraries

    return display_problem() or libraries_problem(missing_libraries())
