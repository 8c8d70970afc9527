"""Draft and published meetings: numbered releases of what the public sees (docs/releases.md)."""
