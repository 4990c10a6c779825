import sys


def greeting(name):
    return f"Hello, {name}, from Python {sys.version.split()[0]}"
