"""The XSS corpus every hostile-input test uses: each payload, if it ran, would set window.__xss or open a dialog.

Script tags, event handlers, javascript: URLs, SVG and MathML tricks, and
encoded variants (HTML entities, percent-encoding, numeric character references).
"""

PAYLOADS = [
    "<script>window.__xss=1;alert('s')</script>",
    '"><img src=x onerror="window.__xss=1;alert(1)">',
    "'><svg onload=\"window.__xss=1;alert(2)\">",
    "<a href=\"javascript:window.__xss=1;alert(3)\" id=\"xss-link\">read more</a>",
    "<svg><script>window.__xss=1;alert(4)</script></svg>",
    "<iframe src=\"javascript:parent.__xss=1;alert(5)\"></iframe>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E",
    "<img src=x onerror=\"&#119;indow.__xss=1;&#97;lert(6)\">",
    "</title><script>window.__xss=1;alert(7)</script>",
    "<details open ontoggle=\"window.__xss=1;alert(8)\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss=1\">",
    "javascript:window.__xss=1;alert(10)",
    "<svg><a xlink:href=\"javascript:window.__xss=1\"><text x=\"20\" y=\"20\">xss</text></a></svg>",
    "\"onfocus=\"window.__xss=1\" autofocus=\"",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e",
    "</script><script>window.__xss=1;alert(11)</script>",
]
CORPUS = " ".join(PAYLOADS)


def executable_injections(html: str) -> list[str]:
    """What in a page could run injected code: event-handler attributes, javascript: links, scripts
    or frames carrying the corpus's marker. Escaped payloads (text, attribute values) are not found."""
    import lxml.html

    found = []
    for element in lxml.html.document_fromstring(html or "<html></html>").iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        tag = element.tag.lower().rsplit("}", 1)[-1]
        for name, value in element.attrib.items():
            name = name.lower().rsplit("}", 1)[-1]
            if name.startswith("on"):
                found.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action", "formaction", "data"} and value.strip().lower().startswith("javascript:"):
                found.append(f"<{tag} {name}={value[:40]!r}>")
        if tag in {"script", "iframe", "object", "embed"} and "__xss" in (element.text_content() or "") + str(element.attrib):
            found.append(f"<{tag}> holding the marker")
    return found
