"""The readers, grouped by the kind of question they read; each proposes at most one
``Reading`` of a question and names the words it explains."""
