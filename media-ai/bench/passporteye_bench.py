"""PassportEye on the document set: ms per image and images fully right.

PassportEye's raw MRZ text (its Tesseract reading) is mapped to fields with the same contract as
`media-ai document` (mrz_contract.py), so both readers are judged by the same rules.
Prints one markdown table row. Usage: python passporteye_bench.py <documents dir>
"""
import json
import sys
import time
import warnings

from mrz_contract import read_lines

warnings.filterwarnings("ignore")
from passporteye import read_mrz  # noqa: E402


def main(d):
    gt = json.load(open(f"{d}/ground_truth.json"))["images"]
    read_mrz(f"{d}/{gt[0]['file']}")  # warm-up (imports, Tesseract start)
    ms, per = [], {}
    for im in gt:
        t = time.perf_counter()
        m = read_mrz(f"{d}/{im['file']}")
        ms.append((time.perf_counter() - t) * 1000)
        lines = m.aux.get("text", "").split("\n") if m is not None else []
        mrz, ok = read_lines([l.strip() for l in lines if l.strip()])
        right = mrz == im["expected"]["mrz"] and ok == im["expected"]["check_digits_ok"]
        c = per.setdefault(im["category"], [0, 0])
        c[0] += right
        c[1] += 1
    mean = sum(ms) / len(ms)
    median = sorted(ms)[len(ms) // 2]
    right = sum(v[0] for v in per.values())
    cats = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(per.items()))
    print(f"| PassportEye 2.2.2 (Tesseract {tesseract_version()}) | {mean:.0f} | {median:.0f} | {right}/{len(gt)} | {cats} |")


def tesseract_version():
    import subprocess
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout
    return out.split()[1] if out else "?"


if __name__ == "__main__":
    main(sys.argv[1])
