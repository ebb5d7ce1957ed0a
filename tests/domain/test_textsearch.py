"""Bigram terms for Chinese search (jobdesk.domain.textsearch)."""

from __future__ import annotations

from jobdesk.domain.textsearch import (
    index_terms,
    join_terms,
    parse_phone_tail,
    parse_query,
    phone_terms,
)


def test_a_text_is_indexed_by_the_bigrams_of_each_run_and_never_across_fields():
    terms = index_terms(["倉儲物流", "會計"])
    assert {"倉儲", "儲物", "物流", "會計"} <= terms
    assert "流會" not in terms  # the two fields are apart


def test_names_index_single_characters_too():
    assert index_terms(["王小明"], unigrams=True) == {"王", "小", "明", "王小", "小明"}
    assert "王" not in index_terms(["王小明"])


def test_latin_words_are_lowered_and_punctuation_splits_runs():
    assert index_terms(["Java／倉儲"]) == {"ja", "av", "va", "倉儲"}


def test_a_two_character_query_is_one_term_and_needs_no_verification():
    parsed = parse_query("倉儲")
    assert parsed is not None
    assert parsed.terms == ("倉儲",)
    assert parsed.verify == ()
    assert parsed.indexable


def test_a_longer_query_is_checked_as_typed():
    parsed = parse_query("堆高機 會計")
    assert parsed is not None
    assert set(parsed.terms) == {"堆高", "高機", "會計"}
    assert parsed.verify == ("堆高機",)


def test_a_single_character_is_not_indexed_unless_unigrams_are():
    one = parse_query("倉")
    assert one is not None
    assert not one.indexable
    name = parse_query("王", unigrams=True)
    assert name is not None
    assert name.indexable
    assert name.terms == ("王",)
    assert parse_query(" ／ ") is None


def test_phone_terms_hold_the_tail_and_the_number_never_less_than_three_digits():
    terms = phone_terms("0912-345-678")
    assert {"tel678", "tel5678", "tel45678", "tel345678", "tel0912345678"} == terms
    assert phone_terms("12") == set()
    assert parse_phone_tail("5678") == "tel5678"
    assert parse_phone_tail("0912 345 678") == "tel0912345678"
    assert parse_phone_tail("王5678") is None


def test_terms_are_stored_sorted_and_once():
    assert join_terms(["b", "a", "b"]) == "a b"
