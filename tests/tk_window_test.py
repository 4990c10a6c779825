"""Tk opens a window: libX11, built from source and linked into _tkinter, talks to a real
X server (Xvfb, started by the test on a display of its own) and lays out a widget.

The server is found on PATH or in /usr/bin (Debian's xvfb package, in the toolbox).
"""

import os
import shutil
import subprocess
import sys
import unittest


def start_xvfb(test):
    xvfb = shutil.which("Xvfb") or shutil.which("Xvfb", path="/usr/bin")
    if xvfb is None:
        test.fail("no Xvfb on PATH or in /usr/bin (Debian's xvfb package)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "800x600x24"],
        pass_fds=[write_end],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    with os.fdopen(read_end) as f:
        display = f.readline().strip()
    if not display:
        server.kill()
        test.fail("Xvfb did not start: " + server.stderr.read().decode(errors="replace"))
    test.addCleanup(server.wait)
    test.addCleanup(server.terminate)
    return ":" + display


class TkWindow(unittest.TestCase):
    def test_a_widget_is_laid_out_in_a_window(self):
        os.environ["DISPLAY"] = start_xvfb(self)
        import tkinter

        root = tkinter.Tk()
        self.addCleanup(root.destroy)
        root.geometry("320x200+10+20")
        button = tkinter.Button(root, text="rules_cpython", width=20)
        button.pack(padx=7, pady=9)
        root.update()

        self.assertEqual((root.winfo_width(), root.winfo_height()), (320, 200))
        self.assertTrue(button.winfo_ismapped())
        self.assertEqual(button.winfo_y(), 9, "pady above the button")
        self.assertGreater(button.winfo_width(), 20 * 5, "twenty characters wide, in the server's font")
        self.assertEqual(button.winfo_rootx(), root.winfo_rootx() + button.winfo_x())
        self.assertEqual(root.tk.call("tk", "windowingsystem"), "x11")
        print("window", root.winfo_geometry(), "button", button.winfo_geometry(), file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
