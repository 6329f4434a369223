#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run Sous BPM -- bundled sample run generator.
#
# Usage: generate-sample.py OUTDIR
#
# Writes OUTDIR/sample-run.gpx (a 45 minute, ~8.5 km run in central Berlin,
# recorded at 1 Hz with heart rate and cadence) and OUTDIR/Streaming_History_Audio_Sample.json
# (a Spotify Extended Streaming History file covering that run).
#
# Standard library only.  The output is fully deterministic: every random
# number comes from a seeded generator, so the same bytes are written on
# every run and on every machine.

import datetime
import json
import math
import os
import random
import sys

# ---------------------------------------------------------------------------
# Run parameters
# ---------------------------------------------------------------------------

RUN_NAME = "Sunday Riverside Loop"
RUN_START = datetime.datetime(2026, 10, 18, 8, 30, 0, tzinfo=datetime.timezone.utc)
RUN_DURATION_S = 2700          # 45:00, sampled at 1 Hz (2701 points)

PACE_MIN_S_PER_KM = 300.0      # 5:00 min/km
PACE_MAX_S_PER_KM = 340.0      # 5:40 min/km

STOP_DURATION_S = 40           # standing at the Strasse des 17. Juni crossing
STOP_LAT = 52.51480            # the crossing, as the latitude the route passes
DECEL_S = 5                    # seconds to come to a halt before the crossing
ACCEL_S = 6                    # seconds to get back up to speed after it

GPS_NOISE_M = 1.3              # standard deviation of the position error
GPS_NOISE_RHO = 0.997          # 1 s autocorrelation of the position error

SEED_GPX = 0x52535042          # "RSPB"
SEED_HISTORY = 20261018

# Waypoints (lat, lon) of the loop: start in Monbijoupark, west along the
# Spree past the Reichstag, the Chancellery and Schloss Bellevue, south
# through the Hansaviertel into the Tiergarten, east through the park to the
# Brandenburg Gate, along Unter den Linden to the Lustgarten and back north
# to the start.  A centripetal Catmull-Rom spline runs through them.
WAYPOINTS = [
    (52.52330, 13.39700),   # Monbijoupark
    (52.52240, 13.39420),   # opposite the Bode-Museum
    (52.52095, 13.39000),   # Weidendammer Bruecke
    (52.52060, 13.38500),   # Schiffbauerdamm
    (52.52035, 13.37950),   # Marschallbruecke
    (52.52065, 13.37450),   # north of the Reichstag
    (52.52160, 13.37060),   # Chancellery
    (52.52105, 13.36560),   # Haus der Kulturen der Welt
    (52.52005, 13.35960),   # Lutherbruecke
    (52.51960, 13.35420),   # Schloss Bellevue
    (52.52080, 13.34920),
    (52.52140, 13.34700),   # Spree bend at the Hansaviertel
    (52.51950, 13.34470),
    (52.51680, 13.34520),   # Hansaviertel
    (52.51400, 13.34760),   # across Strasse des 17. Juni into the Tiergarten
    (52.51270, 13.35200),   # Neuer See
    (52.51260, 13.35720),
    (52.51320, 13.36420),
    (52.51400, 13.37000),
    (52.51540, 13.37520),   # towards the Brandenburg Gate
    (52.51640, 13.37900),   # Pariser Platz
    (52.51705, 13.38500),   # Unter den Linden
    (52.51775, 13.39100),
    (52.51860, 13.39620),   # Lustgarten
    (52.52060, 13.39840),   # past the museums
    (52.52300, 13.39720),   # back in Monbijoupark, near the start
]

EARTH_RADIUS_M = 6371008.8


# ---------------------------------------------------------------------------
# Geometry helpers
# ---------------------------------------------------------------------------

class LocalProjection:
    """Equirectangular projection around a reference point, in metres."""

    def __init__(self, lat0, lon0):
        self.lat0 = lat0
        self.lon0 = lon0
        self.k_lat = math.pi / 180.0 * EARTH_RADIUS_M
        self.k_lon = self.k_lat * math.cos(math.radians(lat0))

    def to_xy(self, lat, lon):
        return ((lon - self.lon0) * self.k_lon, (lat - self.lat0) * self.k_lat)

    def to_latlon(self, x, y):
        return (self.lat0 + y / self.k_lat, self.lon0 + x / self.k_lon)


def catmull_rom(points, samples_per_segment=60):
    """Centripetal Catmull-Rom spline through `points` (list of (x, y)).

    The end points are extended by reflection so that the curve passes
    through every given point."""
    def sub(a, b):
        return (a[0] - b[0], a[1] - b[1])

    def add(a, b):
        return (a[0] + b[0], a[1] + b[1])

    def dist(a, b):
        return math.hypot(a[0] - b[0], a[1] - b[1])

    first = sub(points[0], sub(points[1], points[0]))
    last = add(points[-1], sub(points[-1], points[-2]))
    pts = [first] + list(points) + [last]

    out = [points[0]]
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        t0 = 0.0
        t1 = t0 + math.sqrt(max(dist(p0, p1), 1e-6))
        t2 = t1 + math.sqrt(max(dist(p1, p2), 1e-6))
        t3 = t2 + math.sqrt(max(dist(p2, p3), 1e-6))
        for j in range(1, samples_per_segment + 1):
            t = t1 + (t2 - t1) * j / samples_per_segment

            def lerp(a, b, ta, tb):
                wa = (tb - t) / (tb - ta)
                wb = (t - ta) / (tb - ta)
                return (a[0] * wa + b[0] * wb, a[1] * wa + b[1] * wb)

            a1 = lerp(p0, p1, t0, t1)
            a2 = lerp(p1, p2, t1, t2)
            a3 = lerp(p2, p3, t2, t3)
            b1 = lerp(a1, a2, t0, t2)
            b2 = lerp(a2, a3, t1, t3)
            out.append(lerp(b1, b2, t1, t2))
    return out


class Path:
    """A polyline that can be sampled by distance travelled along it."""

    def __init__(self, xy):
        self.xy = xy
        self.cum = [0.0]
        for a, b in zip(xy, xy[1:]):
            self.cum.append(self.cum[-1] + math.hypot(b[0] - a[0], b[1] - a[1]))
        self.length = self.cum[-1]

    def at(self, s):
        s = min(max(s, 0.0), self.length)
        lo, hi = 0, len(self.cum) - 1
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.cum[mid] <= s:
                lo = mid
            else:
                hi = mid
        seg = self.cum[hi] - self.cum[lo]
        f = 0.0 if seg <= 0.0 else (s - self.cum[lo]) / seg
        a, b = self.xy[lo], self.xy[hi]
        return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f)


# ---------------------------------------------------------------------------
# Track simulation
# ---------------------------------------------------------------------------

def elevation_at(s, length):
    """Gently rolling terrain between roughly 31 and 57 m, periodic over
    the loop so that the finish is at the height of the start."""
    u = 2.0 * math.pi * s / length
    return (44.0
            + 7.0 * math.sin(3.0 * u + 0.7)
            + 4.0 * math.sin(7.0 * u + 2.1)
            + 1.5 * math.sin(17.0 * u + 0.3))


def grade_at(s, length):
    return (elevation_at(s + 5.0, length) - elevation_at(s - 5.0, length)) / 10.0


def stop_distance(path, proj):
    """Distance along the path where it crosses STOP_LAT heading south
    (the crossing of Strasse des 17. Juni)."""
    _, y_stop = proj.to_xy(STOP_LAT, proj.lon0)
    step = 1.0
    s = path.length * 0.4
    prev_y = path.at(s)[1]
    while s < path.length:
        s += step
        y = path.at(s)[1]
        if prev_y > y_stop >= y:
            return s
        prev_y = y
    raise RuntimeError("route never crosses the stop latitude")


def simulate_distance(base_pace, offset, length, s_stop):
    """Integrate the runner's movement along the path at 1 Hz.

    Returns (distances, speeds, stop_start, stop_end).  The pace at each
    second is base_pace[t] + offset, clamped to the allowed range and
    slowed a little uphill."""
    n = RUN_DURATION_S + 1
    dist = [0.0] * n
    speed = [0.0] * n
    s = 0.0
    state = "run"
    stop_start = stop_end = None
    decel_from = None
    t_state = 0
    for t in range(1, n):
        pace = base_pace[t] + offset + 2.5 * 100.0 * grade_at(s, length)
        pace = min(max(pace, PACE_MIN_S_PER_KM), PACE_MAX_S_PER_KM)
        v_run = 1000.0 / pace
        if t <= 4:                      # getting going after pressing start
            v_run *= 0.55 + 0.1125 * t
        if state == "run":
            v = v_run
            # Start braking so that the halt happens at the crossing.
            if s_stop is not None and stop_start is None and \
                    s + v * DECEL_S / 2.0 >= s_stop:
                state = "decel"
                decel_from = v
                t_state = 0
        if state == "decel":
            t_state += 1
            v = decel_from * max(0.0, 1.0 - t_state / DECEL_S)
            if t_state >= DECEL_S:
                state = "stopped"
                stop_start = t
                t_state = 0
                v = 0.0
        elif state == "stopped":
            t_state += 1
            v = 0.0
            if t_state >= STOP_DURATION_S:
                state = "accel"
                stop_end = t
                t_state = 0
        elif state == "accel":
            t_state += 1
            v = v_run * min(1.0, t_state / ACCEL_S)
            if t_state >= ACCEL_S:
                state = "run"
                t_state = 0
                s_stop = None
        s += v
        dist[t] = s
        speed[t] = v
    return dist, speed, stop_start, stop_end


def build_track():
    rng = random.Random(SEED_GPX)
    n = RUN_DURATION_S + 1

    proj = LocalProjection(*WAYPOINTS[0])
    path = Path(catmull_rom([proj.to_xy(lat, lon) for lat, lon in WAYPOINTS]))
    s_stop = stop_distance(path, proj)

    # Base pace: slow waves plus a smooth random wobble (seconds per km).
    base_pace = [0.0] * n
    wobble = 0.0
    phase = rng.uniform(0.0, 2.0 * math.pi)
    for t in range(n):
        wobble = 0.97 * wobble + rng.gauss(0.0, 1.0)
        base_pace[t] = (10.0 * math.sin(2.0 * math.pi * t / 930.0 + phase)
                        + 4.0 * math.sin(2.0 * math.pi * t / 247.0)
                        + 0.9 * wobble)

    # Find the pace offset that makes the runner arrive at the end of the
    # path exactly when the recording stops.
    lo, hi = 250.0, 360.0
    for _ in range(60):
        mid = (lo + hi) / 2.0
        dist, _, _, _ = simulate_distance(base_pace, mid, path.length, s_stop)
        if dist[-1] > path.length:
            lo = mid
        else:
            hi = mid
    dist, speed, stop_start, stop_end = simulate_distance(
        base_pace, (lo + hi) / 2.0, path.length, s_stop)
    if stop_start is None or stop_end is None:
        raise RuntimeError("simulated run never stopped at the crossing")
    if abs(dist[-1] - path.length) > 1.0:
        raise RuntimeError("could not fit the pace to the route length")

    # Slowly varying GPS error in metres, and elevation sensor wobble.
    ex = ey = ez = 0.0
    ex = rng.gauss(0.0, GPS_NOISE_M)
    ey = rng.gauss(0.0, GPS_NOISE_M)
    innov = GPS_NOISE_M * math.sqrt(1.0 - GPS_NOISE_RHO ** 2)

    points = []
    hr = 116.0
    for t in range(n):
        s = dist[t]
        x, y = path.at(s)
        ex = GPS_NOISE_RHO * ex + rng.gauss(0.0, innov)
        ey = GPS_NOISE_RHO * ey + rng.gauss(0.0, innov)
        ez = 0.98 * ez + rng.gauss(0.0, 0.06)
        lat, lon = proj.to_latlon(x + ex, y + ey)
        ele = elevation_at(s, path.length) + ez

        v = speed[t]
        stopped = stop_start is not None and stop_start <= t < stop_end
        if stopped:
            # Recovering while waiting at the lights.
            target, tau = 108.0, 55.0
        else:
            effort = 1.0 - math.exp(-t / 420.0)
            target = (121.0 + 33.0 * effort + 6.0 * t / RUN_DURATION_S
                      + 12.0 * (v - 3.15) + 60.0 * grade_at(s, path.length))
            tau = 22.0
        hr += (target - hr) / tau + rng.gauss(0.0, 0.35)

        if v < 0.3:
            cad = 0
        elif v < 2.4:
            # Braking into / accelerating out of the stop.
            cad = int(round(25.0 + v * 22.0 + rng.uniform(-2.0, 2.0)))
        else:
            cad = int(round(87.0 + (v - 3.15) * 8.0 + rng.gauss(0.0, 0.8)))
            cad = min(max(cad, 84), 90)

        points.append({
            "lat": lat,
            "lon": lon,
            "ele": ele,
            "time": RUN_START + datetime.timedelta(seconds=t),
            "hr": int(round(hr)),
            "cad": cad,
        })
    return points


def iso(dt):
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def gpx_document(points):
    out = []
    out.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.append('<gpx version="1.1" creator="Run Sous BPM sample generator"'
               ' xmlns="http://www.topografix.com/GPX/1/1"'
               ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"'
               ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
               ' xsi:schemaLocation="http://www.topografix.com/GPX/1/1'
               ' http://www.topografix.com/GPX/1/1/gpx.xsd'
               ' http://www.garmin.com/xmlschemas/TrackPointExtension/v1'
               ' http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd">\n')
    out.append(' <metadata>\n')
    out.append('  <name>%s</name>\n' % RUN_NAME)
    out.append('  <time>%s</time>\n' % iso(RUN_START))
    out.append(' </metadata>\n')
    out.append(' <trk>\n')
    out.append('  <name>%s</name>\n' % RUN_NAME)
    out.append('  <type>running</type>\n')
    out.append('  <trkseg>\n')
    for p in points:
        out.append('   <trkpt lat="%.7f" lon="%.7f">\n' % (p["lat"], p["lon"]))
        out.append('    <ele>%.1f</ele>\n' % p["ele"])
        out.append('    <time>%s</time>\n' % iso(p["time"]))
        out.append('    <extensions>\n')
        out.append('     <gpxtpx:TrackPointExtension>\n')
        out.append('      <gpxtpx:hr>%d</gpxtpx:hr>\n' % p["hr"])
        out.append('      <gpxtpx:cad>%d</gpxtpx:cad>\n' % p["cad"])
        out.append('     </gpxtpx:TrackPointExtension>\n')
        out.append('    </extensions>\n')
        out.append('   </trkpt>\n')
    out.append('  </trkseg>\n')
    out.append(' </trk>\n')
    out.append('</gpx>\n')
    return "".join(out)


# ---------------------------------------------------------------------------
# Listening history
# ---------------------------------------------------------------------------

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# (title, artist, album, track length in seconds)
EVENING_SONG = ("Pasta Party Anthem", "Marathon Mouse", "Carbo Loading", 207.4)

PODCAST = ("Ep. 112: Why Your Easy Runs Are Too Fast",
           "The Long Slow Distance Show", 1431.9)

# The run playlist, in play order.  None marks the stretch without music.
RUN_PLAYLIST = [
    ("Warm-Up Lap", "Cadence Collective", "Strides & Sides", 238.3),
    ("Negative Split Romance", "DJ Negative Split", "Second Wind", 261.8),
    ("Shoelace Symphony", "The Tempo Tantrums", "Personal Best Friends", 229.6),
    ("Hill Repeats (Slow Version)", "Marathon Mouse", "Carbo Loading", "skip"),
    ("Runner's High Noon", "Lactic Acid Lovers", "Burn Notice", 254.2),
    ("Fartlek Fever", "The Tempo Tantrums", "Personal Best Friends", 257.1),
    None,
    ("Sweat Equity", "Lactic Acid Lovers", "Burn Notice", 262.5),
    ("180 Steps a Minute", "Cadence Collective", "Strides & Sides", 246.7),
    ("Chafe Expectations", "Marathon Mouse", "Carbo Loading", 223.4),
    ("Tempo Tantrum", "The Tempo Tantrums", "Personal Best Friends", 241.1),
    ("Second Wind", "DJ Negative Split", "Second Wind", 259.0),
    ("Cool-Down Cathedral", "Cadence Collective", "Strides & Sides", 265.3),
]

FIRST_PLAY_LEAD_S = 118.4      # the first song starts this long before the run
SKIP_MS = 9731                 # how long the skipped song played
NO_MUSIC_S = 215.4             # the stretch without music
LAST_PLAY_TAIL_S = 94          # the last play ends this long after the run


def make_uri(rng, kind):
    return "spotify:%s:%s" % (kind, "".join(rng.choice(BASE62) for _ in range(22)))


def history_entry(end, ms_played, start, **kw):
    e = {
        "ts": iso(end),
        "platform": "android",
        "ms_played": ms_played,
        "conn_country": "DE",
        "ip_addr": "192.0.2.1",
        "master_metadata_track_name": None,
        "master_metadata_album_artist_name": None,
        "master_metadata_album_album_name": None,
        "spotify_track_uri": None,
        "episode_name": None,
        "episode_show_name": None,
        "spotify_episode_uri": None,
        "audiobook_title": None,
        "audiobook_uri": None,
        "audiobook_chapter_uri": None,
        "audiobook_chapter_title": None,
        "reason_start": "trackdone",
        "reason_end": "trackdone",
        "shuffle": False,
        "skipped": False,
        "offline": False,
        "offline_timestamp": int(start.timestamp()),
        "incognito_mode": False,
    }
    for k, v in kw.items():
        if k not in e:
            raise KeyError(k)
        e[k] = v
    return e


def song_fields(rng, uris, song):
    title, artist, album = song[0], song[1], song[2]
    if title not in uris:
        uris[title] = make_uri(rng, "track")
    return {
        "master_metadata_track_name": title,
        "master_metadata_album_artist_name": artist,
        "master_metadata_album_album_name": album,
        "spotify_track_uri": uris[title],
    }


def ceil_second(dt):
    """Round a datetime up to a whole second (Spotify's ts precision)."""
    if dt.microsecond:
        dt = dt.replace(microsecond=0) + datetime.timedelta(seconds=1)
    return dt


def build_history():
    rng = random.Random(SEED_HISTORY)
    uris = {}
    entries = []
    run_end = RUN_START + datetime.timedelta(seconds=RUN_DURATION_S)

    # The evening before: one song after dinner.
    start = datetime.datetime(2026, 10, 17, 19, 38, 12, 517000,
                              tzinfo=datetime.timezone.utc)
    ms = int(round(EVENING_SONG[3] * 1000))
    end = ceil_second(start + datetime.timedelta(milliseconds=ms))
    entries.append(history_entry(end, ms, start,
                                 reason_start="clickrow",
                                 reason_end="trackdone",
                                 **song_fields(rng, uris, EVENING_SONG)))

    # Breakfast podcast, stopped well before heading out.
    start = datetime.datetime(2026, 10, 18, 7, 34, 40, 208000,
                              tzinfo=datetime.timezone.utc)
    ms = int(round(PODCAST[2] * 1000))
    end = ceil_second(start + datetime.timedelta(milliseconds=ms))
    entries.append(history_entry(end, ms, start,
                                 episode_name=PODCAST[0],
                                 episode_show_name=PODCAST[1],
                                 spotify_episode_uri=make_uri(rng, "episode"),
                                 reason_start="clickrow",
                                 reason_end="endplay"))

    # The run playlist.
    cursor = RUN_START - datetime.timedelta(seconds=FIRST_PLAY_LEAD_S)
    reason_start = "clickrow"
    last_index = len(RUN_PLAYLIST) - 1
    for i, song in enumerate(RUN_PLAYLIST):
        if song is None:
            cursor += datetime.timedelta(seconds=NO_MUSIC_S)
            reason_start = "playbtn"
            continue
        # A fraction of a second of silence between tracks.
        start = cursor + datetime.timedelta(milliseconds=rng.randint(80, 600))
        extra = {}
        if song[3] == "skip":
            ms = SKIP_MS
            extra = {"reason_end": "fwdbtn", "skipped": True}
        elif i == last_index:
            # Stopped by hand a little after the run.
            end = run_end + datetime.timedelta(seconds=LAST_PLAY_TAIL_S)
            ms = int((end - start).total_seconds() * 1000)
            if ms >= song[3] * 1000:
                raise RuntimeError("last song is too short to cross the end")
            extra = {"reason_end": "endplay"}
        else:
            ms = int(round(song[3] * 1000))
            if i + 1 <= last_index and RUN_PLAYLIST[i + 1] is None:
                extra = {"reason_end": "endplay"}
        end = ceil_second(start + datetime.timedelta(milliseconds=ms))
        entries.append(history_entry(end, ms, start,
                                     reason_start=reason_start,
                                     shuffle=True,
                                     **extra,
                                     **song_fields(rng, uris, song)))
        reason_start = "fwdbtn" if song[3] == "skip" else "trackdone"
        cursor = end

    entries.sort(key=lambda e: e["ts"])
    return entries


# ---------------------------------------------------------------------------

def write_file(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: %s OUTDIR\n" % os.path.basename(argv[0]))
        return 2
    outdir = argv[1]
    try:
        os.makedirs(outdir, exist_ok=True)
        points = build_track()
        history = build_history()
        write_file(os.path.join(outdir, "sample-run.gpx"), gpx_document(points))
        write_file(os.path.join(outdir, "Streaming_History_Audio_Sample.json"),
                   json.dumps(history, indent=2, ensure_ascii=False))
    except (OSError, RuntimeError, ValueError, KeyError) as e:
        sys.stderr.write("generate-sample: error: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
