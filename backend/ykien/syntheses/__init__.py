"""Syntheses: what each level compiles from its comments and its children's syntheses, and
submits up the chain."""
