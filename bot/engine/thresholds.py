"""Every threshold the engine decides with, in one place (scores are rapidfuzz 0-100)."""

from __future__ import annotations

# A name typed with a typo still counts as that name from this score ("clusgird" scores 88).
ACCEPT = 87.0
# Ordinary words (all in the bot's vocabulary) approximate a multi-word name only from here.
ORDINARY_ACCEPT = 92.0
# Between SUGGEST and ACCEPT the bot asks "Did you mean ...?" instead of answering.
SUGGEST = 78.0
# Two different names within this many points of each other for the same words: ask back.
AMBIGUITY_MARGIN = 4.0
# ... and the confidence an ask-back reports at most: it answers nothing yet, so it is never
# stated as sure (below 0.9) however exactly the names were said.
ASK_BACK_CONFIDENCE = 0.8
# Two names said exactly that overlap ("the second call one"): the one read first is said.
EXACT_NAME = 100.0
# Misspelt ordinary words ("contributon") are corrected to the bot's vocabulary from here.
SPELLING = 86.0
# Below SPELLING, a word of at least this many letters with one letter wrong is still read as
# the one vocabulary word it is that near to ("budjet").
ONE_SLIP_LENGTH = 6
# ... and a word of at least this many letters with two letters swapped ("strat", "lsit").
SWAP_LENGTH = 4
# A topic must weigh at least this much (sum of word rarities) to name a project.
TOPIC_MIN = 0.9
# A second project is named for a topic when it scores this share of the best one.
TOPIC_SHARE = 0.75
# Words of a question considered for matching; the rest of a long message is ignored.
MAX_TOKENS = 60
MAX_CHARS = 1000
# Windows of words whose fuzzy matches are remembered (then forgotten all at once), and
# wordings whose reading and candidate names are (up to ~25 KB each for a long one).
MATCH_CACHE = 50_000
WORDINGS_CACHE = 1024
# The words the bot does not know that are compared with the names, from the first: a
# question names a few projects, not sixty.
FUZZY_UNKNOWN = 8
# The longest run of words compared with a name at once ("smart sports 4 good life").
MAX_WINDOW = 6
# A long list is shown this many rows at a time ("more" shows the next); a sentence names at
# most NAMES_SHOWN projects ("A, B … and 1,234 more"); no answer is longer than MAX_ANSWER
# characters (one Telegram message holds 4,096).
PAGE_SIZE = 20
NAMES_SHOWN = 12
MAX_ANSWER = 4000
# Rows of the last list a chat remembers for "which of them"; a longer list is remembered as
# the question that made it.
LISTED_MAX = 200
# projects asked about one after another with the same figure, remembered for "sum them"
IN_TURN_MAX = 6
# The most a reply may claim when its reading leaves a word of the question unexplained.
UNSURE = 0.85
# a follow-up's least confidence: a clause answered so, after another, beats an unsure whole
FOLLOWED = 0.75
# the most words a question and the fragment after it may hold, read as one question
CONTINUED_WORDS = 40
# a question this short may be a fragment of the one before ("per year?"): read with it
FRAGMENT_WORDS = 6
# A reply this sure is stated as right (the batch contract's meaning of confidence).
CONFIDENT = 0.9
# A reading must explain at least this share of the question's meaningful words.
READING_MIN = 0.4999  # a half, allowing for the rounding of the weights
# Below READING_MIN but from here, the bot says what it understood and what it did not.
PARTIAL_MIN = 0.25
# A reply to a question written in another language than the bot's answers is worth at most
# this share of its confidence (1.0 becomes 0.8: never sure, since the asker wanted their own).
OTHER_LANGUAGE = 0.8
# "much bigger?": a gap of at least this share of the larger figure is a large one ("only
# slightly bigger?": below it, a small one)
LARGE_GAP = 0.10
