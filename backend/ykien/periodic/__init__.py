"""Periodic reports (month, quarter, final): drafted with the period's figures, sent up the
chain."""
