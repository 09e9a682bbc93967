"""GUI: the Stories tab: story list, STAR editor, linked and suggested questions, trash, autosave."""
