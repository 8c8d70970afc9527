"""The pure core: plain data and plain functions, with no Flask and no ORM.

Everything here is tested with tables of cases and no database. The web app and the CLI turn
database records into the plain types of :mod:`planner.core.plain` and hand them to these
functions.
"""
