"""Reads DIR/*.eml and prints a JSON list, one object per message: its headers, its text, and
its calendar attachment as parsed by the `icalendar` package (independent of the server's
own ICS writer). Usage: read_mail.py DIR"""
import email
import glob
import json
import os
import sys
from email import policy

from icalendar import Calendar


def calendar_of(part):
    cal = Calendar.from_ical(part.get_payload(decode=True))
    events = list(cal.walk("VEVENT"))
    ev = events[0]
    attendee = ev.get("ATTENDEE")
    return {
        "content_type_method": part.get_param("method"),
        "method": str(cal.get("METHOD")),
        "events": len(events),
        "uid": str(ev.get("UID")),
        "sequence": int(ev.get("SEQUENCE", 0)),
        "status": str(ev.get("STATUS")),
        "dtstart": ev.decoded("DTSTART").isoformat(),
        "dtend": ev.decoded("DTEND").isoformat(),
        "attendee": str(attendee) if attendee is not None else None,
    }


def main():
    out = []
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.eml"))):
        with open(path, "rb") as f:
            msg = email.message_from_bytes(f.read(), policy=policy.default)
        text, calendar = None, None
        for part in msg.walk():
            ctype = part.get_content_type()
            if ctype == "text/plain" and text is None:
                text = part.get_content()
            elif ctype == "text/calendar":
                calendar = calendar_of(part)
        out.append({
            "file": os.path.basename(path),
            "from": str(msg["From"]),
            "to": str(msg["To"]),
            "subject": str(msg["Subject"]),
            "message_id": str(msg["Message-ID"]),
            "text": text,
            "calendar": calendar,
        })
    print(json.dumps(out))


if __name__ == "__main__":
    main()
