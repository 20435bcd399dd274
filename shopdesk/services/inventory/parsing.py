"""Reading suppliers' key files: encodings, separators, line-numbered reasons. Pure functions, no database.

A supplier file is one key per line: either a secret alone, or card number + secret separated by a
space, tab, comma, `|`, `----` or `:`. It may be UTF-8 (with or without BOM), UTF-16 (BOM) or
GBK/GB18030, with CRLF or LF line ends.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from shopdesk.services.common.errors import InvalidInput
from shopdesk.services.common.vault import INVISIBLE

SEPARATORS = ("----", "\t", "|", ",", ":", " ")
SEPARATOR_NAMES = {"----": "----", "\t": "tab", "|": "|", ",": "comma", ":": ":", " ": "space"}
ENCODINGS = ("auto", "utf-8", "gbk", "utf-16")
FORMATS = ("auto", "lines", "pairs")
MAX_LINE = 512  # longer lines are rejected: no card secret is that long
MIN_SECRET, MAX_SECRET = 4, 256
MAX_CARD_NO = 64
_SAMPLE_LINES = 2000
_HEADER_WORDS = {
    "card",
    "card_no",
    "cardno",
    "number",
    "no",
    "secret",
    "password",
    "pass",
    "key",
    "code",
    "卡号",
    "卡密",
    "密码",
    "密钥",
    "序列号",
    "账号",
}


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str  # English sentence; `code` and `arg` let a screen say it in the user's language
    code: str = field(default="", compare=False)
    arg: str = field(default="", compare=False)


class ParsedKey(NamedTuple):  # a tuple: a million of them must stay small
    line: int
    card_no: str | None
    secret: str  # normalised (NFKC, invisible characters removed, trimmed)


@dataclass
class ParseResult:
    encoding: str
    format: str
    separator: str | None
    keys: list[ParsedKey] = field(default_factory=list)
    invalid: list[Rejected] = field(default_factory=list)
    normalised_lines: list[int] = field(default_factory=list)  # lines whose secret NFKC changed
    header_skipped: bool = False
    line_count: int = 0
    lines_read: int = 0


def decode(data: bytes, encoding: str = "auto") -> tuple[list[str], str, list[Rejected]]:
    """Bytes -> lines. Returns (lines, encoding used, lines that do not decode in it)."""
    if encoding not in ENCODINGS:
        raise InvalidInput("import.encoding_unknown", encoding=repr(encoding), choices=", ".join(ENCODINGS))
    if data.startswith(codecs.BOM_UTF8):
        return _split(data[3:].decode("utf-8", errors="strict")), "utf-8-sig", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _split(data.decode("utf-16")), "utf-16", []
        except UnicodeDecodeError as exc:
            raise InvalidInput("import.utf16_broken", byte=exc.start) from None
    if encoding == "utf-16":
        try:
            return _split(data.decode("utf-16-le")), "utf-16-le", []
        except UnicodeDecodeError:
            raise InvalidInput("import.not_utf16") from None
    if b"\x00" in data:
        raise InvalidInput("import.binary_file")
    raw_lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    detected = encoding == "auto"  # an encoding the user chose is obeyed, even for lines that look like UTF-8
    if encoding == "auto":
        try:
            return _split(data.decode("utf-8")), "utf-8", []
        except UnicodeDecodeError:
            # Not UTF-8 as a whole: the encoding of most non-ASCII lines wins, the others are reported.
            non_ascii = [raw for raw in raw_lines if not raw.isascii()]
            utf8_lines = sum(1 for raw in non_ascii if _is_utf8(raw))
            encoding = "utf-8" if utf8_lines * 2 > len(non_ascii) else "gbk"
    codec = "gb18030" if encoding == "gbk" else encoding
    lines, bad = [], []
    for n, raw in enumerate(raw_lines, start=1):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            bad.append(
                Rejected(
                    n,
                    f"this line is not valid {encoding.upper()} text: the file mixes encodings (GBK and "
                    f"UTF-8?) or is not {encoding.upper()}; save it again in one encoding",
                    "not_decodable",
                    encoding.upper(),
                )
            )
            text = ""
        else:
            if detected and codec == "gb18030" and not raw.isascii() and _is_utf8(raw):
                bad.append(
                    Rejected(
                        n,
                        "this line is UTF-8 while the rest of the file is GBK: the file mixes "
                        "encodings; save it again in one encoding",
                        "mixed_encoding",
                    )
                )
                text = ""
        lines.append(text)
    return lines, encoding, bad


def _split(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detect_separator(lines: list[str], min_share: float = 0.8) -> str | None:
    """The separator that splits the most sampled lines into exactly two fields, if enough of them."""
    sample = [ln.strip() for ln in lines[:_SAMPLE_LINES] if ln.strip()]
    if not sample:
        return None
    best, best_hits = None, 0
    for sep in SEPARATORS:  # ordered: a longer, rarer separator wins a tie
        hits = sum(1 for ln in sample if _two_fields(ln, sep))
        if hits > best_hits:
            best, best_hits = sep, hits
    return best if best_hits and best_hits >= len(sample) * min_share else None


def _two_fields(line: str, sep: str) -> bool:
    parts = _fields(line, sep)
    return len(parts) == 2 and all(parts)


def _fields(line: str, sep: str) -> list[str]:
    if sep == " ":
        return line.split()
    return [p.strip() for p in line.split(sep)]


def normalise(secret: str) -> str:
    if secret.isascii():
        return secret.strip()
    return INVISIBLE.sub("", unicodedata.normalize("NFKC", secret)).strip()


def parse(
    data: bytes, *, fmt: str = "auto", sep: str | None = None, encoding: str = "auto", expect_pairs: bool = False
) -> ParseResult:
    """Read a whole file into a list. Every line is either a key or a Rejected with its line number and reason."""
    result, keys = read_keys(data, fmt=fmt, sep=sep, encoding=encoding, expect_pairs=expect_pairs)
    result.keys.extend(keys)
    return result


def read_keys(
    data: bytes, *, fmt: str = "auto", sep: str | None = None, encoding: str = "auto", expect_pairs: bool = False
) -> tuple[ParseResult, Iterator[ParsedKey]]:
    """The file's settings (decided up front) and its keys as an iterator, for files too big for a list.

    Rejected lines and normalised line numbers are added to the result while the iterator runs.

    `expect_pairs` (a card number + secret product) lets auto-detection settle for a separator that
    splits most lines rather than nearly all, so a few bad lines are reported instead of misreading all.
    """
    if fmt not in FORMATS:
        raise InvalidInput("import.format_unknown", format=repr(fmt))
    if sep is not None:
        sep = {"tab": "\t", "space": " ", "comma": ",", "\\t": "\t"}.get(sep, sep)
        if sep not in SEPARATORS:
            raise InvalidInput("import.separator_unknown", sep=repr(sep))
    lines, used, bad = decode(data, encoding)
    bad_lines = {r.line for r in bad}
    if fmt == "auto":
        good = [ln for i, ln in enumerate(lines[:_SAMPLE_LINES], 1) if i not in bad_lines]
        sep = sep or detect_separator(good, 0.5 if expect_pairs else 0.8)
        fmt = "pairs" if sep else "lines"
    elif fmt == "pairs" and sep is None:
        sep = detect_separator(lines)
        if sep is None:
            raise InvalidInput("import.separator_unclear")
    result = ParseResult(encoding=used, format=fmt, separator=sep if fmt == "pairs" else None, invalid=list(bad))
    result.line_count = len(lines)
    return result, _parse_lines(lines, fmt, sep, bad_lines, result)


def _parse_lines(lines, fmt, sep, bad_lines, result) -> Iterator[ParsedKey]:
    # A million lines pass here: the usual line (ASCII, two fields, a fine secret) takes the short way, with no
    # call it can do without; anything else goes through the same checks the long way.
    first_content = True
    pairs, by_space = fmt == "pairs", sep == " "
    invalid, normalised_lines = result.invalid, result.normalised_lines
    new_key = tuple.__new__  # ParsedKey(...) without its Python-level __new__
    for n, line in enumerate(lines, start=1):
        lines[n - 1] = None  # let each line go once read: a million lines must not outlive their keys
        if n in bad_lines:
            continue
        text = line.strip()
        if not text:
            continue
        if len(text) > MAX_LINE:
            invalid.append(
                Rejected(
                    n,
                    f"line is {len(text):,} characters long; a key line has at most {MAX_LINE}",
                    "too_long",
                    str(len(text)),
                )
            )
            first_content = False
            continue
        if pairs:
            parts = text.split() if by_space else text.split(sep)
            if not first_content and len(parts) == 2 and text.isascii():
                card_no, secret = parts[0].strip(), parts[1].strip()
                if len(card_no) <= MAX_CARD_NO and MIN_SECRET <= len(secret) <= MAX_SECRET and secret.isprintable():
                    result.lines_read = n
                    yield new_key(ParsedKey, (n, card_no or None, secret))
                    continue
            if not by_space:
                parts = [p.strip() for p in parts]
            if first_content and _looks_like_header(parts):
                result.header_skipped = True
                first_content = False
                continue
            first_content = False
            if len(parts) < 2 or not parts[1]:
                invalid.append(
                    Rejected(
                        n,
                        f"missing the secret: expected card number {_sep_name(sep)} secret",
                        "missing_secret",
                        _sep_name(sep),
                    )
                )
                continue
            if len(parts) > 2:
                invalid.append(
                    Rejected(
                        n,
                        f"{len(parts)} fields where 2 were expected; the separator "
                        f"{_sep_name(sep)} appears inside a value",
                        "too_many_fields",
                        _sep_name(sep),
                    )
                )
                continue
            card_no, raw_secret = parts
            card_no = normalise(card_no)
            if len(card_no) > MAX_CARD_NO:
                invalid.append(
                    Rejected(
                        n, f"card number longer than {MAX_CARD_NO} characters", "card_no_too_long", str(MAX_CARD_NO)
                    )
                )
                continue
        else:
            if first_content and _looks_like_header([text]):
                result.header_skipped = True
                first_content = False
                continue
            first_content = False
            card_no, raw_secret = None, text
        secret = normalise(raw_secret)
        problem = _secret_problem(secret)
        if problem:
            invalid.append(Rejected(n, *problem))
            continue
        if secret != raw_secret.strip():
            normalised_lines.append(n)
        result.lines_read = n
        yield ParsedKey(n, card_no or None, secret)
    result.lines_read = len(lines)


def _secret_problem(secret: str) -> tuple[str, str, str] | None:
    """(reason, code, arg) when the secret cannot be a card secret."""
    if len(secret) < MIN_SECRET:
        return f"secret shorter than {MIN_SECRET} characters", "secret_too_short", str(MIN_SECRET)
    if len(secret) > MAX_SECRET:
        return f"secret longer than {MAX_SECRET} characters", "secret_too_long", str(MAX_SECRET)
    if not secret.isprintable() and any(unicodedata.category(ch)[0] == "C" for ch in secret):
        return "secret contains control characters", "control_chars", ""
    return None


def _looks_like_header(parts: list[str]) -> bool:
    words = [p.strip().strip('"').lower() for p in parts]
    return bool(words) and all(w in _HEADER_WORDS for w in words)


def _sep_name(sep: str | None) -> str:
    return SEPARATOR_NAMES.get(sep or "", repr(sep))
