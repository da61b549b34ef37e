// Rules of luister-eval aspects: which aspect an answer's clauses give it.
#include <doctest/doctest.h>

#include "luister/eval/eval.hpp"

using luister::answer_aspect;

TEST_CASE("answer_aspect: the aspect most clauses on the answer's side name") {
  const char* mixed = "+bejegening aardig geholpen | -wachttijd lang gewacht";
  CHECK(answer_aspect(mixed, "negative") == "wachttijd");
  CHECK(answer_aspect(mixed, "positive") == "bejegening");
  // Neutral (or no polarity column): either side counts; a tie goes to the first.
  CHECK(answer_aspect(mixed, "neutral") == "bejegening");
  CHECK(answer_aspect(mixed, "") == "bejegening");
  CHECK(answer_aspect("-terugkoppeling nooit gebeld | -wachttijd uur gewacht | -wachttijd 40 minuten", "negative") ==
        "wachttijd");
}

TEST_CASE("answer_aspect: clauses without an aspect or judgement give none") {
  CHECK(answer_aspect("- te duur | 0 verder niets", "negative").empty());
  CHECK(answer_aspect("0 geen idee", "neutral").empty());
  CHECK(answer_aspect("", "negative").empty());
  // A clause's words may hold the separator's characters without breaking it: "a|b" is one word.
  CHECK(answer_aspect("-digitaal site a|b werkt niet", "negative") == "digitaal");
}
