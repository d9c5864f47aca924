"""Cited-reference keys and affiliation parsing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litmap.io._affil import institutions_countries, parse_affiliation
from litmap.io._refs import parse_ref, ref_keys, ref_label, unify_by_doi


@pytest.mark.parametrize(("raw", "key"), [
    ("Abburu S., 2015, INT J COMPUT APPL, V119, P20, DOI [10.5120/21088-3779, DOI 10.5120/21088-3779]",
     "abburu s|2015|int j comput appl|119|20|10.5120/21088-3779"),
    ("[Anonymous], 2008, J ADVERTISING, DOI DOI 10.2753/JOA0091-3367370108",
     "anonymous|2008|j advertising|||10.2753/joa0091-3367370108"),
    ("SMITH JR, 2010, NATURE, V12, P34", "smith jr|2010|nature|12|34|"),
    ("Smith J.R., 2010, Nature, V12, P34", "smith jr|2010|nature|12|34|"),
    ("Lakoff G, 2000, WHERE MATH COMES", "lakoff g|2000|where math comes|||"),
    ("Ren Z, 2012, INT CON DISTR COMP S, P152", "ren z|2012|int con distr comp s||152|"),
    (" 张道一, 2018, 东南大学出版社 ", "张道一|2018|东南大学出版社|||"),
    ("石志如, 2021(02), 当代舞蹈艺术研究", "石志如|2021|当代舞蹈艺术研究|||"),
])
def test_wos_style_keys(raw: str, key: str) -> None:
    assert parse_ref(raw, "wos") == key


@pytest.mark.parametrize(("raw", "key"), [
    ("Antonious, G.F., Dahlman, D.L., Insecticidal performance of methyl ketones (2003) Bull Environ "
     "Contam Toxicol, 71, pp. 400-407", "antonious gf|2003|bull environ contam toxicol|71|400|"),
    ("Kim, Jisu, Plant-derived exosome-like nanoparticles, Asian Journal of Pharmaceutical Sciences, 17, "
     "1, pp. 53-69, (2022)", "kim j|2022|asian journal of pharmaceutical sciences|17|53|"),
    ("Cimmino A, A microRNA signature, N Engl J Med, 353, pp. 1793-801, (2005)",
     "cimmino a|2005|n engl j med|353|1793|"),
])
def test_scopus_style_keys(raw: str, key: str) -> None:
    assert parse_ref(raw, "scopus") == key


def test_cssci_style_key() -> None:
    assert parse_ref("2.严栋.基于物联网的智慧图书馆.图书馆学刊.2010.32(7)", "cssci") == "严栋|2010|图书馆学刊|32||"


@pytest.mark.parametrize(("raw", "key"), [
    ("陈琴,庞丽娟,许晓晖.题名.刊名.2010.32(7)", "陈琴|2010|刊名|32||"),
    ("5.陈琴，庞丽娟、许晓晖.题名.刊名.2010.32(7)", "陈琴|2010|刊名|32||"),
    ("26.德鲁克,彼得.卓有成效的管理者.北京:机械工业出版社", "德鲁克||卓有成效的管理者|||"),
    ("27.Bagozzi,R P.State versus action orientation.Journal of Consumer Research.1992.18(4)",
     "bagozzi r p|1992|journal of consumer research|18||"),
])
def test_cssci_first_author_of_a_chinese_list(raw: str, key: str) -> None:
    assert parse_ref(raw, "cssci") == key


@pytest.mark.parametrize(("raw", "key"), [
    ("金元浦.中国文化概论.北京:…出版社", "金元浦||中国文化概论|||"),
    ("金元浦.中国文化概论.北京:中国人民大学出版社", "金元浦||中国文化概论|||"),
    ("9.朱嘉明.“元宇宙”和“后人类社会”.经济观察报.6.21(33)", "朱嘉明||“元宇宙”和“后人类社会”|||"),
    ("37.潘星.智慧图书馆联盟建设策略研究:学位论文.扬州:扬州大学,2021", "潘星|2021|智慧图书馆联盟建设策略研究:学位论文|||"),
    ("6.WANG,R H.Book purchasing model.Piscataway:IEEE Press,2012:440-443", "wang r h|2012|book purchasing model|||"),
])
def test_cssci_reference_without_year_keys_on_author_and_title(raw: str, key: str) -> None:
    assert ref_keys([raw], "cssci") == [key]


@pytest.mark.parametrize("raw", ["4..教育部关于印发若干意见的通知.北京", "金元浦", "12.金元浦"])
def test_cssci_reference_without_year_needs_author_and_title(raw: str) -> None:
    assert ref_keys([raw], "cssci") == []


def test_same_reference_written_differently_is_one_key() -> None:
    a = parse_ref("Smith JR, 2010, NATURE, V12, P34", "wos")
    b = parse_ref("Smith, J.R., Title of it (2010) Nature, 12, pp. 34-40", "scopus")
    assert a == b


def test_ref_keys_drop_unusable_and_repeats() -> None:
    keys = ref_keys([" , 2020, ", "Calin GA", "Smith J, 2010, X", "SMITH J, 2010, X"], "wos")
    assert keys == ["smith j|2010|x|||"]


def test_unify_by_doi_picks_the_most_frequent_key() -> None:
    a, b = "smith j|2010|nature|12|34|10.1/x", "smith j|2010|nat|12|34|10.1/x"
    out = unify_by_doi([[a], [a, "k|2000|s|||"], [b]])
    assert out == [[a], [a, "k|2000|s|||"], [a]]


def test_ref_label() -> None:
    assert ref_label("smith jr|2010|nature|12|34|") == "SMITH JR, 2010, NATURE, V12, P34"
    assert ref_label("严栋|2010|图书馆学刊|32||") == "严栋, 2010, 图书馆学刊, V32"


@pytest.mark.parametrize(("raw", "insts", "countries"), [
    ("[Smith, J; Li, X] Univ Utah, Dept Phys, Salt Lake City, UT 84112 USA.", ("Univ Utah",), ("USA",)),
    ("Tsinghua Univ, Dept Phys, Beijing 100084, Peoples R China.", ("Tsinghua Univ",), ("China",)),
    ("[Baio, G] UCL, Dept Stat, London WC1E 6BT, England.", ("UCL",), ("UK",)),
    ("Natl Taiwan Univ, Taipei 10617, Taiwan.", ("Natl Taiwan Univ",), ("Taiwan",)),
    ("Department of Chemistry, University of California, Davis, CA, United States; Dept X, Peking "
     "University, Beijing, China", ("University of California", "Peking University"), ("USA", "China")),
    ("西南林业大学园林园艺学院;", ("西南林业大学",), ("China",)),
    ("[谭春辉]华中师范大学.信息管理学院", ("华中师范大学",), ("China",)),
    ("中国科学院地理科学与资源研究所;中国科学院大学", ("中国科学院", "中国科学院大学"), ("China",)),
])
def test_affiliations(raw: str, insts: tuple, countries: tuple) -> None:
    assert parse_affiliation(raw) == (insts, countries)


def test_institutions_are_deduplicated_in_order() -> None:
    insts, countries = institutions_countries(["北京师范大学艺术与传媒学院", "北京师范大学文学院",
                                               "Univ A, X, Japan."])
    assert insts == ["北京师范大学", "Univ A"] and countries == ["China", "Japan"]


@pytest.mark.corpora
def test_real_cssci_references_get_chinese_first_authors(corpora_dir) -> None:
    from litmap.io import read

    refs = read(corpora_dir / "other_cssci").records["cited_refs"].explode().dropna()
    authors = refs.str.split("|").str[0]
    # a Chinese author list never becomes "surname initials" (陈琴 庞)
    assert not authors.str.fullmatch(r"[\u4e00-\u9fff]{2,4} [\u4e00-\u9fff]").any()
    books = refs[refs.str.split("|").str[1] == ""]
    assert len(books) > 100 and (books.str.split("|").str[2] != "").all()


_KEYS = ["smith j|2010|nature|12|34|10.1/x", "smith j|2010|nat|12|34|10.1/x", "smith j|2010|nature|||10.1/x",
         "li x|2011|cities|3||10.2/y", "li x|2011|city|3||10.2/y", "wu y|2012|geoforum|||", "k|2000|s|||"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_KEYS), max_size=4, unique=True), max_size=8),
       st.lists(st.sampled_from(_KEYS)))
def test_unify_by_doi_with_more_distinct_keys_than_used(key_lists, extra) -> None:
    exact = unify_by_doi(key_lists)
    assert unify_by_doi(key_lists, {k for keys in key_lists for k in keys} | set(extra) | {""}) == exact
