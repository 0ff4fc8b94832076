"""scripts/cpu_time.py: the CPU time of a command and of its descendants, waited for or not."""
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CPU_TIME = os.path.join(REPO, 'scripts', 'cpu_time.py')

# Burns CPU for `seconds` of its own CPU time (not wall time: a busy machine only makes it slower).
BURN = 'import time\nwhile time.process_time() < {seconds}: pass\n'


def run(*command):
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, 'cpu')
        status = subprocess.run([sys.executable, CPU_TIME, out, *command]).returncode
        with open(out) as f:
            return status, f.read()


class CpuTimeTest(unittest.TestCase):
    def test_counts_the_command_and_an_orphan_it_never_waited_for(self):
        # The child starts a grandchild that burns 0.6 s, waits for it to end without reaping it
        # (WNOWAIT), and ends: the ended grandchild is an orphan for cpu_time.py to reap and count.
        script = textwrap.dedent(f'''
            import os, subprocess, sys
            child = subprocess.Popen([sys.executable, '-c', {BURN.format(seconds=0.6)!r}])
            os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)
            os._exit(0)
        ''')
        status, cpu = run(sys.executable, '-c', script)
        self.assertEqual(status, 0)
        self.assertRegex(cpu, r'^[0-9]+\.[0-9]\n$')
        self.assertGreaterEqual(float(cpu), 0.6)

    def test_passes_the_exit_status_on(self):
        status, cpu = run(sys.executable, '-c', 'import sys; sys.exit(3)')
        self.assertEqual(status, 3)
        self.assertRegex(cpu, r'^[0-9]+\.[0-9]\n$')

    def test_a_command_killed_by_a_signal_ends_as_128_plus_it(self):
        status, _ = run(sys.executable, '-c', 'import os, signal; os.kill(os.getpid(), signal.SIGTERM)')
        self.assertEqual(status, 128 + 15)

    def test_a_command_that_cannot_start_says_so(self):
        result = subprocess.run([sys.executable, CPU_TIME, os.devnull, '/no/such/program'], capture_output=True, text=True)
        self.assertEqual(result.returncode, 127)
        self.assertIn('cannot run /no/such/program', result.stderr)


if __name__ == '__main__':
    unittest.main()
