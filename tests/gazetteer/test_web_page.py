"""Web pages in: the main text without boilerplate, the page's metadata, its charset, and what is refused."""

from __future__ import annotations

import codecs

import pytest
from webpages import AUTHOR, BOILERPLATE, DATE, NAVIGATION_ONLY, PARAGRAPHS, TITLE, URL, news_page

from gazetteer.errors import InvalidInput
from gazetteer.limits import MAX_HTML_BYTES, MAX_SOURCE, MAX_TITLE, TooLarge
from gazetteer.page_encoding import decode_page, sniffs_as_html
from gazetteer.web_page import extract_page, is_web_page

RUSSIAN = (
    "Инженеры закончили ремонт старого моста к югу от Лачина в четверг.",
    "Водители из Гориса сказали, что дорога была закрыта одиннадцать недель.",
)


def test_the_main_text_drops_menus_subscribe_lines_and_footers() -> None:
    page = extract_page(news_page())
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text
    for word in BOILERPLATE:
        assert word not in page.text, word
    assert page.text.index(PARAGRAPHS[0]) < page.text.index(PARAGRAPHS[1]) < page.text.index(PARAGRAPHS[2])


def test_the_metadata_is_read_from_the_markup() -> None:
    page = extract_page(news_page())
    assert (page.title, page.date, page.author, page.url) == (TITLE, DATE, AUTHOR, URL)
    assert page.html == news_page() and page.original.html == page.html
    assert (page.original.url, page.original.author) == (URL, AUTHOR)


def test_metadata_the_page_lacks_stays_empty() -> None:
    page = extract_page(news_page(date="", author="", url=""))
    assert (page.date, page.author, page.url) == ("", "", "")
    assert page.text.endswith(PARAGRAPHS[-1])


def test_a_date_in_the_text_is_not_taken_for_the_publication_date() -> None:
    page = extract_page(news_page(date="", paragraphs=("The talks of 12 March 2023 in Baku ended without a deal.",)))
    assert page.date == ""


def test_metadata_is_clipped_or_dropped_never_refused() -> None:
    page = extract_page(news_page(title="Long " * 400 + "\x07title", author="A\x85 " * 700, url=URL + "x" * MAX_SOURCE))
    assert len(page.title) <= MAX_TITLE and page.title.startswith("Long Long") and "\x07" not in page.title
    assert len(page.author) <= MAX_TITLE and "\x85" not in page.author
    assert page.url == ""
    assert extract_page(news_page(url="javascript:alert(1)")).url == ""
    assert extract_page(news_page(url="/news/relative")).url == ""


def test_bytes_are_decoded_in_the_charset_the_page_declares() -> None:
    html = news_page(charset="windows-1251", paragraphs=RUSSIAN)
    raw = html.encode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    page = extract_page(raw)
    assert RUSSIAN[0] in page.text and page.html == html


def test_the_transport_charset_and_a_byte_order_mark_come_first() -> None:
    html = news_page(charset="", paragraphs=RUSSIAN)
    assert RUSSIAN[1] in extract_page(html.encode("koi8-r"), charset="koi8-r").text
    assert decode_page(codecs.BOM_UTF8 + html.encode()) == html
    assert decode_page(codecs.BOM_UTF16_LE + html.encode("utf-16-le")) == html


def test_valid_utf8_wins_over_a_stale_declaration_and_escaping_codecs_are_refused() -> None:
    stale = news_page(charset="iso-8859-1", paragraphs=RUSSIAN)
    assert decode_page(stale.encode()) == stale
    seven = '<meta charset="utf-7"><p>+ADw-script+AD4-</p> \xa0'
    assert "<script>" not in decode_page(seven.encode("latin-1"))


def test_a_fragment_is_read_as_the_body_of_a_page() -> None:
    page = extract_page(f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>")
    assert page.text == f"{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}"


def test_sniffing() -> None:
    assert sniffs_as_html(b"\xef\xbb\xbf \n<!doctype HTML><html>") and sniffs_as_html("<!-- saved --><html>")
    assert sniffs_as_html("<p>Talks") and sniffs_as_html("<TABLE>")
    assert not sniffs_as_html("Talks in Baku.") and not sniffs_as_html("<pre>x") and not sniffs_as_html(b"%PDF-1.7")
    assert is_web_page("saved/Page.HTM", b"") and is_web_page("notes.txt", b"<html>")
    assert not is_web_page("notes.txt", b"Talks in <b>Baku</b>.")


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("", "the page is empty"),
        (" \n", "the page is empty"),
        ("Talks in Baku resumed on Monday.", "not HTML"),
        (b"%PDF-1.7 binary", "not HTML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not HTML"),
        (NAVIGATION_ONLY, "no main text"),
        ("<html><body></body></html>", "no main text"),
        ("<p>Talks in Baku \ud800.</p>", "lone surrogate"),
    ],
)
def test_what_is_no_page_is_refused(page: str | bytes, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        extract_page(page)


def test_a_page_over_the_limit_is_too_large() -> None:
    html = news_page()
    padded = html.replace("</body>", "<!--" + "x" * MAX_HTML_BYTES + "--></body>")
    with pytest.raises(TooLarge, match=str(MAX_HTML_BYTES)):
        extract_page(padded)
    with pytest.raises(TooLarge):
        extract_page(padded.encode())


def test_nul_characters_never_reach_the_store() -> None:
    page = extract_page(news_page().replace("before noon", "before\x00 noon"))
    assert "\x00" not in page.html and "\x00" not in page.text and "\ufffd" in page.html
