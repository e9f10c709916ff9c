"""Ykien: comments on draft Party Congress documents, gathered area by area, rolled up the Front."""

__version__ = "0.1.0"
