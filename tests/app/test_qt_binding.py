"""Guards against a Qt binding that corrupts the interpreter (PySide6 6.12.0: emit() leaked True)."""

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Emitter(QObject):
    fired = Signal(int)
emitter = Emitter()
before = sys.getrefcount(True)
for i in range(200):
    emitter.fired.emit(i)
print(sys.getrefcount(True) - before)
"""


def test_signal_emit_keeps_reference_counts_intact() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert abs(int(result.stdout.strip())) < 10
