"""The agenda editor: add, edit, delete, reorder and nest a meeting's agenda items."""
