#!/usr/bin/env bash
# .ci/perf.sh — how much does blockcheck cost compared with plain `go vet`?
#
# Measures, in one run, on the same real packages:
#   (a) go vet ./...                          the standard vet suite (baseline)
#   (b) go vet -vettool=blockcheck ./...      blockcheck under go vet (unitchecker mode)
#   (c) blockcheck ./...                      blockcheck standalone (go/packages mode)
# and prints a Markdown table (wall time, CPU time, peak RSS, ratio to (a))
# for docs/performance.md. Progress goes to stderr, the report to stdout:
#     bash .ci/perf.sh > /tmp/perf.md
#
# Environment:
#   PERF_DIR       directory of the Go module to analyze. Default: a writable copy of
#                  golang.org/x/tools@PERF_TOOLS_VERSION from the module cache
#                  (the module cache is read-only, and `go vet` wants to write there).
#   PERF_TOOLS_VERSION  default v0.52.0 (the version in our go.mod)
#   PERF_PATTERN   package pattern, default ./...
#   PERF_RUNS      timed runs per command, default 3; the median wall
#                  and CPU time (and the max peak RSS) are reported
#   BLOCKCHECK_BIN use this analyzer binary instead of building ./cmd/blockcheck
#                  (any singlechecker/unitchecker binary works, e.g. a nilness stub)
#   KEEP_WORK=1    keep the scratch directory (printed at the end)
#
# Method: what we compare is ANALYSIS cost, so every timed run starts from the
# same state: all compilation done, no analysis result cached.
#   * go vet caches its results in GOCACHE, keyed on the vet tool's ID, its flags
#     and the inputs; a second `go vet` of unchanged code costs ~nothing. go vet
#     has no -a/-count flag to force a re-run, clearing the whole build cache would
#     add compile time (which dwarfs analysis), and passing a changing dummy flag
#     only works for tools that have one.
#   * So: we prime ONE cache, GOCACHE=$WORK/primed, by compiling everything the
#     runs need (go build + go list -export -deps -test: export data of every
#     package, test variants and dependencies, std included), and no vet/analysis
#     step. Each timed run then gets its own fresh copy of that primed cache
#     (the copy is not timed). Every run therefore recompiles nothing and
#     re-analyzes everything, for vet and blockcheck alike.
#   * What is still included, and is a real cost: go vet (a) and (b) also run the
#     tool on every dependency, std included, to compute facts, launching one
#     tool process per package; standalone blockcheck (c) runs `go list` and, if
#     its analyzers use facts, parses and type-checks every dependency from source.
#   * Peak RSS is /usr/bin/time -v's "Maximum resident set size": the largest
#     SINGLE process among the command and its children (the go command, or one
#     vet-tool process). go vet runs up to GOMAXPROCS tool processes at once, so
#     its total footprint can be a few times that; standalone blockcheck is one
#     process (plus a short-lived go list).
#   * CPU = user+sys seconds of the command and all children: comparable across
#     machines with different core counts, unlike wall time.
#   * The go vet incremental case (only changed packages re-analyzed, results of
#     the rest taken from the cache) is not measured: it is ~0 for both.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PERF_TOOLS_VERSION=${PERF_TOOLS_VERSION:-v0.52.0}
PERF_PATTERN=${PERF_PATTERN:-./...}
PERF_RUNS=${PERF_RUNS:-3}
export GOTOOLCHAIN=local GOWORK=off

log() { echo "perf: $*" >&2; }
die() {
	echo "perf: error: $*" >&2
	exit 1
}

# --- GNU time -------------------------------------------------------------
TIME=/usr/bin/time
if ! "$TIME" -v true >/dev/null 2>&1; then
	log "/usr/bin/time (GNU time) missing: installing Debian package 'time'"
	[[ $(id -u) -eq 0 ]] || die "need root to apt-get install time (or install it yourself)"
	apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >&2
	"$TIME" -v true >/dev/null 2>&1 || die "/usr/bin/time -v still not working"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/blockcheck-perf.XXXXXX")
cleanup() {
	if [[ ${KEEP_WORK:-} == 1 ]]; then
		log "kept $WORK"
	else
		chmod -R u+w "$WORK" 2>/dev/null || true
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT

# --- the analyzer binary ----------------------------------------------------
BC_NOTE=""
if [[ -n ${BLOCKCHECK_BIN:-} ]]; then
	BC=$(realpath "$BLOCKCHECK_BIN")
	[[ -x $BC ]] || die "BLOCKCHECK_BIN=$BLOCKCHECK_BIN is not executable"
	BC_NOTE="analyzer binary: $BLOCKCHECK_BIN (given by BLOCKCHECK_BIN, not built from ./cmd/blockcheck)"
elif [[ -d $REPO/cmd/blockcheck ]]; then
	log "building ./cmd/blockcheck"
	(cd "$REPO" && go build -o "$WORK/blockcheck" ./cmd/blockcheck)
	BC=$WORK/blockcheck
	rev=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo none)
	dirty=$(git -C "$REPO" status --porcelain 2>/dev/null | head -1)
	BC_NOTE="analyzer binary: ./cmd/blockcheck at ${rev}${dirty:+ (with uncommitted changes)}"
else
	BC=""
	BC_NOTE="./cmd/blockcheck does not exist yet and BLOCKCHECK_BIN is not set: only the go vet baseline was measured"
fi

# --- the target -------------------------------------------------------------
if [[ -n ${PERF_DIR:-} ]]; then
	TARGET=$(realpath "$PERF_DIR")
	TARGET_DESC="$PERF_DIR"
else
	log "locating golang.org/x/tools@$PERF_TOOLS_VERSION in the module cache"
	src=$(cd "$WORK" && go mod download -json "golang.org/x/tools@$PERF_TOOLS_VERSION" |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
	[[ -n $src && -d $src ]] || die "could not find golang.org/x/tools@$PERF_TOOLS_VERSION in the module cache"
	TARGET=$WORK/target
	cp -R "$src" "$TARGET"
	chmod -R u+w "$TARGET"
	TARGET_DESC="golang.org/x/tools@$PERF_TOOLS_VERSION (copy of the module cache dir)"
fi
cd "$TARGET"
log "target: $TARGET_DESC, pattern $PERF_PATTERN"
go mod download >&2

npkgs=$(go list "$PERF_PATTERN" | wc -l)
ndeps=$(go list -deps -test "$PERF_PATTERN" | wc -l)
nfiles=$(go list -f '{{len .GoFiles}} {{len .TestGoFiles}} {{len .XTestGoFiles}}' "$PERF_PATTERN" |
	awk '{n += $1 + $2 + $3} END {print n + 0}')

# --- prime the build cache (compile only, no analysis) ------------------------
PRIMED=$WORK/primed
log "priming GOCACHE=$PRIMED (go build + go list -export -deps -test; not timed)"
t0=$SECONDS
GOCACHE=$PRIMED go build "$PERF_PATTERN" >&2
GOCACHE=$PRIMED go list -e -export -deps -test "$PERF_PATTERN" >/dev/null
PRIME_SECS=$((SECONDS - t0))
log "primed in ${PRIME_SECS}s ($(du -sh "$PRIMED" | cut -f1))"

# measure NAME CMD...: run CMD PERF_RUNS times, each with a fresh copy of the
# primed cache; sets R_WALL (median), R_CPU (median), R_RSS (max, KiB),
# R_EXIT (of the last run), R_LINES (output lines of the last run).
measure() {
	local name=$1
	shift
	local i walls=() cpus=() rss=0
	for ((i = 1; i <= PERF_RUNS; i++)); do
		local cache=$WORK/cache-$name-$i out=$WORK/$name-$i.out tv=$WORK/$name-$i.time
		rm -rf "$cache"
		cp -R "$PRIMED" "$cache"
		log "run $name #$i: $*"
		set +e
		GOCACHE=$cache "$TIME" -v -o "$tv" "$@" >"$out" 2>&1
		R_EXIT=$?
		set -e
		rm -rf "$cache"
		if grep -q -E '^(panic:|fatal error:)|internal error' "$out"; then
			sed -n '1,40p' "$out" >&2
			die "$name crashed (see above)"
		fi
		local wall user sys r
		wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$tv" |
			awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s}')
		user=$(sed -n 's/.*User time (seconds): //p' "$tv")
		sys=$(sed -n 's/.*System time (seconds): //p' "$tv")
		r=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tv")
		walls+=("$wall")
		cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')")
		((r > rss)) && rss=$r
		log "  wall ${wall}s cpu ${cpus[-1]}s maxrss $((r / 1024))MiB exit $R_EXIT"
	done
	R_WALL=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
	R_CPU=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
	R_RSS=$rss
	R_LINES=$(grep -c -v -E '^#|^go: downloading' "$WORK/$name-$PERF_RUNS.out" || true)
}

ROWS=()
row() { # label command
	local ratio_w="—" ratio_c="—" ratio_m="—"
	if [[ -n ${VET_WALL:-} ]]; then
		ratio_w=$(awk -v a="$R_WALL" -v b="$VET_WALL" 'BEGIN {printf "%.2f×", (b > 0 ? a / b : 0)}')
		ratio_c=$(awk -v a="$R_CPU" -v b="$VET_CPU" 'BEGIN {printf "%.2f×", (b > 0 ? a / b : 0)}')
		ratio_m=$(awk -v a="$R_RSS" -v b="$VET_RSS" 'BEGIN {printf "%.2f×", (b > 0 ? a / b : 0)}')
	fi
	ROWS+=("| $1 | \`$2\` | $R_WALL | $R_CPU | $((R_RSS / 1024)) | $ratio_w | $ratio_c | $ratio_m | $R_EXIT | $R_LINES |")
}

measure vet go vet "$PERF_PATTERN"
VET_WALL=$R_WALL VET_CPU=$R_CPU VET_RSS=$R_RSS
row "(a) go vet (baseline)" "go vet $PERF_PATTERN"

if [[ -n $BC ]]; then
	name=$(basename "$BC")
	measure vettool go vet -vettool="$BC" "$PERF_PATTERN"
	row "(b) $name under go vet" "go vet -vettool=$name $PERF_PATTERN"
	measure standalone "$BC" "$PERF_PATTERN"
	row "(c) $name standalone" "$name $PERF_PATTERN"
fi

# --- report -----------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
cat <<EOF
### blockcheck vs go vet — $(date -u +%Y-%m-%d)

Target: $TARGET_DESC, pattern \`$PERF_PATTERN\`: $npkgs packages ($nfiles Go files incl. tests), $ndeps packages with dependencies and test variants.
Machine: $(nproc) cores ($cpu), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM; $(go version | cut -d' ' -f3-).
$BC_NOTE.
Runs per command: $PERF_RUNS$( ((PERF_RUNS > 1)) && echo " (median wall/CPU, max RSS)").

| run | command | wall (s) | CPU user+sys (s) | peak RSS (MiB) | wall / vet | CPU / vet | RSS / vet | exit | output lines |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|
EOF
printf '%s\n' "${ROWS[@]}"
cat <<EOF

How measured (.ci/perf.sh): every run starts from a copy of one build cache primed by
\`go build\` + \`go list -export -deps -test\` (compilation done, no analysis cached; priming
took ${PRIME_SECS}s and is not counted), so each run re-analyzes every package, dependencies and
standard library included (go vet computes facts for them), and compiles nothing.
Peak RSS is that of the largest single process (go vet runs up to GOMAXPROCS tool processes at
once). Exit status: go vet exits 1 and blockcheck 3 when they report findings; "output lines"
counts those lines (findings and their context).
EOF
