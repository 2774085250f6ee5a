"""A small reader for the subset of YAML that netsim topology files use.

The harness must run on a fresh machine with nothing but Python's standard library, so it
cannot rely on PyYAML. netsim's own files use only: block mappings and sequences (including
"- key: value" items), flow mappings and sequences ("{ name: eth0, ip: 10.0.12.1/24 }",
"[r1:eth0, r2:eth0]"), plain, single- and double-quoted scalars, "#" comments, block scalars
("description: >" and "|"), and an optional leading "---". Anything else (anchors, tags,
multi-document streams, complex keys) is rejected with a YAMLError naming the line.

Scalars resolve like YAML 1.2's core schema: null/~, true/false, integers, floats; everything
else is a string (so "0.0.0.1", "10.0.12.1/24" and "500us" stay strings).
"""

import re


class YAMLError(Exception):
    pass


_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def resolve_plain(text):
    """The value of a plain (unquoted) scalar."""
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        return int(text.replace("_", ""))
    if _HEX.match(text):
        return int(text, 16)
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text.replace("_", ""))
    return text


def _strip_comment(line):
    """The line without a trailing comment; '#' starts one only at the start or after space."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
            continue
        if ch in "'\"" and (i == 0 or line[i - 1] in " \t[{,:"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


class _Line:
    __slots__ = ("indent", "text", "number", "raw")

    def __init__(self, indent, text, number, raw):
        self.indent = indent
        self.text = text
        self.number = number
        self.raw = raw


class _Flow:
    """Parses one flow collection or scalar from a string."""

    def __init__(self, text, number):
        self.text = text
        self.pos = 0
        self.number = number

    def error(self, message):
        raise YAMLError(f"line {self.number}: {message} in flow text {self.text!r}")

    def skip_space(self):
        while self.pos < len(self.text) and self.text[self.pos] in " \t\n":
            self.pos += 1

    def peek(self):
        self.skip_space()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def value(self):
        ch = self.peek()
        if ch == "{":
            return self.mapping()
        if ch == "[":
            return self.sequence()
        if ch in "'\"":
            return self.quoted()
        return self.plain()

    def mapping(self):
        self.pos += 1
        result = {}
        while True:
            ch = self.peek()
            if ch == "}":
                self.pos += 1
                return result
            if ch == "":
                self.error("unterminated '{'")
            key = self.value()
            if self.peek() == ":":
                self.pos += 1
                val = self.value() if self.peek() not in (",", "}") else None
            else:
                val = None
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                self.error("unsupported mapping key")
            if key in result:
                self.error(f"duplicate key {key!r}")
            result[key] = val
            ch = self.peek()
            if ch == ",":
                self.pos += 1
            elif ch != "}":
                self.error("expected ',' or '}'")

    def sequence(self):
        self.pos += 1
        result = []
        while True:
            ch = self.peek()
            if ch == "]":
                self.pos += 1
                return result
            if ch == "":
                self.error("unterminated '['")
            item = self.value()
            if self.peek() == ":":  # single-pair mapping inside a sequence: [a: 1]
                self.pos += 1
                item = {item: self.value()}
            result.append(item)
            ch = self.peek()
            if ch == ",":
                self.pos += 1
            elif ch != "]":
                self.error("expected ',' or ']'")

    def quoted(self):
        quote = self.text[self.pos]
        self.pos += 1
        out = []
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if quote == "'" and ch == "'":
                if self.text[self.pos + 1:self.pos + 2] == "'":
                    out.append("'")
                    self.pos += 2
                    continue
                self.pos += 1
                return "".join(out)
            if quote == '"' and ch == "\\":
                nxt = self.text[self.pos + 1:self.pos + 2]
                out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", "0": "\0"}.get(nxt, nxt))
                self.pos += 2
                continue
            if quote == '"' and ch == '"':
                self.pos += 1
                return "".join(out)
            out.append(ch)
            self.pos += 1
        self.error("unterminated quoted scalar")

    def plain(self):
        start = self.pos
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch in ",[]{}":
                break
            if ch == ":" and (self.pos + 1 == len(self.text) or self.text[self.pos + 1] in " \t,[]{}"):
                break
            self.pos += 1
        return resolve_plain(self.text[start:self.pos].strip())


def _scalar(text, number):
    """An inline value: a flow collection, a quoted or a plain scalar."""
    flow = _Flow(text, number)
    value = flow.value()
    if flow.peek() != "":
        flow.error("unexpected text after value")
    return value


def _split_key(text, number):
    """Splits 'key: rest' into (key, rest); None when the text is not a mapping entry."""
    if text[0] in "'\"":
        flow = _Flow(text, number)
        key = flow.quoted()
        rest = text[flow.pos:].lstrip()
        if rest.startswith(":") and (len(rest) == 1 or rest[1] in " \t"):
            return key, rest[1:].strip()
        return None
    if text[0] in "[{":
        return None
    match = re.match(r"^([^#]*?):(\s+|$)", text)
    if not match:
        return None
    return resolve_plain(match.group(1).strip()), text[match.end():].strip()


class _Parser:
    def __init__(self, source):
        self.raw_lines = source.splitlines()
        self.lines = []
        for number, raw in enumerate(self.raw_lines, start=1):
            if "\t" in raw[:len(raw) - len(raw.lstrip())]:
                raise YAMLError(f"line {number}: tabs are not allowed in indentation")
            stripped = _strip_comment(raw).rstrip()
            if not stripped.strip():
                continue
            if stripped.strip() == "---" and not self.lines:
                continue
            if stripped.strip() in ("---", "..."):
                raise YAMLError(f"line {number}: only one document is supported")
            indent = len(stripped) - len(stripped.lstrip(" "))
            self.lines.append(_Line(indent, stripped.strip(), number, raw))
        self.i = 0

    def parse(self):
        if not self.lines:
            return None
        value = self.block(self.lines[0].indent)
        if self.i < len(self.lines):
            line = self.lines[self.i]
            raise YAMLError(f"line {line.number}: unexpected indentation")
        return value

    def block(self, indent):
        line = self.lines[self.i]
        if line.text == "-" or line.text.startswith("- "):
            return self.sequence(indent)
        if _split_key(line.text, line.number) is not None:
            return self.mapping(indent)
        # A bare scalar or flow collection, possibly continued over several lines.
        return self.inline_value(line.text, line.number, indent - 1)

    def inline_value(self, text, number, parent_indent):
        """A value given after 'key:' or '- ', consuming continuation lines of flow text."""
        self.i += 1
        if text[0] in "[{":
            depth = _depth(text)
            while depth > 0 and self.i < len(self.lines):
                text += " " + self.lines[self.i].text
                depth = _depth(text)
                self.i += 1
            return _scalar(text, number)
        # Multi-line plain scalars: continuation lines indented deeper than the parent.
        while self.i < len(self.lines) and self.lines[self.i].indent > parent_indent \
                and _split_key(self.lines[self.i].text, self.lines[self.i].number) is None \
                and not self.lines[self.i].text.startswith("- ") and text[0] not in "'\"":
            text += " " + self.lines[self.i].text
            self.i += 1
        return _scalar(text, number)

    def block_scalar(self, indicator, number, parent_indent):
        """A '|' or '>' block scalar; reads raw lines after the line holding the indicator."""
        style, chomp = indicator[0], indicator[1:2]
        body = []
        raw_index = number  # raw_lines is 0-based, so this is the line after the indicator
        block_indent = None
        while raw_index < len(self.raw_lines):
            raw = self.raw_lines[raw_index]
            if raw.strip():
                ind = len(raw) - len(raw.lstrip(" "))
                if ind <= parent_indent:
                    break
                if block_indent is None:
                    block_indent = ind
                if ind < block_indent:
                    break
                body.append(raw[block_indent:])
            else:
                body.append("")
            raw_index += 1
        while body and body[-1] == "":
            body.pop()
        # Skip the parsed lines that belong to the block scalar.
        while self.i < len(self.lines) and self.lines[self.i].number <= raw_index:
            self.i += 1
        if style == "|":
            text = "\n".join(body)
        else:
            text = ""
            for k, part in enumerate(body):
                if k == 0:
                    text = part
                elif part == "" or body[k - 1] == "":
                    text += "\n" if part == "" else part
                else:
                    text += " " + part
        if chomp == "-":
            return text
        return text + "\n" if text or chomp == "+" else text

    def mapping(self, indent):
        result = {}
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if line.indent < indent:
                break
            if line.indent > indent:
                raise YAMLError(f"line {line.number}: unexpected indentation")
            split = _split_key(line.text, line.number)
            if split is None:
                raise YAMLError(f"line {line.number}: expected 'key: value'")
            key, rest = split
            if key in result:
                raise YAMLError(f"line {line.number}: duplicate key {key!r}")
            if rest.startswith(("&", "*", "!")):
                raise YAMLError(f"line {line.number}: anchors, aliases and tags are not supported")
            if rest in (">", "|", ">-", "|-", ">+", "|+"):
                self.i += 1
                result[key] = self.block_scalar(rest, line.number, indent)
            elif rest:
                result[key] = self.inline_value(rest, line.number, indent)
            else:
                self.i += 1
                if self.i < len(self.lines) and (self.lines[self.i].indent > indent or (
                        self.lines[self.i].indent == indent and
                        (self.lines[self.i].text == "-" or self.lines[self.i].text.startswith("- ")))):
                    result[key] = self.block(self.lines[self.i].indent)
                else:
                    result[key] = None
        return result

    def sequence(self, indent):
        result = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if line.indent < indent:
                break
            if line.indent > indent:
                raise YAMLError(f"line {line.number}: unexpected indentation")
            if not (line.text == "-" or line.text.startswith("- ")):
                break
            rest = line.text[1:].lstrip()
            if not rest:
                self.i += 1
                if self.i < len(self.lines) and self.lines[self.i].indent > indent:
                    result.append(self.block(self.lines[self.i].indent))
                else:
                    result.append(None)
                continue
            # Re-read the item's content as if it started on its own line, further indented.
            column = indent + (len(line.text) - len(rest))
            self.lines[self.i] = _Line(column, rest, line.number, line.raw)
            if rest == "-" or rest.startswith("- ") or _split_key(rest, line.number) is not None:
                result.append(self.block(column))
            else:
                result.append(self.inline_value(rest, line.number, indent))
        return result


def _depth(text):
    depth, quote = 0, None
    for ch in text:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    return depth


def loads(source):
    """The value of a YAML document in netsim's subset."""
    return _Parser(source).parse()


def load_file(path):
    with open(path, encoding="utf-8") as handle:
        return loads(handle.read())
