"""Search for staff: find a meeting, an agenda item or a document by words or symbol."""
