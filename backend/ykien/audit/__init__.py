"""Reading the audit trail for people: the events of an admin's subtree (``core/audit`` writes)."""
