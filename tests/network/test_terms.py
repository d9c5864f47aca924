"""Term extraction: English n-grams cut at stop words, Chinese nouns via jieba."""

from __future__ import annotations

import pytest

from litmap import ParameterError
from litmap.network.terms import extract_terms


def test_english_ngrams_stop_at_stop_words_and_punctuation():
    got = extract_terms(["Spatial analysis of rural tourism, using GIS."], ngram=(1, 2))[0]
    assert got == ["analysis", "spatial analysis", "tourism", "rural tourism", "gis"]
    assert "analysis rural" not in got and "tourism gis" not in got  # 'of' and ',' break chunks


def test_english_noun_like_filter_and_numbers():
    got = extract_terms(["Rapidly growing cities expanded 95% in 2020 images"], ngram=(1, 3))[0]
    assert got == ["growing", "cities", "growing cities", "images"]  # no -ly first word, no -ed last word
    assert not any(ch.isdigit() for t in got for ch in t)


def test_no_term_ends_in_an_adjective_and_copyright_is_cut():
    text = "Artificial neural networks for traffic signal logic. (C) 2020 Elsevier Ltd. All rights reserved."
    got = extract_terms([text], ngram=(1, 3))[0]
    assert "artificial neural" not in got and "neural" not in got
    assert {"artificial neural networks", "traffic signal logic", "signal", "logic"} <= set(got)
    assert not {"elsevier", "elsevier ltd", "rights"} & set(got)


def test_terms_are_distinct_per_record_and_empty_texts():
    assert extract_terms(["deep learning. Deep learning!", None, ""], ngram=(2, 2)) == [["deep learning"], [], []]


def test_chinese_nouns_with_user_words_and_stop_list():
    text = "基于乡村振兴视角的逆城市化现象研究"
    plain = extract_terms([text])[0]
    assert "研究" not in plain and "视角" not in plain  # built-in Chinese stop list
    with_dict = extract_terms([text], user_words=["乡村振兴", "逆城市化"])[0]
    assert with_dict[:2] == ["乡村振兴", "逆城市化"]


def test_jieba_user_dictionary_file(tmp_path):
    d = tmp_path / "user.dict"
    d.write_text("城乡融合发展 10 n\n", encoding="utf-8")
    assert "城乡融合发展" in extract_terms(["推进城乡融合发展的路径"], user_dict=d)[0]
    with pytest.raises(ParameterError, match="user_dict"):
        extract_terms(["城市"], user_dict=tmp_path / "missing.dict")


def test_extra_stop_words_and_bad_ngram_range():
    assert "tourism" not in extract_terms(["rural tourism"], stopwords=["Tourism"])[0]
    with pytest.raises(ParameterError, match="term_ngrams"):
        extract_terms(["x"], ngram=(3, 2))


def test_repeated_texts_share_work_not_lists_and_english_never_reads_user_words():
    def user_words():
        raise AssertionError("the Chinese user words were read for English text")
        yield  # a generator: read only when jieba is loaded

    text = "Rural tourism and rural tourism policy"
    got = extract_terms([text, None, text], ngram=(1, 2), user_words=user_words())
    assert got[0] == ["tourism", "rural tourism", "policy", "tourism policy"]  # 'rural' is an adjective
    assert got[2] == got[0] and got[2] is not got[0] and got[1] == []
