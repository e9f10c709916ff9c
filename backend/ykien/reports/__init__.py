"""Reports: the files we hand out (the official DOCX documents, every CSV/XLSX table) and the
words they use (the vocabulary of the enumerations), rendered from plain data; no tables of their
own and no imports of the domains."""
