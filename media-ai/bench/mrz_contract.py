"""The `media-ai document` field contract in Python, to judge another reader's raw MRZ lines by
the same rules (format by line count/length, fields, ISO dates with the 2026 century rule,
check digits). Lines that fit no format give no MRZ."""
import datetime

FORMATS = {(3, 30): "TD1", (2, 36): "TD2", (2, 44): "TD3"}


def _val(c):
    return int(c) if c.isdigit() else (0 if c == "<" else ord(c) - 55)


def _check(s):
    return str(sum(_val(c) * (7, 3, 1)[i % 3] for i, c in enumerate(s)) % 10)


def _holds(field, d, empty_ok=False):
    if empty_ok and set(field) <= {"<"} and d in "<0":
        return True
    return _check(field) == d


def _date(s, birth, year=2026):
    if not s.isdigit():
        return None
    yy, mm, dd = int(s[:2]), int(s[2:4]), int(s[4:6])
    y = (1900 + yy if yy > year % 100 else 2000 + yy) if birth else 2000 + yy
    try:
        return datetime.date(y, mm, dd).isoformat()
    except ValueError:
        return None


def _names(f):
    i = f.find("<<")
    part = lambda s: " ".join(p for p in s.split("<") if p)
    return (part(f[:i]), part(f[i + 2:])) if i >= 0 else (part(f), "")


def read_lines(lines):
    fmt = FORMATS.get((len(lines), len(lines[0]) if lines else 0))
    if fmt is None or any(len(l) != len(lines[0]) for l in lines):
        return None, None
    if any(c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<" for l in lines for c in l):
        return None, None
    strip = lambda s: s.replace("<", "")
    if fmt in ("TD3", "TD2"):
        a, b = lines
        sur, giv = _names(a[5:])
        opt = b[28:42] if fmt == "TD3" else b[28:35]
        m = dict(format=fmt, document_code=strip(a[0:2]), issuing_state=strip(a[2:5]),
                 document_number=b[0:9].rstrip("<"), nationality=strip(b[10:13]),
                 birth_date=_date(b[13:19], True), sex="X" if b[20] == "<" else b[20],
                 expiry_date=_date(b[21:27], False), surname=sur, given_names=giv,
                 optional_data=strip(opt))
        comp = b[0:10] + b[13:20] + (b[21:43] if fmt == "TD3" else b[21:35])
        ok = [_holds(b[0:9], b[9]), _holds(b[13:19], b[19]), _holds(b[21:27], b[27]),
              _holds(comp, b[-1])]
        if fmt == "TD3":
            ok.append(_holds(b[28:42], b[42], True))
    else:
        a, b, c = lines
        sur, giv = _names(c)
        m = dict(format=fmt, document_code=strip(a[0:2]), issuing_state=strip(a[2:5]),
                 document_number=a[5:14].rstrip("<"), nationality=strip(b[15:18]),
                 birth_date=_date(b[0:6], True), sex="X" if b[7] == "<" else b[7],
                 expiry_date=_date(b[8:14], False), surname=sur, given_names=giv,
                 optional_data=strip(a[15:30]))
        ok = [_holds(a[5:14], a[14]), _holds(b[0:6], b[6]), _holds(b[8:14], b[14]),
              _holds(a[5:30] + b[0:7] + b[8:15] + b[18:29], b[29])]
    return m, all(ok)
