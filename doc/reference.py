#!/usr/bin/env python3
"""Writes doc/reference.md from the public headers (include/zstdio.hpp and
include/zstdio/*.hpp, not detail/ or impl/), so the reference lists every
public name exactly as declared, with its Doxygen comment.

Usage: python3 doc/reference.py [repository root]   (run it after changing a header)

It is a reader of this project's header style, not a C++ parser: `///`
comments, one declaration per statement, `namespace detail` and `private:`
sections skipped, the knob lists of zstdio/detail/knobs.hpp expanded
where params.hpp uses them (`knob` enumerators, and a getter/setter pair
per `plain` row).
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
INCLUDE = os.path.join(ROOT, "include")

# Order of the headers in the reference: the umbrella header's order, then any other.
def header_list():
    names = sorted(f for f in os.listdir(os.path.join(INCLUDE, "zstdio")) if f.endswith(".hpp"))
    first = ["error.hpp", "params.hpp", "dictionary.hpp", "frame.hpp", "filter.hpp", "compressor.hpp",
             "streaming.hpp", "buffer.hpp", "executor.hpp", "batch.hpp", "config.hpp"]
    return [n for n in first if n in names] + [n for n in names if n not in first]


def strip_line_comment(line):
    # Drops a trailing // comment (but not inside a string literal).
    out, in_string, i = [], False, 0
    while i < len(line):
        c = line[i]
        if c == '"' and (i == 0 or line[i - 1] != "\\"):
            in_string = not in_string
        if not in_string and line.startswith("//", i):
            break
        out.append(c)
        i += 1
    return "".join(out).rstrip()


def trailing_doc(line):
    m = re.search(r"///<\s?(.*)$", line)
    return m.group(1).strip() if m else ""


class Entry:
    def __init__(self, scope, decl, doc, enumerator=False, opens=None):
        self.scope, self.decl, self.doc, self.enumerator = scope, decl, doc, enumerator
        self.opens = opens  # the full name of the class/struct/enum this declaration defines


def knob_rows(list_name):
    """The rows (name, type, accessors) of a knob list in zstdio/detail/knobs.hpp."""
    with open(os.path.join(INCLUDE, "zstdio", "detail", "knobs.hpp"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"#define " + list_name + r"\(X\)(.*?)(?:\n\s*\n|\n#)", text, re.S)
    return re.findall(r"X\((\w+),\s*([\w:]+),\s*\w+,\s*\w+,\s*(\w+)\)", m.group(1)) if m else []


def expand_knob_lists(lines):
    # params.hpp generates its knob enums and accessors from knobs.hpp:
    # write them out as the declarations they make.
    out = []
    for raw in lines:
        indent = raw[: len(raw) - len(raw.lstrip())]
        m = re.match(r"^enum class (\w+) : int \{ (ZSTDIO_\w+_KNOBS)\(ZSTDIO_DETAIL_KNOB_ENUMERATOR\) \};$", raw.strip())
        if m:
            out.append(f"{indent}enum class {m.group(1)} : int {{")
            out += [f"{indent}    {name}," for name, _, _ in knob_rows(m.group(2))]
            out.append(f"{indent}}};")
            continue
        m = re.search(r"\b0 (ZSTDIO_\w+_KNOBS)\(ZSTDIO_DETAIL_KNOB_COUNT\)", raw)
        if m:
            out.append(raw[: m.start()] + str(len(knob_rows(m.group(1)))) + raw[m.end():])
            continue
        m = re.match(r"^(ZSTDIO_\w+_KNOBS)\(ZSTDIO_DETAIL_KNOB_ACCESSORS\)$", raw.strip())
        if m:
            out += [f"{indent}ZSTDIO_KNOB({name}, {typ})" for name, typ, acc in knob_rows(m.group(1)) if acc == "plain"]
            continue
        out.append(raw)
    return out


def parse(path):
    """Returns (file comment, entries)."""
    with open(path, encoding="utf-8") as f:
        lines = expand_knob_lists(f.read().split("\n"))
    file_comment = ""
    if lines and lines[0].startswith("//"):
        file_comment = lines[0].lstrip("/ ").strip()
    entries = []
    scopes = []        # stack of [kind, name, public?, depth]
    depth = 0
    doc = []
    pending = ""       # declaration being accumulated
    pending_doc = []
    skip_depth = None  # inside namespace detail / function body / private section
    in_macro = False

    def scope_name():
        cls = "::".join(s[1] for s in scopes if s[0] in ("class", "struct", "enum") and s[1])
        if cls:
            return cls
        return "namespace " + "::".join(s[1] for s in scopes if s[0] == "namespace" and s[1])

    def visible():
        return all(s[2] for s in scopes)

    for raw in lines:
        line = raw.strip()
        if in_macro:
            in_macro = line.endswith("\\")
            continue
        if line.startswith("#"):
            in_macro = line.endswith("\\")
            continue
        if skip_depth is not None:
            depth += raw.count("{") - raw.count("}")
            if depth <= skip_depth:
                skip_depth = None
            continue
        if line.startswith("///") and not line.startswith("///<"):
            doc.append(line[3:].rstrip())  # leading spaces kept: they mark continuations
            continue
        if not line or line.startswith("//"):
            if not line:
                doc = doc  # a blank line between a comment and its declaration keeps it
            continue
        if re.match(r"^(public|protected|private)\s*:", line):
            if scopes:
                scopes[-1][2] = line.startswith("public")
            doc = []
            continue
        if line.startswith("}"):
            depth -= line.count("}") - line.count("{")
            while scopes and scopes[-1][3] > depth:
                scopes.pop()
            doc = []
            continue
        m = re.match(r"^namespace\s*([\w:]*)\s*\{", line)
        if m:
            if m.group(1) == "detail":
                skip_depth = depth
                depth += 1
                if line.count("}"):
                    depth -= 1
                    skip_depth = None
                continue
            depth += 1
            scopes.append(["namespace", m.group(1), True, depth])
            doc = []
            continue
        if re.match(r"^BOOST_IOSTREAMS_PIPABLE\(", line):
            if visible():
                entries.append(Entry(scope_name(), line, ["Makes the filter usable in `|` pipelines."]))
            doc = []
            continue
        m = re.match(r"^ZSTDIO_KNOB\((\w+),\s*([\w:]+)\)", line)
        if m:
            if visible():
                name, typ = m.groups()
                cls = scope_name().split("::")[-1]
                entries.append(Entry(scope_name(), f"{typ} {name}() const noexcept;\n{cls}& {name}({typ} v);",
                                     [f"Knob `{name}`: getter (0 = not set) and chainable setter (bounds-checked)."] + doc))
            doc = []  # the comment above a knob is its own, not the next declaration's
            continue
        code = strip_line_comment(raw).strip()
        tdoc = trailing_doc(raw)
        pending = (pending + " " + code).strip() if pending else code
        if not pending_doc:
            pending_doc = doc
        doc = []
        opens, closes = code.count("{"), code.count("}")
        # A class, struct or enum definition starts a scope.
        m = re.match(r"^(?:template\s*<.*>\s*)?(class|struct|enum class|enum)\s+(?:ZSTDIO_DECL\s+)?([\w:]+)[^;]*\{", pending)
        if m and opens > closes:
            kind = "enum" if m.group(1).startswith("enum") else m.group(1)
            if visible():
                head = pending[: pending.index("{")].strip()
                outer = scope_name()
                full = m.group(2) if outer.startswith("namespace ") else outer + "::" + m.group(2)
                entries.append(Entry(outer, head, pending_doc, opens=full))
            depth += opens - closes
            public = m.group(1) != "class"
            scopes.append([kind, m.group(2), public, depth])
            pending, pending_doc = "", []
            continue
        if scopes and scopes[-1][0] == "enum":
            # Enumerators, one or more per line.
            if visible():
                for e in [x.strip() for x in pending.split(",") if x.strip()]:
                    entries.append(Entry(scope_name(), e, pending_doc + ([tdoc] if tdoc else []), True))
            pending, pending_doc = "", []
            continue
        if opens > closes:
            # A function with an inline body (or a brace initialiser spanning lines).
            if visible():
                head = pending[: pending.index("{")].strip()
                if head.endswith(")") or "noexcept" in head or "const" in head.split(")")[-1]:
                    entries.append(Entry(scope_name(), head + ";", pending_doc + ([tdoc] if tdoc else [])))
            skip_depth = depth
            depth += opens - closes
            pending, pending_doc = "", []
            continue
        if pending.endswith(";") or (opens and opens == closes and pending.endswith("}")):
            decl = pending
            if opens and opens == closes:
                # Inline body on one line: keep the signature, or the
                # initialiser of a data member / constant.
                body = decl[decl.index("{"):]
                head = decl[: decl.index("{")].strip()
                if head.endswith(")") or re.search(r"\)\s*(const|noexcept|override|\s)*$", head):
                    decl = head + ";"
            if visible() and not decl.startswith(("friend struct", "friend class", "using namespace")):
                entries.append(Entry(scope_name(), decl, pending_doc + ([tdoc] if tdoc else [])))
            pending, pending_doc = "", []
    return file_comment, entries


def doc_markdown(doc):
    # Doxygen tags become a list: @param x -> `x`:, @throw -> Throws:, ...
    out = []
    for raw in doc:
        line = raw.strip()
        m = re.match(r"@(t?param)\s+(\w+)\s*(.*)", line)
        if m:
            out.append(f"- `{m.group(2)}`: {m.group(3)}")
            continue
        m = re.match(r"@(throws?|return|pre|post|note)\s*(.*)", line)
        if m:
            label = {"throw": "Throws", "throws": "Throws", "return": "Returns", "pre": "Requires",
                     "post": "Ensures", "note": "Note"}[m.group(1)]
            out.append(f"- {label}: {m.group(2)}")
            continue
        if out and out[-1].startswith("- ") and raw.startswith("  ") and line and not line.startswith("- "):
            out[-1] += " " + line   # continuation of a bullet
            continue
        if out and out[-1].startswith("- ") and line and not line.startswith("- "):
            out.append("")          # a paragraph after a list
        out.append(line)
    return "\n".join(out).strip()


def entry_title(e):
    d = e.decl
    d = re.sub(r"\s+", " ", d)
    d = d.replace("ZSTDIO_DECL ", "")
    return d


def main():
    out = ["# zstdio reference", "",
           "Every public name of zstdio, header by header, as declared, with its",
           "documentation comment. Generated from the headers by `doc/reference.py`",
           "(run `python3 doc/reference.py` after changing a public header); concepts",
           "and examples are in [guide.md](guide.md).", "",
           "All names are in namespace `zstdio`. `#include <zstdio.hpp>` includes every",
           "header below.", ""]
    toc = []
    sections = []
    for name in header_list():
        comment, entries = parse(os.path.join(INCLUDE, "zstdio", name))
        if not entries:
            continue
        anchor = name.replace(".", "")
        toc.append(f"- [`<zstdio/{name}>`](#zstdio{anchor}) — {comment.split('—', 1)[-1].strip()}")
        sec = [f"## `<zstdio/{name}>`", "", comment, ""]
        current = None
        in_table = False
        for e in entries:
            if e.opens:
                if in_table:
                    sec += [""]
                    in_table = False
                level = "#" * (3 + e.opens.count("::"))
                kind = re.match(r"(?:template\s*<.*>\s*)?(enum class|enum|class|struct)", e.decl)
                sec += [f"{level} {kind.group(1) if kind else ''} `{e.opens}`", ""]
                current = e.opens
            elif e.scope != current:
                if in_table:
                    sec += [""]
                    in_table = False
                if e.scope.startswith("namespace ") and not (current is None and e.scope == "namespace zstdio"):
                    ns = e.scope[len("namespace "):]
                    sec += ["### Functions and constants" if ns == "zstdio" else f"### In namespace `{ns}`", ""]
                elif not e.scope.startswith("namespace "):
                    sec += [f"{'#' * (3 + e.scope.count('::'))} `{e.scope}` (continued)", ""]
                current = e.scope
            if e.enumerator:
                if not in_table:
                    sec += ["| enumerator | meaning |", "| --- | --- |"]
                    in_table = True
                text = " ".join(d.strip() for d in e.doc).strip().replace("|", "\\|")
                sec += [f"| `{entry_title(e)}` | {text} |"]
                continue
            if in_table:
                sec += [""]
                in_table = False
            sec += ["```cpp", entry_title(e), "```"]
            text = doc_markdown(e.doc)
            if text:
                sec += ["", text]
            sec += [""]
        if in_table:
            sec += [""]
        sections += sec
    out += toc + [""] + sections
    with open(os.path.join(ROOT, "doc", "reference.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(out).rstrip() + "\n")


if __name__ == "__main__":
    main()
