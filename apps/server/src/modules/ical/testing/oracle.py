"""Expands every series of an .ics file over 2026 with python-icalendar and dateutil.

Prints {uid: [start, ...]} as JSON: UTC instants (YYYY-MM-DDTHH:MM:SSZ) for timed items, dates
for all-day ones. TZIDs are read as IANA names (the old /mozilla.org/… prefix stripped);
floating times are read as UTC. Used by the import tests as an independent reader.
"""
import json
import sys
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar

WINDOW = (datetime(2026, 1, 1, tzinfo=timezone.utc), datetime(2027, 1, 1, tzinfo=timezone.utc))


def zone(tzid):
    if tzid is None:
        return timezone.utc
    name = "/".join(tzid.split("/")[-2:]) if tzid.startswith("/") else tzid
    return ZoneInfo(name)


def parse(raw, tzid):
    raw = raw.split("/")[0]
    if len(raw) == 8:
        return datetime(int(raw[:4]), int(raw[4:6]), int(raw[6:8]), tzinfo=timezone.utc), True
    dt = datetime.strptime(raw[:15], "%Y%m%dT%H%M%S")
    if raw.endswith("Z"):
        return dt.replace(tzinfo=timezone.utc), False
    return dt.replace(tzinfo=zone(tzid)), False


def values(comp, name):
    props = comp.get(name)
    if props is None:
        return []
    if not isinstance(props, list):
        props = [props]
    out = []
    for p in props:
        tzid = p.params.get("TZID")
        for v in p.to_ical().decode().split(","):
            out.append(parse(v, tzid)[0])
    return out


def show(dt, all_day):
    if all_day:
        return dt.date().isoformat()
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main(path):
    cal = Calendar.from_ical(open(path, "rb").read().replace(b"\r\n", b"\n").replace(b"\r", b"\n"))
    masters, overrides = {}, {}
    for comp in cal.walk("VEVENT"):
        uid = str(comp.get("UID"))
        if comp.get("RECURRENCE-ID") is not None:
            overrides.setdefault(uid, []).append(comp)
        else:
            masters[uid] = comp
    result = {}
    for uid, comp in masters.items():
        start_prop = comp.get("DTSTART")
        start, all_day = parse(start_prop.to_ical().decode(), start_prop.params.get("TZID"))
        s = rruleset()
        rule = comp.get("RRULE")
        if rule is not None:
            s.rrule(rrulestr(rule.to_ical().decode(), dtstart=start, ignoretz=False))
        else:
            s.rdate(start)
        for d in values(comp, "RDATE"):
            s.rdate(d)
        starts = set(s)
        for d in values(comp, "EXDATE"):
            if all_day:
                starts = {x for x in starts if x.date() != d.date()}
            else:
                starts.discard(d)
        for o in overrides.get(uid, []):
            rid = values(o, "RECURRENCE-ID")[0]
            starts = {x for x in starts if x != rid}
            if str(o.get("STATUS", "")).upper() != "CANCELLED":
                starts.add(values(o, "DTSTART")[0])
        result[uid] = sorted(show(x, all_day) for x in starts if WINDOW[0] <= x < WINDOW[1])
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
