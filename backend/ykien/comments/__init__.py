"""Comments: idempotent entry (single and batch), search, audited edits and deletions, exports."""
