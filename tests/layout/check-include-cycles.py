#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when the project's own sources include each other in a cycle.

Walks every #include "..." among the files under src/, resolving a name
to the file beside the includer or, failing that, the one file of that
name anywhere under src/ (each layer's folder is on the include path).
The nodes are modules: a .c file with its .h, and an object split
across files behind a private header (rsb-store.c, rsb-store-private.h,
rsb-store-plays.c, ...) is one module. a.c including b.h while b.c
includes a.h is a cycle even though no header includes itself: neither
file can be read, changed or tested without the other.
Prints each cycle found and exits 1; exits 0 when there is none.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


PRIVATE = '-private'


def module_of(owners):
    """A .c file and its .h are one module, and so are the files named
    after an owner that has a -private.h header (X-private.h, X-*.c)."""
    def module(path):
        base = os.path.splitext(path)[0]
        if base.endswith(PRIVATE):
            return base[:-len(PRIVATE)]
        for owner in owners:
            if base.startswith(owner + '-'):
                return owner
        return base
    return module


def main():
    src = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                          os.path.join(os.path.dirname(__file__), '..', '..', 'src'))
    by_name = {}
    files = []
    for root, _dirs, names in os.walk(src):
        for name in names:
            if name.endswith(('.c', '.h')):
                path = os.path.join(root, name)
                files.append(path)
                by_name.setdefault(name, []).append(path)

    owners = sorted((os.path.splitext(p)[0][:-len(PRIVATE)] for p in files
                     if os.path.splitext(p)[0].endswith(PRIVATE)), key=len, reverse=True)
    module = module_of(owners)
    graph = {}
    for path in files:
        with open(path, encoding='utf-8') as f:
            text = f.read()
        for name in INCLUDE.findall(text):
            beside = os.path.join(os.path.dirname(path), name)
            if os.path.exists(beside):
                target = beside
            elif len(by_name.get(os.path.basename(name), [])) == 1:
                target = by_name[os.path.basename(name)][0]
            else:
                continue   # config.h and other generated or system headers
            a, b = module(path), module(target)
            if a != b:
                graph.setdefault(a, set()).add(b)

    cycles = []
    state = {}
    stack = []

    def visit(node):
        state[node] = 'open'
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 'open':
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 'done'

    sys.setrecursionlimit(10000)
    for node in sorted(graph):
        if node not in state:
            visit(node)

    for cycle in cycles:
        print('include cycle: ' + ' -> '.join(os.path.relpath(m, src) for m in cycle))
    if not cycles:
        print('no include cycles among %d files' % len(files))
    return 1 if cycles else 0


if __name__ == '__main__':
    sys.exit(main())
