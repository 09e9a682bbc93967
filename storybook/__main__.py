"""Entry point for ``python -m storybook``."""

from __future__ import annotations

import sys

from storybook.cli import main

if __name__ == "__main__":
    sys.exit(main())
