"""The tree of Front committees: central > province > district > commune > residential area."""
