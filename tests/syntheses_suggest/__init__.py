"""Suggestions (near-duplicate grouping) and the synthesis report (DOCX): pure, no database."""
