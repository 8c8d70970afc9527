"""The organization of work: the planner's proposal, or the one the secretariat fixed."""
