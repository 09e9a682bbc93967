"""A reminder to bump CHECKS_VERSION: stored check reports are reused until it changes.

When this fails you changed the code of the checks. If their findings, metrics, counts or score can
differ for some story, bump ``CHECKS_VERSION`` in ``storybook/analysis/stored.py`` (every stored report
is then computed again). Either way, record the new digest below under the version it belongs to.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from storybook.analysis import stored

CHECK_SOURCES = ("checks.py", "claims.py", "content.py", "counts.py", "docs.py", "evidence.py", "language.py",
                 "metrics.py", "pipeline.py", "report.py", "rubric.py", "score.py", "spans.py", "speech.py")
# CHECKS_VERSION -> digests of the check sources that version has had
KNOWN = {1: {"505e1b51f5f6ffb4", "cc99b48147cf3b69"},  # the second: iter_reports, same results
         2: {"40f263c95d0cc5e6"}}  # the rubric score, the content checks, the lean pipeline with lemmas


def sources_digest() -> str:
    folder = Path(stored.__file__).parent
    digest = hashlib.sha256()
    for name in CHECK_SOURCES:
        digest.update((folder / name).read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()[:16]


def test_changed_checks_come_with_a_reviewed_checks_version() -> None:
    digest = sources_digest()
    assert digest in KNOWN.get(stored.CHECKS_VERSION, set()), (
        f"The check sources changed (digest {digest}). Bump CHECKS_VERSION if results can differ, then add "
        f"the digest to KNOWN in {Path(__file__).name}.")
