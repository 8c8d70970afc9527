"""Translation: the translator's workspace, the status of each language version, XLIFF 2.0."""
