"""A question-answering bot for the EU Cluster Excellence Programme."""

__version__ = "0.1.0"
