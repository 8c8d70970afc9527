"""Operations on the database. Services add and flush; the caller (a view or a CLI command)
commits once, or rolls back on any error."""
