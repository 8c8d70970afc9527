"""Mandates: pages to add and edit the resolutions and decisions that establish and steer a body,
and the list of a body's mandates on its page."""
