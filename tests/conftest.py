import pathlib
import sys

# notebook_runner.py sits beside the tests and is also run as a script.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
