#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# check-mime-info.py: the shared-mime-info package is well-formed and,
# installed into a scratch database, makes GIO call renamed workouts by
# their types. Tools that are absent are reported, not faked.
import os
import shutil
import subprocess
import sys
import tempfile

# (file in testdata/activities, name it is given, type GIO must guess)
SAMPLES = [
    ('sample-activity.fit', 'ride.fit', 'application/vnd.ant.fit'),
    ('sample-activity.fit', 'ride.bin', 'application/vnd.ant.fit'),
    ('test.tcx', 'run.tcx', 'application/vnd.garmin.tcx+xml'),
    ('test.tcx', 'track', 'application/vnd.garmin.tcx+xml'),
    ('cerknicko-jezero.gpx', 'lake.gpx', 'application/gpx+xml'),
    ('cerknicko-jezero.gpx', 'lake', 'application/gpx+xml'),
]


def main():
    package, shared = sys.argv[1], sys.argv[2]
    xmllint = shutil.which('xmllint')
    if xmllint:
        subprocess.run([xmllint, '--noout', package], check=True)
    update = shutil.which('update-mime-database')
    gio = shutil.which('gio')
    if not update or not gio:
        print('update-mime-database or gio missing: only well-formedness checked')
        return 0 if xmllint else 77
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        packages = os.path.join(scratch, 'mime', 'packages')
        os.makedirs(packages)
        shutil.copy(package, packages)
        system = '/usr/share/mime/packages/freedesktop.org.xml'
        if os.path.exists(system):
            shutil.copy(system, packages)
        env = dict(os.environ, XDG_DATA_HOME=scratch, XDG_DATA_DIRS=scratch)
        subprocess.run([update, os.path.join(scratch, 'mime')], env=env, check=True)
        for source, name, expected in SAMPLES:
            path = os.path.join(scratch, name)
            shutil.copy(os.path.join(shared, 'testdata', 'activities', source), path)
            out = subprocess.run([gio, 'info', '-a', 'standard::content-type', path],
                                 env=env, check=True, capture_output=True, text=True).stdout
            guessed = out.split('standard::content-type:')[-1].strip()
            if guessed != expected:
                print(f'{name} ({source}): GIO guessed {guessed}, not {expected}')
                failures += 1
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
