"""Independent oracle for Kalendaryo's recurrence expansion (ARCHITECTURE.md "Recurrence").

python-dateutil expands the BYxxx parts in wall-clock time; zoneinfo (tzdata) turns wall times into
instants with fold=0 (a gap time takes the offset before the gap, a repeated time its first
occurrence: RFC 5545 erratum 4271). COUNT, UNTIL, DTSTART, EXDATE, RDATE, the window and the limit
are applied here by the rules' own words, not by Kalendaryo's code.

Reads {"cases": [...], "bench": {...}?} as JSON on stdin, writes {"results": [...], "bench_ms": n}.
"""
import json
import signal
import sys
import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

UTC = timezone.utc
INF = float("inf")


class Timeout(Exception):
    pass


def on_alarm(_signum, _frame):
    raise Timeout()


def naive(text):
    """'YYYY-MM-DD[THH:MM:SS[Z]]' or 'YYYYMMDD[THHMMSS[Z]]' -> naive datetime."""
    text = text.rstrip("Z").replace("-", "").replace(":", "")
    if "T" in text:
        return datetime.strptime(text, "%Y%m%dT%H%M%S")
    return datetime.strptime(text, "%Y%m%d")


def key(wall, tz):
    """Seconds of the instant of a wall time (fold=0), or of the wall time read as UTC when floating."""
    return wall.replace(tzinfo=tz if tz else UTC, fold=0).timestamp()


def until_key(value, tz, all_day):
    wall = naive(value)
    if value.endswith("Z"):
        return wall.replace(tzinfo=UTC).timestamp()
    if len(value.replace("-", "")) == 8 and not all_day:
        return key(wall + timedelta(days=1), tz) - 0.001  # a DATE UNTIL runs through its local day
    return key(wall, tz)


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def rule_instances(case, tz, start, all_day, horizon_key):
    """DTSTART first, then dateutil's instances: COUNT counts them all, UNTIL compares instants."""
    parts = [p for p in (case.get("rrule") or "").replace("RRULE:", "").split(";") if p]
    count = next((int(p[6:]) for p in parts if p.startswith("COUNT=")), None)
    until = next((p[6:] for p in parts if p.startswith("UNTIL=")), None)
    rest = ";".join(p for p in parts if not p.startswith(("COUNT=", "UNTIL=")))
    ukey = until_key(until, tz, all_day) if until else INF
    first = key(start, tz)
    if first > ukey:
        return []
    out = [(first, start)]
    if not rest or count == 1:
        return out
    bound = min(ukey, horizon_key)
    stop_wall = datetime(1970, 1, 1) + timedelta(seconds=bound + 86400) if bound < INF else None
    try:
        for wall in rrulestr("RRULE:" + rest, dtstart=start):
            if stop_wall and wall > stop_wall:
                break
            if wall == start:
                continue
            k = key(wall, tz)
            if k > ukey:
                continue
            out.append((k, wall))
            if count and len(out) >= count:
                break
    except ValueError as error:  # dateutil refuses BYxxx values the INTERVAL can never reach
        if "empty" not in str(error):
            raise
    return out


def expand(case):
    tz = ZoneInfo(case["tzid"]) if case.get("tzid") else None
    all_day = len(case["dtstart"]) == 10
    start = naive(case["dtstart"])
    window = case.get("window")
    lo, hi = (instant(window["start"]), instant(window["end"])) if window else (-INF, INF)

    def point(text):
        if text.endswith("Z") and tz:
            k = instant(text)
            return (k, datetime.fromtimestamp(k, tz).replace(tzinfo=None))
        wall = naive(text)
        return (key(wall, tz), wall)

    exdates = {point(t)[0] for t in case.get("exdates", [])}
    points = rule_instances(case, tz, start, all_day, hi) + [point(t) for t in case.get("rdates", [])]
    points = sorted((p for p in points if lo <= p[0] < hi and p[0] not in exdates), key=lambda p: (p[0], p[1]))
    seen, result = set(), []
    for k, wall in points:
        if k in seen:
            continue
        seen.add(k)
        if all_day:
            local = wall.date().isoformat()
        elif tz:
            local = datetime.fromtimestamp(k, tz).replace(tzinfo=None).isoformat()
        else:
            local = wall.isoformat()
        result.append([local, round(k * 1000) if tz else None])
    limit = case.get("limit")
    return result[:limit] if limit is not None else result


def answer(case):
    """The oracle's result for one case, or why it has none (dateutil spins to year 9999 on rules
    that never match, so each case gets 1.5 s)."""
    try:
        signal.setitimer(signal.ITIMER_REAL, 1.5)
        try:
            return {"ok": expand(case)}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except Timeout:
        return {"error": "timeout"}
    except Exception as error:  # reported, compared as a disagreement
        return {"error": repr(error)}


def main():
    request = json.load(sys.stdin)
    signal.signal(signal.SIGALRM, on_alarm)
    results = []
    for case in request["cases"]:
        results.append(answer(case))
    bench_ms = None
    if request.get("bench"):
        began = time.perf_counter()
        for case in request["bench"]:
            expand(case)
        bench_ms = (time.perf_counter() - began) * 1000
    json.dump({"results": results, "bench_ms": bench_ms}, sys.stdout)


main()
