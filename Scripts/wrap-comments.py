#!/usr/bin/env python3
"""Wraps comment lines longer than 100 columns in Swift files (swift-format leaves comments alone).

A `//` or `///` line is broken at the last space that fits; the rest continues on the next line
with the same prefix (and two more spaces inside a list item). Table rows and code blocks inside
doc comments are left as they are. Usage: Scripts/wrap-comments.py FILE...
"""
import re
import sys

LIMIT = 100
COMMENT = re.compile(r"^(\s*)(///?)( ?)(.*)$")


def wrap(line, in_code):
    match = COMMENT.match(line)
    if len(line) <= LIMIT or not match or in_code:
        return [line]
    indent, slashes, space, text = match.groups()
    if text.lstrip().startswith("|"):
        return [line]
    prefix = f"{indent}{slashes} "
    item = re.match(r"^(\s*)([-*]|\d+\.) ", text)
    continuation = prefix + (" " * len(item.group(0)) if item else re.match(r"^\s*", text).group(0))
    out, current, first = [], text, True
    while len(prefix if first else continuation) + len(current) > LIMIT:
        head = prefix if first else continuation
        room = LIMIT - len(head)
        cut = current.rfind(" ", 0, room + 1)
        if cut <= len(current) - len(current.lstrip()):
            break
        out.append(head + current[:cut].rstrip())
        current, first = current[cut + 1 :].lstrip(), False
    out.append((prefix if first else continuation) + current)
    return out


for path in sys.argv[1:]:
    lines = open(path, encoding="utf-8").read().split("\n")
    result, in_code = [], False
    for line in lines:
        match = COMMENT.match(line)
        if match and match.group(4).lstrip().startswith("```"):
            in_code = not in_code
        result.extend(wrap(line, in_code))
    open(path, "w", encoding="utf-8").write("\n".join(result))
