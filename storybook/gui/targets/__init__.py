"""GUI: the targets feature: the Targets tab, File → Export dossier and File → Import / Export.

``install.install(window, ctx)`` adds the menu entries and the lazy tab; the rest loads on first use:
``targets_panel`` (the tab, ``target_question_sets`` for the coverage grid), ``target_editor``, ``export_dialog``
(the dossier dialog and its background run), ``pdf_option`` and ``transfer_actions`` (Import / Export).
"""
