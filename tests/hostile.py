#!/usr/bin/env python3
"""hostile.py BINDIR: the hostile cases at full size, each within its bound
(memory under 256 MB; a few seconds, but for the deliberate wait), with
the figures printed.  Run by `make check-hostile`; fails on the first
case out of bounds or not refused as it should be."""
import os
import resource
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/bin")
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EX = os.path.join(TOP, "examples")
MEM_MB, SECS = 256, 10
failed = 0


def case(name, args, want, stdin=None, env=None, secs_max=SECS):
    global failed
    # each case in its own python child, so the peak is its own
    code = ("import resource,subprocess,sys,time;t=time.monotonic();"
            "p=subprocess.run(sys.argv[1:],capture_output=True,stdin=%s);"
            "r=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
            "sys.stdout.write('%%.2f %%d %%d\\n'%%(time.monotonic()-t,r//1024,p.returncode));"
            "sys.stdout.write(p.stderr.decode())" % ("sys.stdin" if stdin else "None"))
    p = subprocess.run([sys.executable, "-c", code] + args, stdin=stdin,
                       capture_output=True, env=env, timeout=600)
    head, _, err = p.stdout.decode().partition("\n")
    secs, mb, rc = head.split()
    ok = want in err and float(secs) <= secs_max and int(mb) < MEM_MB
    print("%-44s %6.2f s %5d MB  exit %s  %s" % (name, float(secs), int(mb), rc,
                                                   "ok" if ok else "FAILED"))
    if not ok:
        print("  wanted: %s\n  got: %s" % (want, err.strip()[:300]))
        failed += 1


def main():
    d = tempfile.mkdtemp(prefix="xj-hostile.")
    os.chdir(d)
    env = dict(os.environ, PATH=BIN + ":" + os.environ["PATH"], LC_ALL="C.UTF-8",
               TZ="CST-8", XJ_DB=d + "/xj.db", XDG_CONFIG_HOME=d + "/c",
               XDG_STATE_HOME=d + "/s", XJ_KEY=d + "/chen.key")
    os.environ.update(env)
    subprocess.run(["install", "-m", "600", EX + "/keys/chen.key", d + "/chen.key"], check=True)
    subprocess.run(["xj", "init", "-q"], check=True)
    os.mkdir("archive")
    with open(EX + "/xj.yaml") as f, open("xj.yaml", "w") as g:
        g.write(f.read().replace("/srv/xj/archive", d + "/archive"))
    subprocess.run(["xj", "config", "load", "-q", "xj.yaml"], check=True)
    subprocess.run(["xj-import", "-q", EX + "/roster.csv"], check=True)
    subprocess.run(["install", "-m", "600", EX + "/keys/sun.key", d + "/sun.key"], check=True)

    subprocess.run([sys.executable, TOP + "/tests/tools/xlsx-bomb.py", "bomb.xlsx", "1024"],
                   check=True)
    case("a 1 GB-expanding .xlsx (%d KB)" % (os.path.getsize("bomb.xlsx") // 1024),
         ["xj-import", "bomb.xlsx"], "xl/sharedStrings.xml expands")
    os.mkdir("ph")
    subprocess.run([sys.executable, TOP + "/tests/tools/png-bomb.py", "ph/26110101000001.png",
                    "30000"], check=True)
    case("a 900-megapixel PNG (%d KB)" % (os.path.getsize("ph/26110101000001.png") // 1024),
         ["xj-verify", "photos", "--dup", "ph"], "more than a photo has")
    with open("deep.yaml", "w") as f:
        f.write("school: " + "[" * 100000 + "\n")
    case("a config nested 100,000 deep", ["xj", "config", "load", "-n", "deep.yaml"],
         "nested deeper than 64 levels")
    with open("deep.yml", "w") as f:
        f.write("- name: " + "[" * 100000 + "\n")
    case("a roster nested 100,000 deep", ["xj-import", "deep.yml"], "nested deeper than 64")
    with open("big.yaml", "w") as f:
        f.write("school:\n" + "".join("  k%d: %s\n" % (i, "[" * 60 + "]" * 60)
                                      for i in range(1500)))
    case("a 200 KB config of nested lists", ["xj", "config", "load", "-n", "big.yaml"],
         "xj:")

    os.mkfifo("fifo")
    for name, args in (
            ("a FIFO to xj-import", ["xj-import", "fifo"]),
            ("a FIFO as the config", ["xj", "config", "load", "-n", "fifo"]),
            ("a FIFO as a template", ["xj-verify", "photos", "--template", "fifo", "fifo"]),
            ("a FIFO as evidence", ["xj-change", "request", "--field", "name", "--to", "张三",
                                    "--evidence", "application,household-register,id-card",
                                    "--file", "fifo", "26110101000001"]),
            ("a FIFO as an archive file", ["xj-archive", "collect", "--key", "sun.key",
                                           "--item", "photo",
                                           "--file", "fifo", "26110101000001"]),
            ("a FIFO as the key", ["xj-import", "--key", "fifo", EX + "/roster.csv"])):
        case(name, args, "fifo is a FIFO, not a regular file")

    names = {"bidi U+202E": "\u202e", "bidi U+2066": "\u2066", "zero width U+200B": "\u200b",
             "BOM U+FEFF": "\ufeff", "escape U+001B": "\x1b", "NEL U+0085": "\x85",
             "line separator U+2028": "\u2028"}
    with open("names.csv", "w") as f:
        f.write("exam_no,name,id_number,dept\n")
        for i, c in enumerate(names.values()):
            f.write("2637020300%04d,刘%s洋,370203200706300030,ME\n" % (i, c))
    case("names with each refused character class", ["xj-import", "names.csv"],
         "%d refused" % len(names))

    # rows long enough that a few hundred read ahead would be gigabytes
    with open("wide.csv", "w") as f:
        f.write("exam_no,name,gender,birth_date,id_number\n")
        for i in range(300):
            f.write("261101%08d,%s,男,2006-01-01,110101200601010014\n" % (i, "a" * 900000))
    case("300 rows of 900 KB (270 MB)", ["xj-import", "wide.csv"], "300 refused")
    os.unlink("wide.csv")

    slow = subprocess.Popen("sleep 5; cat %s/roster.csv" % EX, shell=True,
                            stdout=subprocess.PIPE)
    first = subprocess.Popen(["xj-import", "-q", "-"], stdin=slow.stdout,
                             stderr=subprocess.PIPE)
    time.sleep(1)
    case("a second writer beside a slow stdin writer", ["xj-import", EX + "/roster.csv"],
         "imported", secs_max=2)
    first.wait()
    print("%-44s %s" % ("the slow stdin writer itself",
                        "ok" if first.returncode == 0 else "FAILED"))
    failed_slow = first.returncode != 0
    holder = subprocess.Popen(["sqlite3", d + "/xj.db", "BEGIN IMMEDIATE;", ".shell sleep 3",
                               "COMMIT;"])
    time.sleep(0.5)
    case("a writer waiting 1 s for a held lock", ["xj-import", "--wait", "1",
                                                  EX + "/roster.csv"], "is busy", secs_max=3)
    holder.wait()
    subprocess.run(["rm", "-rf", d])
    return 1 if failed or failed_slow else 0


if __name__ == "__main__":
    sys.exit(main())
