"""Turn a decided ``Query`` into a ``Reply``; one module per kind of subject."""
