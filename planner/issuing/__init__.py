"""Issuing the provisional agenda: originals, revisions and corrigenda, kept as issued."""
