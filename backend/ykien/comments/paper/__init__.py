"""The paper form: an XLSX workbook a board downloads (``template``), fills in from paper minutes,
and imports (``reader`` parses it, ``importer`` turns its rows into comments); ``form`` is the
layout both sides share. No HTTP here: the router only passes bytes in and out."""
