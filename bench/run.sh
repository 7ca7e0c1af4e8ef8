#!/usr/bin/env bash
# Benchmarks `minutes` against the floor of reading every byte (ripgrep) and,
# for lint, against rumdl and markdownlint-cli2, on generated corpora of 1k,
# 10k and 100k notes, and the inputs that were once quadratic at two sizes
# (bench/pathological.rs). Writes bench/RESULTS.md, with the targets of
# issue #17 and whether each is met. Not run in CI; no test asserts a time.
#
#   bash bench/run.sh              # all three sizes
#   SIZES="1000 10000" bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 100000"}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/minutes-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing $2 ..." >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "missing: $1 (install the $2 package)" >&2; exit 2; }
}
need hyperfine hyperfine
need rg ripgrep
need python3 python3
[ -x /usr/bin/time ] || need /usr/bin/time time

# rumdl, a Markdown linter in Rust, from PyPI into a virtual environment.
RUMDL=""
if python3 -m venv "$WORK/rumdl" >/dev/null 2>&1 &&
  "$WORK/rumdl/bin/pip" install --quiet rumdl >/dev/null 2>&1; then
  RUMDL="$WORK/rumdl/bin/rumdl"
else
  echo "note: pip could not install rumdl; lint is not compared with it" >&2
fi

MDL=""
if command -v npm >/dev/null 2>&1; then
  if npm install --silent --prefix "$WORK/mdl" markdownlint-cli2 >/dev/null 2>&1; then
    MDL="$WORK/mdl/node_modules/.bin/markdownlint-cli2"
  else
    echo "note: npm could not install markdownlint-cli2; lint is compared with the floor only" >&2
  fi
else
  echo "note: npm not found; lint is compared with the floor only" >&2
fi

# The cache of parsed notes lives with the corpora, not in ~/.cache.
export MINUTES_CACHE_DIR="$WORK/cache"

cargo build --release --quiet
cargo build --release --quiet --example gen_corpus
# Copies, so that a build during the run does not change what is measured.
cp target/release/minutes target/release/examples/gen_corpus "$WORK/"
BIN=$WORK/minutes
GEN=$WORK/gen_corpus

for n in $SIZES; do
  dir="$WORK/corpus-$n"
  "$GEN" --notes "$n" --seed 1 --out "$dir" 2>>"$WORK/gen.log"
  # Notes changed in the last two seconds are never cached (see src/cache).
  sleep 3
  # An owner and a series that the corpus really has.
  owner=$(rg --no-filename -m1 -o '^- \[ \] (?:(?:Cllr|Dr|Prof|Ms|Mr) )?([A-Z][a-z]+ [A-Z][A-Za-z-]+):' -r '$1' "$dir" | head -1)
  series=$(rg --no-filename -m1 -o '^meeting: (.*)$' -r '$1' "$dir" | head -1)
  runs=5; [ "$n" -ge 10000 ] && runs=3
  # Each query twice: parsing every note (--no-cache), and with the cache
  # that hyperfine's warm-up run fills (parsed notes, or lint's findings).
  names=(floor actions "actions --no-cache" lint "lint --no-cache" carry-forward "carry-forward --no-cache" export)
  unset args
  declare -A args=(
    [actions]="actions --owner '$owner' $dir"
    ["actions --no-cache"]="actions --no-cache --owner '$owner' $dir"
    [lint]="lint $dir"
    ["lint --no-cache"]="lint --no-cache $dir"
    [carry-forward]="carry-forward --meeting '$series' --date 2030-01-01 $dir"
    ["carry-forward --no-cache"]="carry-forward --no-cache --meeting '$series' --date 2030-01-01 $dir"
    [export]="export --force --out $WORK/export $dir"
  )
  # The full register grows as people × meetings; it is timed up to 10k.
  if [ "$n" -le 10000 ]; then
    names+=(attendance)
    args[attendance]="attendance --format csv $dir"
  fi
  cmds=("rg -c '\\[ \\]' $dir")
  for name in "${names[@]:1}"; do cmds+=("$BIN ${args[$name]}"); done
  if [ -n "$RUMDL" ]; then
    cmds+=("$RUMDL check --no-cache --silent $dir")
    names+=("rumdl --no-cache")
  fi
  # markdownlint-cli2 takes minutes at 100k notes; it is timed up to 10k.
  if [ -n "$MDL" ] && [ "$n" -le 10000 ]; then
    cmds+=("$MDL '$dir/**/*.md'")
    names+=(markdownlint-cli2)
  fi
  named=()
  for name in "${names[@]}"; do named+=(--command-name "$name"); done
  # -i: lint exits 1 on the corpus's planted broken notes, as it should.
  hyperfine --warmup 1 --runs "$runs" -i --style basic --export-json "$WORK/times-$n.json" \
    "${named[@]}" "${cmds[@]}" >&2
  # Peak memory, each run as hyperfine's last (warm, where there is a cache).
  for name in "${!args[@]}"; do
    eval "/usr/bin/time -f '%M' -o '$WORK/mem-$n-$name' '$BIN' ${args[$name]}" >/dev/null 2>&1 || true
  done
  du -sb "$MINUTES_CACHE_DIR" | cut -f1 > "$WORK/cache-bytes-$n"
  rm -rf "$MINUTES_CACHE_DIR"
  du -sb "$dir" | cut -f1 > "$WORK/bytes-$n"
  rm -rf "$dir"
done

python3 - "$WORK" "$SIZES" > bench/RESULTS.md <<'PY'
import json, os, platform, subprocess, sys, datetime
work, sizes = sys.argv[1], sys.argv[2].split()
def sh(cmd):
    try: return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception: return "?"
cpu = sh("lscpu | sed -n 's/^Model name: *//p'") or platform.processor()
print("# Benchmark results\n")
print(f"- date: {datetime.date.today()}")
memory = sh("free -g | awk '/Mem:/ {print $2}'")
print(f"- machine: {cpu}, {os.cpu_count()} cores, {memory} GiB memory")
print(f"- minutes {sh(work + '/minutes --version')} ({sh('git rev-parse --short HEAD')}), {sh('rg --version | head -1')}, {sh('hyperfine --version')}")
print("- corpus: `cargo run --release --example gen_corpus -- --notes N --seed 1`; warm page cache; mean of the runs\n")
print("`--no-cache`: every note parsed; otherwise with the cache (parsed notes, and")
print("lint's findings), filled by hyperfine's warm-up run (the notes unchanged since).\n")
print("| notes | MB | command | mean (s) | ± | × floor | peak memory (MB) |")
print("|---:|---:|---|---:|---:|---:|---:|")
summary = {}
for n in sizes:
    path = os.path.join(work, f"times-{n}.json")
    if not os.path.exists(path): continue
    results = {r["command"]: r for r in json.load(open(path))["results"]}
    floor = results["floor"]["mean"]
    mb = int(open(os.path.join(work, f"bytes-{n}")).read()) / 1e6
    for name, r in results.items():
        mem_path = os.path.join(work, f"mem-{n}-{name}")
        mem = f"{int(open(mem_path).read().split()[-1]) / 1024:.0f}" if os.path.exists(mem_path) else ""
        print(f"| {n} | {mb:.0f} | {name} | {r['mean']:.3f} | {r['stddev']:.3f} | {r['mean'] / floor:.1f} | {mem} |")
        summary[(n, name)] = r["mean"]
print()
for n in sizes:
    path = os.path.join(work, f"cache-bytes-{n}")
    if os.path.exists(path):
        print(f"- cache (parsed notes, and lint's findings) at {n} notes: {int(open(path).read()) / 1e6:.0f} MB")
for name in ("actions", "actions --no-cache", "lint", "lint --no-cache", "carry-forward", "carry-forward --no-cache", "export"):
    pairs = [(n, summary.get((n, name))) for n in sizes if (n, name) in summary]
    for (a, ta), (b, tb) in zip(pairs, pairs[1:]):
        print(f"- {name}: {b} notes take {tb / ta:.1f}× the time of {a} ({int(b) // int(a)}× the notes)")
for n in sizes:
    if (n, "markdownlint-cli2") in summary and (n, "lint") in summary:
        print(f"- lint at {n} notes: {summary[(n, 'markdownlint-cli2')] / summary[(n, 'lint')]:.1f}× faster than markdownlint-cli2")
    if (n, "rumdl --no-cache") in summary and (n, "lint --no-cache") in summary:
        print(f"- lint --no-cache at {n} notes: {summary[(n, 'rumdl --no-cache')] / summary[(n, 'lint --no-cache')]:.1f}× faster than rumdl check --no-cache")

# The targets of issue #17: time as a multiple of the floor, and peak memory.
def peak(n):
    values = []
    for name in ("actions", "actions --no-cache", "lint", "lint --no-cache", "carry-forward", "carry-forward --no-cache", "export"):
        path = os.path.join(work, f"mem-{n}-{name}")
        if os.path.exists(path):
            values.append((int(open(path).read().split()[-1]) / 1024, name))
    return max(values) if values else None
print("\n## Targets\n")
print("Time as a multiple of the floor (`rg -c '\\[ \\]' DIR`); peak memory the largest of any query, lint or export.\n")
print("| notes | target | measured | met |")
print("|---:|---|---:|---|")
for n in sizes:
    floor = summary.get((n, "floor"))
    if not floor: continue
    def ratio(name, limit):
        t = summary.get((n, name))
        if t is None: return
        print(f"| {n} | `{name}` ≤ {limit}× | {t / floor:.1f}× | {'yes' if t / floor <= limit else 'no'} |")
    ratio("actions", 1.0)
    ratio("actions --no-cache", 8)
    ratio("lint", 1.5)
    ratio("lint --no-cache", 10)
    if (n, "rumdl --no-cache") in summary and (n, "lint --no-cache") in summary:
        faster = summary[(n, "rumdl --no-cache")] / summary[(n, "lint --no-cache")]
        print(f"| {n} | `lint --no-cache` ≥ 10× faster than `rumdl check --no-cache` | {faster:.1f}× | {'yes' if faster >= 10 else 'no'} |")
    limit = 100 if int(n) <= 10000 else 200
    top = peak(n)
    if top:
        print(f"| {n} | peak memory ≤ {limit} MB | {top[0]:.0f} MB ({top[1]}) | {'yes' if top[0] <= limit else 'no'} |")
PY
cargo build --release --quiet --example pathological
{
  printf '\n## Inputs that were once quadratic\n\n'
  printf 'Each at two sizes four times apart (bench/pathological.rs); the time may grow\n'
  printf 'about four times, not sixteen (the smaller time is floored at 30 ms).\n\n'
  target/release/examples/pathological "$BIN"
} >> bench/RESULTS.md
cat bench/NOTES.md >> bench/RESULTS.md
echo "wrote bench/RESULTS.md" >&2
