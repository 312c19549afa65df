"""The time layer as a TimeML document: the analysed text, exactly, with TIMEX3 tags around the time expressions.

TempEval tooling reads TimeML: a `<DCT>` with the publication date and a `<TEXT>` whose character content is the
article. Nothing in the text is changed: `&`, `<` and `>` are escaped, and carriage returns are written as `&#13;`
so that an XML parser (which would otherwise turn "\\r\\n" into "\\n") gives back the very same string.

>>> from newsgraph.model import Analysis, Timex
>>> doc = Analysis(id="a1", text="Talks resumed on Monday.", published="2023-02-28",
...                timex=(Timex(17, 23, "Monday", "DATE", "2023-02-27", "2023-02-28"),))
>>> print(timeml_text(doc).replace(" functionInDocument", "\\n  functionInDocument"))
Talks resumed on <TIMEX3 tid="t1" type="DATE" value="2023-02-27" temporalFunction="true"
  functionInDocument="NONE" anchorTimeID="t0">Monday</TIMEX3>.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from newsgraph.model import Analysis, Timex

HEADER = (
    '<?xml version="1.0" ?>\n'
    '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n'
)
DCT_TID = "t0"
_ENTITIES = {"\r": "&#13;"}


def to_timeml(analysis: Analysis) -> str:
    """The whole TimeML document: DOCID, DCT (when the publication date is known) and the tagged TEXT."""
    parts = [HEADER, f"\n<DOCID>{_text(str(analysis.id))}</DOCID>\n"]
    if analysis.published:
        date = _text(analysis.published)
        parts.append(
            f'\n<DCT><TIMEX3 tid="{DCT_TID}" type="DATE" value="{date}" temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{date}</TIMEX3></DCT>\n'
        )
    parts.append(f"\n<TEXT>{timeml_text(analysis)}</TEXT>\n\n</TimeML>\n")
    return "".join(parts)


def timeml_text(analysis: Analysis) -> str:
    """The content of `<TEXT>`: the text, escaped, with a TIMEX3 element around each time expression.

    Time expressions are not nested in TimeML; one that overlaps an earlier one is left out.
    """
    text = analysis.text
    out: list[str] = []
    position = 0
    for number, timex in enumerate(_non_overlapping(analysis.timex), start=1):
        out.append(_text(text[position : timex.start]))
        out.append(_open_tag(timex, number, analysis.published))
        out.append(_text(text[timex.start : timex.end]))
        out.append("</TIMEX3>")
        position = timex.end
    out.append(_text(text[position:]))
    return "".join(out)


def _non_overlapping(timexes: tuple[Timex, ...]) -> list[Timex]:
    kept: list[Timex] = []
    for timex in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if not kept or timex.start >= kept[-1].end:
            kept.append(timex)
    return kept


def _open_tag(timex: Timex, number: int, published: str | None) -> str:
    attributes = {"tid": f"t{number}", "type": timex.type, "value": timex.value or ""}
    # a value worked out from another date is a temporal function of it; the DCT is the one we can point to
    attributes["temporalFunction"] = "true" if timex.anchor else "false"
    attributes["functionInDocument"] = "NONE"
    if timex.anchor and timex.anchor == published:
        attributes["anchorTimeID"] = DCT_TID
    return "<TIMEX3 " + " ".join(f"{k}={quoteattr(v)}" for k, v in attributes.items()) + ">"


def _text(value: str) -> str:
    return escape(value, _ENTITIES)
