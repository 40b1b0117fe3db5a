"""Adds up JUnit (surefire, every engine) and notebook (pytest) results into one closing line:
'<N> passed, <N> failed, <N> skipped'. Exits 1 when anything failed or no test ran at all."""
import pathlib
import sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parents[1]


def counts(xml_file):
    root = ET.parse(xml_file).getroot()
    suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
    total = failed = skipped = 0
    for s in suites:
        total += int(s.get("tests", 0))
        failed += int(s.get("failures", 0)) + int(s.get("errors", 0))
        skipped += int(s.get("skipped", 0))
    return total, failed, skipped


def main():
    parts = {}
    for label, pattern in (("JUnit", "target/surefire-reports*/TEST-*.xml"), ("notebooks", "target/pytest-notebooks.xml")):
        t = f = s = 0
        for xml_file in sorted(ROOT.glob(pattern)):
            a, b, c = counts(xml_file)
            t, f, s = t + a, f + b, s + c
        parts[label] = (t, f, s)
    for label, (t, f, s) in parts.items():
        print(f"{label}: {t - f - s} passed, {f} failed, {s} skipped")
    total = sum(p[0] for p in parts.values())
    failed = sum(p[1] for p in parts.values())
    skipped = sum(p[2] for p in parts.values())
    print(f"{total - failed - skipped} passed, {failed} failed, {skipped} skipped")
    extra_failures = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    return 1 if failed or extra_failures or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
