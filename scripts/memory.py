#!/usr/bin/env python3
"""Proportional memory (PSS) of a desktop program and the processes it starts, a few seconds
after launch: how README's "first screen" figures and the WebKitGTK floor were measured.

    xvfb-run -a python3 scripts/memory.py target/release/appraise-desktop
    xvfb-run -a python3 scripts/memory.py /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser file:///tmp/hello.html

Runs with WEBKIT_DISABLE_COMPOSITING_MODE=1, as the end-to-end test does. Set SECONDS_TO_WAIT
to wait longer than 8 seconds.
"""
import os
import subprocess
import sys
import time


def children(pid):
    out = []
    for d in os.listdir('/proc'):
        if not d.isdigit():
            continue
        try:
            stat = open(f'/proc/{d}/stat').read()
        except OSError:
            continue
        if int(stat[stat.rindex(')') + 2:].split()[1]) == pid:
            out.append(int(d))
            out += children(int(d))
    return out


def pss_kb(pid):
    for line in open(f'/proc/{pid}/smaps_rollup'):
        if line.startswith('Pss:'):
            return int(line.split()[1])
    return 0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    env = dict(os.environ, WEBKIT_DISABLE_COMPOSITING_MODE='1')
    program = subprocess.Popen(sys.argv[1:], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(float(os.environ.get('SECONDS_TO_WAIT', '8')))
        total = 0
        for pid in [program.pid] + children(program.pid):
            kb = pss_kb(pid)
            total += kb
            print(f"{open(f'/proc/{pid}/comm').read().strip():24s} {kb / 1024:7.1f} MB PSS")
        print(f'{"total":24s} {total / 1024:7.1f} MB PSS')
    finally:
        program.terminate()
        program.wait()


if __name__ == '__main__':
    main()
