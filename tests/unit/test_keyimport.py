"""Reading suppliers' key files (pure parsing, no database): separators, encodings, line ends, bad lines."""

from __future__ import annotations

import codecs
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.inventory import parsing as keyimport
from shopdesk.services.inventory.parsing import ParsedKey, Rejected

SEPARATORS = {"----": "----", "tab": "\t", "pipe": "|", "comma": ",", "colon": ":", "space": " "}


def parse(data: bytes, **kw) -> keyimport.ParseResult:
    return keyimport.parse(data, **kw)


def secrets(result: keyimport.ParseResult) -> list[str]:
    return [k.secret for k in result.keys]


def pairs(result: keyimport.ParseResult) -> list[tuple[int, str | None, str]]:
    return [(k.line, k.card_no, k.secret) for k in result.keys]


def lines_of(result: keyimport.ParseResult) -> dict[int, str]:
    return {r.line: r.reason for r in result.invalid}


# --- separators and formats ------------------------------------------------------------------------


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_every_separator_is_detected(sep):
    data = f"NO-0001{sep}SECRET-AAAA-1\nNO-0002{sep}SECRET-BBBB-2\nNO-0003{sep}SECRET-CCCC-3\n".encode()
    result = parse(data)
    assert (result.format, result.separator) == ("pairs", sep)
    assert pairs(result) == [
        (1, "NO-0001", "SECRET-AAAA-1"),
        (2, "NO-0002", "SECRET-BBBB-2"),
        (3, "NO-0003", "SECRET-CCCC-3"),
    ]
    assert result.invalid == []
    assert result.header_skipped is False


def test_space_separator_tolerates_runs_of_blanks():
    result = parse(b"NO-1    SECRET-AAAA\nNO-2 \t SECRET-BBBB\n", sep="space")
    assert pairs(result) == [(1, "NO-1", "SECRET-AAAA"), (2, "NO-2", "SECRET-BBBB")]


def test_pipe_with_spaces_around_fields():
    result = parse(b"NO-1 | SECRET-AAAA\nNO-2 | SECRET-BBBB\n")
    assert result.separator == "|"
    assert pairs(result) == [(1, "NO-1", "SECRET-AAAA"), (2, "NO-2", "SECRET-BBBB")]


def test_dashes_beat_a_single_dash_inside_values():
    result = parse(b"NO-1----SEC-RET-A\nNO-2----SEC-RET-B\n")
    assert result.separator == "----"
    assert pairs(result) == [(1, "NO-1", "SEC-RET-A"), (2, "NO-2", "SEC-RET-B")]


def test_one_secret_per_line():
    result = parse(b"AAAA-1111-XXXX\nBBBB-2222-YYYY\nCCCC-3333-ZZZZ")
    assert (result.format, result.separator) == ("lines", None)
    assert pairs(result) == [(1, None, "AAAA-1111-XXXX"), (2, None, "BBBB-2222-YYYY"), (3, None, "CCCC-3333-ZZZZ")]


@pytest.mark.parametrize(
    ("header", "sep"),
    [("card,secret", ","), ("卡号,卡密", ","), ("卡号----密码", "----"), ('"card_no"\t"password"', "\t")],
)
def test_header_row_is_skipped(header, sep):
    data = f"{header}\nNO-1{sep}SECRET-AAAA\nNO-2{sep}SECRET-BBBB\n".encode()
    result = parse(data)
    assert result.header_skipped is True
    assert pairs(result) == [(2, "NO-1", "SECRET-AAAA"), (3, "NO-2", "SECRET-BBBB")]
    assert result.invalid == []


def test_header_of_a_secrets_only_file_is_skipped():
    result = parse("卡密\nSECRET-AAAA\nSECRET-BBBB\n".encode())
    assert result.header_skipped is True
    assert pairs(result) == [(2, None, "SECRET-AAAA"), (3, None, "SECRET-BBBB")]


# --- encodings ------------------------------------------------------------------------------------------

CHINESE = ["卡密一号-AAAA", "卡密二号-BBBB", "密钥三号-CCCC"]


def test_utf8_without_bom():
    result = parse("\n".join(CHINESE).encode())
    assert result.encoding == "utf-8"
    assert secrets(result) == CHINESE


def test_utf8_with_bom_does_not_leak_into_the_first_secret():
    result = parse(codecs.BOM_UTF8 + "\n".join(CHINESE).encode())
    assert result.encoding == "utf-8-sig"
    assert secrets(result) == CHINESE
    assert result.normalised_lines == []


def test_utf8_bom_before_a_pairs_file():
    result = parse(codecs.BOM_UTF8 + "卡号,卡密\nNO-1,SECRET-AAAA\n".encode())
    assert result.header_skipped is True
    assert pairs(result) == [(2, "NO-1", "SECRET-AAAA")]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    text = "NO-1\t卡密一号-AAAA\r\nNO-2\t卡密二号-BBBB\r\n"
    result = parse(bom + text.encode(codec))
    assert result.encoding == "utf-16"
    assert pairs(result) == [(1, "NO-1", "卡密一号-AAAA"), (2, "NO-2", "卡密二号-BBBB")]
    assert result.invalid == []


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_gbk_is_detected(codec):
    data = "卡号,卡密\n一号,卡密一号-AAAA\n二号,卡密二号-BBBB\n".encode(codec)
    result = parse(data)
    assert result.encoding == "gbk"
    assert result.header_skipped is True
    assert pairs(result) == [(2, "一号", "卡密一号-AAAA"), (3, "二号", "卡密二号-BBBB")]


def test_gb18030_only_characters():
    secret = "密钥𠀀-AAAA"  # outside GBK, inside GB18030
    result = parse((secret + "\n普通密钥-BBBB\n").encode("gb18030"))
    assert secrets(result) == [secret, "普通密钥-BBBB"]


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_line_endings(eol):
    data = eol.join(["SECRET-AAAA", "SECRET-BBBB", "", "SECRET-CCCC"]).encode() + eol.encode()
    result = parse(data)
    assert pairs(result) == [(1, None, "SECRET-AAAA"), (2, None, "SECRET-BBBB"), (4, None, "SECRET-CCCC")]


def test_mixed_line_endings_keep_line_numbers():
    result = parse(b"SECRET-AAAA\r\nSECRET-BBBB\nSECRET-CCCC\rSECRET-DDDD")
    assert pairs(result) == [
        (1, None, "SECRET-AAAA"),
        (2, None, "SECRET-BBBB"),
        (3, None, "SECRET-CCCC"),
        (4, None, "SECRET-DDDD"),
    ]


def test_blank_lines_and_surrounding_whitespace_are_ignored():
    data = b"\n\n   SECRET-AAAA   \n\t\n \t SECRET-BBBB\t\n\n\n"
    result = parse(data)
    assert pairs(result) == [(3, None, "SECRET-AAAA"), (5, None, "SECRET-BBBB")]
    assert result.invalid == []
    assert result.normalised_lines == []  # trimming is not a normalisation worth reporting


def test_empty_and_blank_files_hold_no_key():
    for data in (b"", b"\n\n", b"  \r\n\t\r\n"):
        result = parse(data)
        assert result.keys == [] and result.invalid == []


# --- bad input ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        b"SECRET-AAAA\nSECRET\x00BBBB\n",
    ],
    ids=["png", "zip", "nul-in-text"],
)
def test_binary_file_is_refused(data):
    with pytest.raises(InvalidInput, match="binary") as exc:
        parse(data)
    assert exc.value.field == "file"


def test_ten_megabyte_single_line_is_rejected_with_its_line_number():
    result = parse(b"X" * 10_000_000)
    assert result.keys == []
    [rejected] = result.invalid
    assert rejected.line == 1
    assert "10,000,000 characters" in rejected.reason


def test_huge_line_between_good_lines():
    result = parse(b"SECRET-AAAA\n" + b"Y" * 10_000_000 + b"\nSECRET-BBBB\n")
    assert pairs(result) == [(1, None, "SECRET-AAAA"), (3, None, "SECRET-BBBB")]
    assert [r.line for r in result.invalid] == [2]
    assert "at most" in result.invalid[0].reason


def test_gbk_file_with_utf8_lines_mixed_in():
    data = b"".join(
        [
            "卡密一号-AAAA\n".encode("gbk"),
            "卡密二号-BBBB\n".encode(),
            "卡密三号-CCCC\n".encode("gbk"),
            b"ASCII-ONLY-DDDD\n",
            "卡密五号-EEEE\n".encode("gbk"),
        ]
    )
    result = parse(data)
    assert result.encoding == "gbk"
    assert pairs(result) == [
        (1, None, "卡密一号-AAAA"),
        (3, None, "卡密三号-CCCC"),
        (4, None, "ASCII-ONLY-DDDD"),
        (5, None, "卡密五号-EEEE"),
    ]
    assert list(lines_of(result)) == [2]
    assert "encodings" in lines_of(result)[2]


def test_utf8_file_with_a_gbk_line_mixed_in():
    data = b"".join(
        [
            "卡密一号-AAAA\n".encode(),
            "卡密二号-BBBB\n".encode("gbk"),
            "卡密三号-CCCC\n".encode(),
            "卡密四号-DDDD\n".encode(),
        ]
    )
    result = parse(data)
    assert result.encoding == "utf-8"
    assert pairs(result) == [(1, None, "卡密一号-AAAA"), (3, None, "卡密三号-CCCC"), (4, None, "卡密四号-DDDD")]
    assert list(lines_of(result)) == [2]
    assert "encodings" in lines_of(result)[2]


GOOD_PAIRS = [f"NO-{n},SECRET-{n:04d}" for n in range(1, 9)]


def test_separator_inside_a_secret_is_rejected():
    data = "\n".join([*GOOD_PAIRS[:4], "NO-X,SEC,RET-XXXX", *GOOD_PAIRS[4:]]).encode()
    result = parse(data)
    assert result.separator == ","
    assert [k.line for k in result.keys] == [1, 2, 3, 4, 6, 7, 8, 9]
    assert list(lines_of(result)) == [5]
    assert "3 fields" in lines_of(result)[5] and "comma" in lines_of(result)[5]


def test_separator_inside_secrets_of_a_short_pairs_file():
    # 2 of 4 lines split in two: a card number + secret product still reads pairs and reports the rest.
    data = b"NO-1|SECRET-AAAA\nNO-2|SEC|RET-BBBB\nNO-3|SECRET-CCCC\nNO-4|SEC|RET|DDDD\n"
    result = parse(data, expect_pairs=True)
    assert result.separator == "|"
    assert [k.line for k in result.keys] == [1, 3]
    assert lines_of(result) == {
        2: "3 fields where 2 were expected; the separator | appears inside a value",
        4: "4 fields where 2 were expected; the separator | appears inside a value",
    }


def test_csv_with_a_missing_column():
    data = "\n".join(["card,secret", *GOOD_PAIRS[:3], "NO-X", *GOOD_PAIRS[3:6], "NO-Y,", *GOOD_PAIRS[6:]]).encode()
    result = parse(data)
    assert result.header_skipped is True
    assert result.separator == ","
    assert len(result.keys) == 8
    assert list(lines_of(result)) == [5, 9]
    assert all("missing the secret" in reason for reason in lines_of(result).values())


def test_csv_with_a_missing_column_in_a_pairs_product():
    data = b"card,secret\nNO-1,SECRET-AAAA\nNO-2\nNO-3,\nNO-4,SECRET-DDDD\n"
    result = parse(data, expect_pairs=True)
    assert result.header_skipped is True
    assert pairs(result) == [(2, "NO-1", "SECRET-AAAA"), (5, "NO-4", "SECRET-DDDD")]
    assert list(lines_of(result)) == [3, 4]


def test_a_pairs_product_with_a_few_bad_lines_still_reads_as_pairs():
    # 3 of 5 lines split: not enough for plain auto-detection, enough when the product expects pairs.
    data = b"NO-1,SECRET-AAAA\nNO-2,SECRET-BBBB\nNO-3,SECRET-CCCC\nLONELY-DDDD\nLONELY-EEEE\n"
    assert parse(data).format == "lines"
    result = parse(data, expect_pairs=True)
    assert (result.format, result.separator) == ("pairs", ",")
    assert [k.line for k in result.keys] == [1, 2, 3]
    assert list(lines_of(result)) == [4, 5]


@pytest.mark.parametrize(
    ("line", "why"),
    [("ABC", "shorter than 4"), ("S" * 300, "longer than 256"), ("SECRET\x07BEL", "control characters")],
)
def test_bad_secrets_are_rejected_with_a_reason(line, why):
    result = parse(f"SECRET-GOOD\n{line}\n".encode())
    assert [k.line for k in result.keys] == [1]
    assert result.invalid == [Rejected(2, result.invalid[0].reason)]
    assert why in result.invalid[0].reason


def test_too_long_card_number_is_rejected():
    result = parse(("N" * 100 + ",SECRET-AAAA\nNO-2,SECRET-BBBB\n").encode())
    assert [k.line for k in result.keys] == [2]
    assert "card number longer" in lines_of(result)[1]


def test_full_width_and_zero_width_secrets_are_normalised_and_listed():
    data = "\n".join(
        [
            "ＡＢＣＤ－１２３４",  # full-width
            "AB\u200bCD\u200d-5678",  # zero-width space and joiner
            "PLAIN-9999",
            "\ufeffEF\u2060GH-0000",  # stray BOM and word joiner
            "\u00adIJKL-1111",  # soft hyphen
        ]
    ).encode()
    result = parse(data)
    assert secrets(result) == ["ABCD-1234", "ABCD-5678", "PLAIN-9999", "EFGH-0000", "IJKL-1111"]
    assert result.normalised_lines == [1, 2, 4, 5]
    assert result.invalid == []


def test_normalisation_applies_to_card_numbers_and_secrets_of_pairs():
    result = parse("ＮＯ１,ＳＥＣＲＥＴ１\nNO2,SEC\u200bRET2\nNO3,SECRET3\n".encode())
    assert pairs(result) == [(1, "NO1", "SECRET1"), (2, "NO2", "SECRET2"), (3, "NO3", "SECRET3")]
    assert result.normalised_lines == [1, 2]


def test_a_secret_of_invisible_characters_only_is_rejected():
    result = parse("SECRET-AAAA\n\u200b\u200b\u200b\u200b\u200b\n".encode())
    assert [k.line for k in result.keys] == [1]
    assert "shorter" in lines_of(result)[2]


# --- overrides ------------------------------------------------------------------------------------------


def test_format_lines_keeps_a_separator_inside_the_secret():
    result = parse(b"NO-1 SECRET-AAAA\nNO-2 SECRET-BBBB\n", fmt="lines")
    assert (result.format, result.separator) == ("lines", None)
    assert secrets(result) == ["NO-1 SECRET-AAAA", "NO-2 SECRET-BBBB"]


@pytest.mark.parametrize(
    ("name", "sep"), [("tab", "\t"), ("\\t", "\t"), ("space", " "), ("comma", ","), (":", ":"), ("|", "|")]
)
def test_named_separators(name, sep):
    result = parse(f"NO-1{sep}SECRET-AAAA\n".encode(), fmt="pairs", sep=name)
    assert (result.format, result.separator) == ("pairs", sep)
    assert pairs(result) == [(1, "NO-1", "SECRET-AAAA")]


def test_explicit_separator_wins_over_detection():
    data = b"NO|1:SECRET-AAAA\nNO|2:SECRET-BBBB\n"
    assert pairs(parse(data)) == [(1, "NO", "1:SECRET-AAAA"), (2, "NO", "2:SECRET-BBBB")]  # '|' comes first
    result = parse(data, sep=":")
    assert (result.format, result.separator) == ("pairs", ":")
    assert pairs(result) == [(1, "NO|1", "SECRET-AAAA"), (2, "NO|2", "SECRET-BBBB")]


def test_explicit_pairs_with_the_wrong_separator_rejects_each_line():
    result = parse(b"NO-1 SECRET-AAAA\nNO-2 SECRET-BBBB\n", fmt="pairs", sep="tab")
    assert result.keys == []
    assert list(lines_of(result)) == [1, 2]


def test_explicit_pairs_without_a_detectable_separator():
    with pytest.raises(InvalidInput, match="--sep") as exc:
        parse(b"NO-1;SECRET-AAAA\n", fmt="pairs")
    assert exc.value.field == "sep"


def test_explicit_encoding_gbk_for_a_file_that_also_passes_as_utf8():
    raw = "娴嬭瘯瀵嗛挜-AAAA\n".encode("gbk")  # these GBK bytes happen to be valid UTF-8 too ("测试密钥-AAAA")
    assert secrets(parse(raw)) == ["测试密钥-AAAA"]
    result = parse(raw, encoding="gbk")
    assert result.encoding == "gbk"
    assert secrets(result) == ["娴嬭瘯瀵嗛挜-AAAA"]
    assert result.invalid == []


def test_explicit_utf8_reports_gbk_lines():
    data = "卡密一号-AAAA\n".encode("gbk") + b"ASCII-BBBB\n"
    result = parse(data, encoding="utf-8")
    assert secrets(result) == ["ASCII-BBBB"]
    assert list(lines_of(result)) == [1]
    assert "not valid UTF-8" in lines_of(result)[1]


def test_explicit_utf16_without_bom_reads_little_endian():
    result = parse("卡密一号-AAAA\n卡密二号-BBBB\n".encode("utf-16-le"), encoding="utf-16")
    assert secrets(result) == ["卡密一号-AAAA", "卡密二号-BBBB"]


def test_explicit_utf16_on_a_file_that_is_not():
    with pytest.raises(InvalidInput, match="not UTF-16"):
        parse(b"ABC", encoding="utf-16")


def test_broken_utf16_after_a_bom():
    with pytest.raises(InvalidInput, match="UTF-16"):
        parse(codecs.BOM_UTF16_LE + "SECRET".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"fmt": "xlsx"}, "format"),
        ({"sep": ";"}, "sep"),
        ({"sep": "semicolon"}, "sep"),
        ({"encoding": "latin-1"}, "encoding"),
        ({"encoding": "big5"}, "encoding"),
    ],
)
def test_bad_overrides_are_refused(kw, field):
    with pytest.raises(InvalidInput) as exc:
        parse(b"NO-1,SECRET-AAAA\n", **kw)
    assert exc.value.field == field


def test_read_keys_streams_and_fills_the_report_as_it_goes():
    data = b"SECRET-AAAA\nBAD\nSECRET-CCCC\n"
    result, stream = keyimport.read_keys(data)
    assert result.line_count == 4 and result.invalid == []
    first = next(stream)
    assert first == ParsedKey(1, None, "SECRET-AAAA")
    rest = list(stream)
    assert rest == [ParsedKey(3, None, "SECRET-CCCC")]
    assert [r.line for r in result.invalid] == [2]
    assert result.lines_read == 4


# --- property ---------------------------------------------------------------------------------------------

ALPHABET = string.ascii_letters + string.digits + "_.#/=+@-"
token = (
    st.tuples(
        st.text(ALPHABET, max_size=20), st.sampled_from(string.digits), st.text(ALPHABET, min_size=3, max_size=20)
    )
    .map("".join)  # a digit inside: never mistaken for a header word
    .filter(lambda s: "----" not in s and not s.startswith("-") and not s.endswith("-"))
)
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "gbk": lambda text: text.encode("gbk"),
}


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.tuples(token, token), min_size=1, max_size=30),
    sep=st.sampled_from([None, *SEPARATORS.values()]),
    eol=st.sampled_from(["\n", "\r\n", "\r"]),
    encoding=st.sampled_from(sorted(ENCODINGS)),
    trailing_eol=st.booleans(),
    blank_lines=st.integers(min_value=0, max_value=3),
)
def test_property_parse_returns_exactly_the_keys_written(rows, sep, eol, encoding, trailing_eol, blank_lines):
    lines = [secret if sep is None else f"{card}{sep}{secret}" for card, secret in rows]  # None: secrets only
    text = eol.join(lines + [""] * blank_lines) + (eol if trailing_eol else "")
    result = parse(ENCODINGS[encoding](text))
    assert result.invalid == []
    assert result.normalised_lines == []
    if sep is None:
        assert result.format == "lines"
        assert [(k.card_no, k.secret) for k in result.keys] == [(None, s) for _, s in rows]
    else:
        assert (result.format, result.separator) == ("pairs", sep)
        assert [(k.card_no, k.secret) for k in result.keys] == rows
    assert [k.line for k in result.keys] == list(range(1, len(rows) + 1))
