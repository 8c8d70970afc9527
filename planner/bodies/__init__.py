"""Bodies: create, edit and delete the conference and its working groups (admins only)."""
