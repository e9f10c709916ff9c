"""Stored roll-ups of comments and meetings up the tree, and the aggregate queries over them."""
