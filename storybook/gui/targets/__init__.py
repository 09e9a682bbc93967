"""GUI: the dossier feature: Export dossier dialog and run, the interview targets view, Import / Export actions.

The main window calls ``export_dossier(parent, bank, pool, engines=ctx.engines)`` for File → Export dossier
(Ctrl+E), or ``ExportDossierDialog.get_options`` and ``DossierExportJob`` itself; it shows ``TargetsPanel(bank)`` as the
targets view, adds ``build_transfer_actions(parent, bank, on_changed)`` to File → Import / Export, and
can narrow the coverage grid with ``target_question_sets(bank)``.
"""

from __future__ import annotations

from storybook.gui.targets.export_dialog import (
    DossierExportJob,
    DossierExportWorker,
    ExportDossierDialog,
    export_dossier,
    offer_open,
)
from storybook.gui.targets.targets_panel import TargetsPanel, target_question_sets
from storybook.gui.targets.transfer_actions import ImportPreviewDialog, build_transfer_actions

__all__ = [
    "DossierExportJob",
    "DossierExportWorker",
    "ExportDossierDialog",
    "ImportPreviewDialog",
    "TargetsPanel",
    "build_transfer_actions",
    "export_dossier",
    "offer_open",
    "target_question_sets",
]
