"""Reports: the official documents (DOCX) rendered from plain data; no tables of their own."""
