"""Managing accounts: users, their roles and the bodies each editor plans for (admins only)."""
