#!/usr/bin/env python3
"""Runs a command and writes the CPU time it cost, its descendants included, to a file.

    python3 scripts/cpu_time.py OUT_FILE COMMAND [ARG...]

scripts/test.sh runs its steps through it. A shell's `times` (getrusage of its children) counts
only the processes its children waited for: Chromium's zygote does not wait for the renderers and
the GPU process when the browser closes, so a browser suite's own CPU, most of it SwiftShader
drawing in the GPU process, went uncounted. Here this process is the command's child subreaper
(Linux prctl PR_SET_CHILD_SUBREAPER): a descendant whose parent ends without waiting becomes this
process's child, and is waited for and counted here once it has ended. One still running when the
command ends (a crash reporter that outlives its browser by seconds) is neither waited for nor
counted.

OUT_FILE gets one line, the user + system seconds of the command and every descendant that ended
(one with a decimal: "12.3"). The exit status is the command's (128 + N for a signal N).
"""
import ctypes
import os
import resource
import signal
import subprocess
import sys

PR_SET_CHILD_SUBREAPER = 36


def reap_ended_orphans():
    """Waits for every descendant that has ended by now; one still running is left running."""
    while True:
        try:
            orphan, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:  # no children left
            return
        if orphan == 0:  # only running ones left
            return


def main(argv):
    if len(argv) < 3:
        sys.stderr.write('usage: cpu_time.py OUT_FILE COMMAND [ARG...]\n')
        return 2
    out_file, command = argv[1], argv[2:]
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)  # without it (not Linux) the count is only lower
    # Ctrl+C reaches the command too (same process group): this waits for it to end, and says how.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        status = subprocess.Popen(command).wait()
    except OSError as error:
        sys.stderr.write(f'cpu_time.py: cannot run {command[0]}: {error}\n')
        status = 127
    reap_ended_orphans()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out_file, 'w') as out:
        out.write(f'{usage.ru_utime + usage.ru_stime:.1f}\n')
    return status if status >= 0 else 128 - status  # Popen gives -N for signal N


if __name__ == '__main__':
    sys.exit(main(sys.argv))
