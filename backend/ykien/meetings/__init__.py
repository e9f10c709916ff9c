"""Meetings where comments were gathered: a unit, a date, a kind, the number of participants."""
