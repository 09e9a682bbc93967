"""GUI: the Coverage tab: the grid of competencies (or questions) against stories, and the gaps."""
