"""Cross-cutting infrastructure: settings, database, errors, security, text, paging. No domains."""
