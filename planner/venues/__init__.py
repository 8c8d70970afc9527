"""Venues and the interpretation capacity their meetings share."""
