"""A question-answering bot for the EU Cluster Excellence Programme."""

__version__ = "0.1.0"
PROG = "cluster-bot"  # the installed command's name, in usage and error messages
EXAMPLE_QUESTION = "what did CLUSGRID get from the EU"
