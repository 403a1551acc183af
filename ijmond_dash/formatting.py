"""nl-NL formatting of numbers, money, percentages and dates, via Babel.

Babel's currency format puts a non-breaking space after the euro sign (``€\xa01.234``);
callers and tests should expect it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import parse_pattern

LOCALE = "nl_NL"
NBSP = "\xa0"
_LOCALE = Locale.parse(LOCALE)
# Babel's format_decimal/format_currency parse the locale and the pattern on every call (most
# of their cost); the locale is parsed once above and each pattern once here, then applied with
# exactly the arguments those functions pass (tests/unit/test_formatting_settings.py checks it).
_patroon = functools.cache(parse_pattern)  # a handful of fixed patterns

Number = int | float | Decimal


def _py(value):
    """numpy and pandas scalars -> plain Python numbers."""
    return value.item() if hasattr(value, "item") and not isinstance(value, (dt.date, str)) else value


def getal(value: Number | None, decimalen: int = 0) -> str:
    """``1234`` -> ``1.234``; ``23.6`` with 1 decimal -> ``23,6``."""
    value = _py(value)
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimalen if decimalen else "")
    return _patroon(pattern).apply(value, _LOCALE)  # = format_decimal(value, format=pattern, locale=LOCALE)


def procent(value: Number | None, decimalen: int = 1) -> str:
    """A percentage given in percent points: ``23.63`` -> ``23,6%`` (1 decimal)."""
    value = _py(value)
    if value is None:
        return "–"
    return f"{getal(value, decimalen)}%"


def euro(value: Number | None, decimalen: int = 0) -> str:
    """``1234567`` -> ``€ 1.234.567`` (with a non-breaking space)."""
    value = _py(value)
    if value is None:
        return "–"
    number = "#,##0" + ("." + "0" * decimalen if decimalen else "")
    pattern = f"¤\xa0{number};¤\xa0-{number}"  # Dutch: € -500, not -€ 500
    # = format_currency(value, "EUR", format=pattern, locale=LOCALE, currency_digits=False)
    return _patroon(pattern).apply(value, _LOCALE, currency="EUR", currency_digits=False)


def euro_mln(value: Number | None, decimalen: int = 1) -> str:
    """``2300000`` -> ``€ 2,3 mln``."""
    value = _py(value)
    if value is None:
        return "–"
    return f"€{NBSP}{getal(Decimal(value) / Decimal(1_000_000), decimalen)} mln"


def euro_kort(value: Number | None) -> str:
    """Money in the shortest honest form: mln above a million, whole euros below."""
    value = _py(value)
    if value is None:
        return "–"
    if abs(value) >= 1_000_000:
        return euro_mln(value, 2 if Decimal(value) % 100_000 else 1)
    return euro(value)


def datum(value: dt.date | None) -> str:
    """``2021-12-31`` -> ``31-12-2021``."""
    if value is None:
        return "–"
    return format_date(value, format="dd-MM-yyyy", locale=LOCALE)


def periode(begin: dt.date, eind: dt.date) -> str:
    """A reporting period, e.g. ``1e halfjaar 2023`` or ``01-01-2023 t/m 30-06-2023``."""
    if begin.year == eind.year and (begin.month, begin.day) == (1, 1):
        if (eind.month, eind.day) == (6, 30):
            return f"1e halfjaar {begin.year}"
        if (eind.month, eind.day) == (12, 31):
            return str(begin.year)
    if begin.year == eind.year and (begin.month, begin.day, eind.month, eind.day) == (7, 1, 12, 31):
        return f"2e halfjaar {begin.year}"
    return f"{datum(begin)} t/m {datum(eind)}"


def waarde(value, unit: str | None = None) -> str:
    """One cell for display, by its unit (catalog units) or its Python type."""
    value = _py(value)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return datum(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float, Decimal)):
        if unit == "euro":
            return euro(value)
        if unit == "jaartal":
            return str(int(value))
        if unit == "euro_x1000":
            return getal(value)
        if unit == "procent":
            d = Decimal(str(value))
            return procent(value, 0 if d == d.to_integral_value() else 2 if abs(d.as_tuple().exponent) >= 2 else 1)
        if isinstance(value, int) or float(value).is_integer():
            return getal(value)
        return getal(value, 2)
    return str(value)


def tabel(df, units: dict[str, str | None] | None = None):
    """A copy of ``df`` with every cell formatted the Dutch way, for display only."""
    units = units or {}
    out = df.copy().astype(object)
    for col in out.columns:
        out[col] = [waarde(v, units.get(col)) for v in df[col]]
    return out


# ---------------------------------------------------------------- text from the store, shown literally

# What Streamlit's Markdown (CommonMark + GFM, plus its own :color[…], :icon: and $…$) would read
# in a one-line text. Escaped with a backslash: code, emphasis, links and images (brackets),
# strikethrough, LaTeX; '_' only where it could open or close emphasis (not inside a word such
# as pwet_personen); at the very start
# what would open a block (#, -, +, =, '1.'). '<', '>' and '&' become entities (also safe inside
# unsafe_allow_html HTML). Other punctuation, e.g. '(150.533)', stays as it is.
_ALTIJD = frozenset("\\`*[]~$")
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_SHORTCODE = re.compile(r":(?=[\w/+-]+[:\[])")  # :material/home:, :smile:, :red[...]
_BLOKBEGIN = re.compile(r"^([#+=-]|\d+(?=[.)]))")
# GFM turns bare 'https://…', 'www.…' and 'naam@domein.nl' into links, and Streamlit reads
# ':red[…]' and ':material/home:', after escapes are resolved (a backslash does not stop them):
# an invisible WORD JOINER (U+2060) splits those patterns.
_AUTOLINK = re.compile(r"(?i)(?<![^\W_])(https?|ftp|mailto|xmpp|www)(?=[:.])|(?=@)")
WJ = "\u2060"
# Line breaks and runs of spaces become one space; a no-break space (as in '€\xa0123.000') stays.
_EEN_REGEL = re.compile(r"[^\S\xa0\u202f]+")


def md_escape(text: str) -> str:
    """``text`` escaped for st.markdown/st.caption/st.error and friends: it shows literally (no
    link, image, emphasis, heading, list, code, HTML or Streamlit directive), on one line. Bare
    web and e-mail addresses get an invisible word joiner, so they are not made into links."""
    text = _AUTOLINK.sub(lambda m: (m.group(1) or "") + WJ, _EEN_REGEL.sub(" ", str(text)).strip())
    text = _SHORTCODE.sub(":" + WJ, text)
    out = []
    for i, ch in enumerate(text):
        if ch in _HTML:
            out.append(_HTML[ch])
        elif ch in _ALTIJD:
            out.append("\\" + ch)
        elif ch == "_" and not (0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()):
            out.append("\\_")
        else:
            out.append(ch)
    uit = "".join(out)
    begin = _BLOKBEGIN.match(uit)
    if begin:  # '# kop', '- lijst', '1. lijst' at the start would open a block
        n = begin.end()
        uit = uit[:n] + "\\" + uit[n:] if begin.group(1)[0].isdigit() else "\\" + uit
    return uit
