"""Questions in other languages, in our own words. The bot answers in English for now, so a
reply to a question written in another language is never stated with full confidence
(>= 0.9), whatever it says; an English question keeps the confidence its answer earns."""

from __future__ import annotations

import pytest

SURE = 0.9


@pytest.mark.parametrize(
    "question",
    [
        "Quel a été le budget total de CLUSTEM ?",
        "Combien l'UE a-t-elle donné à ECRI ?",
        "Was hat TCE von der EU bekommen?",
        "Wann ist CECIL zu Ende gegangen?",
        "¿Cuál fue la aportación de la UE a CLUSGRID?",
        "Quanto è costato in tutto il progetto CECIL?",
        "Jaki był wkład UE w projekt ECRI?",
        "Quanto recebeu o TCE da UE?",
        "Wat was het totale budget van ECRI?",
    ],
)
def test_an_answer_to_another_language_is_not_stated_as_sure(ask, question: str) -> None:
    reply = ask(question)
    assert reply.confidence < SURE, (reply.confidence, reply.text)


@pytest.mark.parametrize(
    "question",
    [
        "Wie viel Geld hat das Projekt NORDCLUSTER von der EU bekommen?",
        "Quel budget pour le projet LOIRECLUSTER ?",
        "¿Cuánto dinero recibió el proyecto PAMPACLUSTER?",
        "Hoeveel kreeg het project DELTAGRID van de EU?",
    ],
)
def test_a_decline_in_another_language_is_not_sure_either(ask, question: str) -> None:
    reply = ask(question)
    assert "€" not in reply.text, reply.text
    assert reply.confidence < SURE, (reply.confidence, reply.text)


@pytest.mark.parametrize(
    "question",
    [
        "What did TCE get from the EU?",
        "what was the total budget of CLUSTEM",
        "When did CECIL end?",
        "which projects of the second call ended in 2018?",
        "is the debut of RUE AERO in 2016?",
        "ECRI budget",
    ],
)
def test_an_english_question_keeps_its_confidence(ask, question: str) -> None:
    assert ask(question).confidence >= SURE


def test_a_follow_up_in_another_language_is_not_sure(chat) -> None:
    chat.say("Wie viel hat CLUSGRID von der EU bekommen?")
    reply = chat.say("Und das Gesamtbudget?")
    assert reply.confidence < SURE, (reply.confidence, reply.text)
