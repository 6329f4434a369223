#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# spotify-baseline.py HISTORY LIBRARY: the baseline of bench-spotify-import.
#
# Reads the same Extended Streaming History with json.load and inserts
# its tracks and plays with sqlite3 executemany into LIBRARY, a fresh
# library the bench created (same schema, indexes and pragmas as the
# app's). Prints "seconds=S plays=N", timed from before the read to
# after the commit (interpreter start-up excluded).

import datetime
import json
import sqlite3
import sys
import time

UTC = datetime.timezone.utc


def end_ms(ts):
    # "2022-11-12T13:59:51Z"; fromisoformat only takes "Z" from 3.11 on.
    moment = datetime.datetime.fromisoformat(ts[:-1]).replace(tzinfo=UTC)
    return int(moment.timestamp()) * 1000


def is_music(entry):
    return (entry.get('spotify_track_uri') is not None
            and entry.get('master_metadata_track_name') is not None)


def play_rows(music, track_ids):
    for entry in music:
        end = end_ms(entry['ts'])
        played = entry['ms_played']
        yield (track_ids[entry['spotify_track_uri']], end - played, end, played,
               'extended', 1000, bool(entry.get('skipped')),
               bool(entry.get('offline')))


def main():
    history_path, library_path = sys.argv[1], sys.argv[2]
    start = time.perf_counter()

    with open(history_path, encoding='utf-8') as history:
        entries = json.load(history)
    music = [entry for entry in entries if is_music(entry)]

    db = sqlite3.connect(library_path, isolation_level=None)
    db.execute('PRAGMA journal_mode = WAL')
    db.execute('PRAGMA synchronous = NORMAL')
    db.execute('BEGIN IMMEDIATE')
    db.executemany(
        'INSERT OR IGNORE INTO tracks (uri, title, artists, album) VALUES (?, ?, ?, ?)',
        ((e['spotify_track_uri'], e['master_metadata_track_name'],
          e.get('master_metadata_album_artist_name'),
          e.get('master_metadata_album_album_name')) for e in music))
    track_ids = {uri: track_id for track_id, uri in db.execute('SELECT id, uri FROM tracks')}
    db.executemany(
        'INSERT INTO plays (track_id, start_ms, end_ms, ms_played, source, precision_ms,'
        ' skipped, offline) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        play_rows(music, track_ids))
    db.execute('COMMIT')
    db.close()

    print(f'seconds={time.perf_counter() - start:.6f} plays={len(music)}')


if __name__ == '__main__':
    main()
