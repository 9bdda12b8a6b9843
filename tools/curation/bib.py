"""A small BibTeX reader for the curation script: entries, brace- or quote-delimited fields, @string macros, '#'
concatenation, LaTeX accents decoded. The service has its own, stricter parser (PostTraining.Data.Bibliography); this
one only has to read the awesome list's reference.bib, which is well formed."""
import re
import unicodedata

ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304", ".": "\u0307",
           "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a"}
SYMBOLS = {"ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
           "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}
MONTHS = {m: str(i + 1) for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}


def decode_latex(text):
    def accent(m):
        mark, letter = m.group(1), m.group(2) or m.group(3)
        return unicodedata.normalize("NFC", letter + ACCENTS[mark])
    text = re.sub(r"\\([`'^\"~=.])\s*(?:\{(\\?\w)\}|(\w))", accent, text)
    text = re.sub(r"\\([uvHckr])\s*(?:\{(\w)\}|\s(\w))", accent, text)
    text = re.sub(r"\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i|j)\b\s*", lambda m: SYMBOLS[m.group(1)], text)
    text = text.replace("\\&", "&").replace("\\%", "%").replace("\\_", "_").replace("\\$", "$").replace("\\#", "#")
    text = text.replace("{-}", "-").replace("--", "–")
    text = re.sub(r"\\[a-zA-Z]+\s*", "", text)  # remaining commands (\textit etc.): keep their argument
    text = text.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def _value(src, i, macros):
    parts = []
    while True:
        while src[i].isspace():
            i += 1
        if src[i] == "{":
            depth, j = 0, i
            while True:
                if src[j] == "{":
                    depth += 1
                elif src[j] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            parts.append(src[i + 1:j])
            i = j + 1
        elif src[i] == '"':
            j = src.index('"', i + 1)
            parts.append(src[i + 1:j])
            i = j + 1
        else:
            m = re.match(r"[\w\-.:]+", src[i:])
            word = m.group(0)
            parts.append(macros.get(word.lower(), MONTHS.get(word.lower(), word)))
            i += len(word)
        while src[i].isspace():
            i += 1
        if src[i] == "#":
            i += 1
            continue
        return "".join(parts), i


def parse(src):
    entries, macros = [], {}
    for m in re.finditer(r"@(\w+)\s*\{", src):
        kind = m.group(1).lower()
        if kind in ("comment", "preamble"):
            continue
        i = m.end()
        if kind == "string":
            name = re.match(r"\s*([\w\-]+)\s*=", src[i:])
            value, _ = _value(src, i + name.end(), macros)
            macros[name.group(1).lower()] = value
            continue
        key = re.match(r"\s*([^,\s]+)\s*,", src[i:])
        i += key.end()
        fields = {}
        while True:
            f = re.match(r"\s*([\w\-]+)\s*=", src[i:])
            if not f:
                break
            value, i = _value(src, i + f.end(), macros)
            fields[f.group(1).lower()] = value
            c = re.match(r"\s*,", src[i:])
            if not c:
                break
            i += c.end()
        entries.append({"type": kind, "key": key.group(1), "fields": fields})
    return entries


def authors(field):
    names, truncated = [], False
    for raw in re.split(r"\s+and\s+", field.strip()):
        name = decode_latex(raw)
        if name.lower() == "others":
            truncated = True
            continue
        if "," in name:
            last, first = name.split(",", 1)
            name = f"{first.strip()} {last.strip()}".strip()
        names.append(name)
    return names, truncated
