"""GUI: the panels the main window is built from (story list, editor, grid, question bank, trash)."""
