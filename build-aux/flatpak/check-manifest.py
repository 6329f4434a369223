#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sanity-check the Flatpak manifest.

Usage: check-manifest.py MANIFEST [--app-id ID] [--command NAME]

Exits non-zero with a message on the first problem found: the file does not
parse as JSON, the application id or command is not the expected one, or the
last module (the application itself) is not built with meson.
"""

import argparse
import json
import sys

DEFAULT_APP_ID = 'io.github.runsousbpm.RunSousBpm'
DEFAULT_COMMAND = 'run-sous-bpm'


def fail(manifest, message):
    print(f'{manifest}: {message}', file=sys.stderr)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description='Check the Flatpak manifest.')
    parser.add_argument('manifest')
    parser.add_argument('--app-id', default=DEFAULT_APP_ID)
    parser.add_argument('--command', default=DEFAULT_COMMAND)
    args = parser.parse_args()
    path = args.manifest

    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except OSError as e:
        fail(path, f'cannot read the manifest: {e.strerror}')
    except json.JSONDecodeError as e:
        fail(path, f'not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}')

    if not isinstance(manifest, dict):
        fail(path, 'the manifest must be a JSON object')

    # flatpak-builder accepts both "app-id" and its newer alias "id".
    app_id = manifest.get('app-id', manifest.get('id'))
    if app_id != args.app_id:
        fail(path, f'app-id is {app_id!r}, expected {args.app_id!r}')

    command = manifest.get('command')
    if command != args.command:
        fail(path, f'command is {command!r}, expected {args.command!r}')

    for key in ('runtime', 'runtime-version', 'sdk'):
        if not isinstance(manifest.get(key), str) or not manifest[key]:
            fail(path, f'{key!r} is missing or empty')

    modules = manifest.get('modules')
    if not isinstance(modules, list) or not modules:
        fail(path, '"modules" is missing or empty')

    last = modules[-1]
    if not isinstance(last, dict):
        fail(path, 'the last module must be an object, not a file reference')
    if last.get('buildsystem') != 'meson':
        fail(path, f'the last module ({last.get("name")!r}) is built with '
                   f'{last.get("buildsystem")!r}, expected \'meson\'')

    print(f'{path}: OK ({app_id}, command {command}, {len(modules)} modules)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
