"""Export: the prep dossier (DOCX), the portable formats (JSON, Markdown) and atomic file writes. No Qt, no database."""
