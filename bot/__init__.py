"""A question-answering bot for the EU Cluster Excellence Programme."""

PROG = "cluster-bot"  # the installed command's name, in usage and error messages
EXAMPLE_QUESTION = "what did CLUSGRID get from the EU"
NO_TOKEN = (
    "TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in .env (see .env.example) "
    "or the environment."
)
