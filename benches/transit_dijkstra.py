#!/usr/bin/env python3
"""An independent check of `appraise transit` (benches/transit.rs runs it on the same feed).

Public transport times by a plain Dijkstra over the time-expanded graph of a GTFS feed: every
trip's arrival and departure at every stop is an event; the search settles events in time
order from a zone at one departure minute. Written from the GTFS reference and the rules
src/travel/transit states, sharing no code with it:

- walk = great-circle metres (radius 6,371,008.8 m) x detour factor, at the walking speed,
  rounded up to the second; to the first stop and from the last within max_walk_m, the whole
  way within max_walk_m, between different stops for a change within transfer_m; a change at
  the same stop takes no time; a change on foot is followed by boarding, not by another walk;
- services from calendar.txt (weekday within the range) and calendar_dates.txt (1 adds, 2
  removes); no frequencies (the generated feed has none); at most max_transfers + 1 vehicles
  (the search's states are (stop, vehicles used); a state is dropped when the same stop was
  reached no later with as many vehicles or fewer);
- a departure minute's time = earliest arrival at the site - the minute (or the direct walk if
  quicker); none above max_journey_minutes; the stored value is the lower middle of the sorted
  minutes, a minute with none sorting last.

Usage: transit_dijkstra.py FEED_DIR PARAMS.json  -> prints {"minutes": [[site][zone]]} (null
for no time) on standard output.
"""

import csv
import datetime
import heapq
import json
import math
import os
import sys

R = 6_371_008.8


def metres(a, b):
    la1, la2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(
        math.radians(b[1] - a[1]) / 2
    ) ** 2
    return 2 * R * math.asin(min(1.0, math.sqrt(h)))


def rows(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def seconds(text):
    h, m, s = text.strip().split(":")
    return int(h) * 3600 + int(m) * 60 + int(s)


def running(folder, date):
    day = datetime.date.fromisoformat(date)
    stamp = day.strftime("%Y%m%d")
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    on = set()
    for r in rows(folder, "calendar.txt"):
        if r["start_date"] <= stamp <= r["end_date"] and r[names[day.weekday()]] == "1":
            on.add(r["service_id"])
    for r in rows(folder, "calendar_dates.txt"):
        if r["date"] == stamp:
            (on.add if r["exception_type"] == "1" else on.discard)(r["service_id"])
    return on


def main():
    folder, params_path = sys.argv[1], sys.argv[2]
    with open(params_path) as f:
        p = json.load(f)
    s = p["settings"]
    speed = s["walk_speed_kmh"] / 3.6
    detour = s["detour_factor"]

    def walk(a, b, limit):
        m = metres(a, b) * detour
        return math.ceil(m / speed) if m <= limit else None

    stops = {r["stop_id"]: (float(r["stop_lat"]), float(r["stop_lon"])) for r in rows(folder, "stops.txt")}
    ids = list(stops)
    on = running(folder, p["date"])
    trips = {r["trip_id"] for r in rows(folder, "trips.txt") if r["service_id"] in on}
    calls = {}
    for r in rows(folder, "stop_times.txt"):
        if r["trip_id"] in trips:
            calls.setdefault(r["trip_id"], []).append(
                (int(r["stop_sequence"]), r["stop_id"], seconds(r["arrival_time"]), seconds(r["departure_time"]))
            )
    trip_calls = [sorted(c) for c in calls.values()]
    # Departures by stop: (departure, trip, place), in time order.
    departures = {}
    for t, c in enumerate(trip_calls):
        for i, (_, stop, _, dep) in enumerate(c[:-1]):
            departures.setdefault(stop, []).append((dep, t, i))
    for d in departures.values():
        d.sort()
    changes = {a: [] for a in ids}
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            w = walk(stops[a], stops[b], s["transfer_m"])
            if w is not None:
                changes[a].append((b, w))
                changes[b].append((a, w))

    zones = [tuple(z) for z in p["zones"]]
    sites = [tuple(x) for x in p["sites"]]
    access = [[(k, w) for k in ids if (w := walk(z, stops[k], s["max_walk_m"])) is not None] for z in zones]
    egress = [{k: w for k in ids if (w := walk(x, stops[k], s["max_walk_m"])) is not None} for x in sites]
    longest = round(s["max_journey_minutes"] * 60)
    start, end = p["window"]

    vehicles = s["max_transfers"] + 1

    def earliest(zone, depart):
        """Earliest arrival at every site leaving `zone` at `depart`."""
        best = [math.inf] * len(sites)
        horizon = depart + longest
        ready = {}  # stop -> list by vehicles used of the settled time
        alighted = {}
        reached = {}  # (trip, vehicle number) -> earliest place boarded
        heap = []

        def settled(table, k, stop, t):
            times = table.setdefault(stop, [math.inf] * (vehicles + 1))
            if any(times[j] <= t for j in range(k + 1)):
                return True
            times[k] = t
            return False

        for stop, w in access[zone]:
            heapq.heappush(heap, (depart + w, 1, 0, stop))
        while heap:
            t, kind, k, stop = heapq.heappop(heap)
            if t > horizon:
                break
            if kind == 0:  # left vehicle number k at stop
                if settled(alighted, k, stop, t):
                    continue
                for x, eg in enumerate(egress):
                    if stop in eg:
                        best[x] = min(best[x], t + eg[stop])
                heapq.heappush(heap, (t, 1, k, stop))
                for q, w in changes[stop]:
                    heapq.heappush(heap, (t + w, 1, k, q))
            else:  # ready to board at stop, k vehicles used
                if k == vehicles or settled(ready, k, stop, t):
                    continue
                for dep, trip, i in departures.get(stop, []):
                    if dep < t:
                        continue
                    if dep > horizon:
                        break
                    key = (trip, k + 1)
                    if reached.get(key, math.inf) <= i:
                        continue
                    # Stops from i + 1 up to where the trip was boarded before (its alightings
                    # from there on are already queued, the boarding stop's own is not).
                    stop_at = reached.get(key, len(trip_calls[trip]) - 1)
                    reached[key] = i
                    for _, to, arr, _ in trip_calls[trip][i + 1 : stop_at + 1]:
                        heapq.heappush(heap, (arr, 0, k + 1, to))
        return best

    out = [[None] * len(zones) for _ in sites]
    for z, zone in enumerate(zones):
        per_minute = [[] for _ in sites]
        for depart in range(start, end, 60):
            best = earliest(z, depart)
            for x, site in enumerate(sites):
                t = best[x] - depart
                w = walk(zone, site, s["max_walk_m"])
                if w is not None:
                    t = min(t, w)
                per_minute[x].append(t if t <= longest else math.inf)
        for x in range(len(sites)):
            times = sorted(per_minute[x])
            middle = times[(len(times) - 1) // 2]
            out[x][z] = None if middle == math.inf else middle / 60
    json.dump({"minutes": out}, sys.stdout)


if __name__ == "__main__":
    main()
