#!/usr/bin/env bash
# Our own figures on your own corpus, without Python: builds the release
# command line tool, runs each stage on PATH several times with
# /usr/bin/time -v and prints a markdown table of the median wall time (with
# min and max), peak resident memory, MB/s and documents/s.
#
#   scripts/bench-corpus.sh PATH... [options]
#
#   PATH               files or folders, as the arabic-text commands take them
#   --text-field F     read records (JSON Lines, JSON arrays, CSV, TSV) and
#                      take the text from field F
#   --runs N           runs per stage, the median is shown (default: 3)
#   --threads N        threads per command (default: all processors)
#   --stages LIST      comma-separated subset of: normalize, tokenize, stem,
#                      terms, tfidf, dedup, dedup-lines, cluster (default: all)
#   --binary FILE      time this arabic-text instead of building one
#   -h, --help         this text
#
# Every command writes to /dev/null: the time is reading, the work and
# formatting the output, not the disk. MB/s is the size of the input files
# over the median wall time; documents are counted once, untimed, with
# `arabic-text terms` (one output line per document). Exit status: 0 when
# every stage ran, 1 when one failed or an input is missing, 2 on a usage
# error.
set -euo pipefail

usage() { sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; }
fail_usage() { echo "bench-corpus: $1 (see --help)" >&2; exit 2; }

paths=()
text_field=()
runs=3
threads=()
stages="normalize,tokenize,stem,terms,tfidf,dedup,dedup-lines,cluster"
binary=""
while [ $# -gt 0 ]; do
    case "$1" in
        --text-field|--runs|--threads|--stages|--binary)
            [ $# -ge 2 ] || fail_usage "$1 needs a value"
            case "$1" in
                --text-field) [ -n "$2" ] || fail_usage "--text-field must not be empty"; text_field=(--text-field "$2") ;;
                --runs) [[ "$2" =~ ^[1-9][0-9]*$ ]] || fail_usage "--runs must be a positive whole number, not '$2'"; runs=$2 ;;
                --threads) [[ "$2" =~ ^[1-9][0-9]*$ ]] || fail_usage "--threads must be a positive whole number, not '$2'"; threads=(--threads "$2") ;;
                --stages) stages=$2 ;;
                --binary) binary=$2 ;;
            esac
            shift 2 ;;
        -h|--help) usage; exit 0 ;;
        --) shift; paths+=("$@"); break ;;
        -*) fail_usage "unknown option '$1'" ;;
        *) paths+=("$1"); shift ;;
    esac
done
[ ${#paths[@]} -gt 0 ] || fail_usage "give the corpus: one or more files or folders"

# The command line of each stage (after the binary; inputs and options are appended).
stage_command() {
    case "$1" in
        normalize) echo "normalize" ;;
        tokenize) echo "tokenize" ;;
        stem) echo "stem" ;;
        terms) echo "terms" ;;
        tfidf) echo "tfidf --format jsonl" ;;
        dedup) echo "dedup --format jsonl" ;;
        dedup-lines) echo "dedup --lines --format jsonl" ;;
        cluster) echo "cluster --format jsonl" ;;
        *) return 1 ;;
    esac
}
IFS=, read -r -a stage_list <<<"$stages"
[ ${#stage_list[@]} -gt 0 ] || fail_usage "--stages is empty"
for stage in "${stage_list[@]}"; do
    stage_command "$stage" >/dev/null || fail_usage "unknown stage '$stage' in --stages"
done

[ -x /usr/bin/time ] || { echo "bench-corpus: /usr/bin/time is missing (Debian/Ubuntu: apt-get install time)" >&2; exit 1; }
input_bytes=0
for path in "${paths[@]}"; do
    [ -e "$path" ] || { echo "bench-corpus: $path: no such file or folder" >&2; exit 1; }
    [ -r "$path" ] || { echo "bench-corpus: $path: not readable" >&2; exit 1; }
    size=$(du -sbL -- "$path" | cut -f1)
    input_bytes=$((input_bytes + size))
done
[ "$input_bytes" -gt 0 ] || { echo "bench-corpus: the inputs are empty" >&2; exit 1; }

root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "$binary" ]; then
    echo "bench-corpus: building arabic-text (swift build -c release)..." >&2
    swift build -c release --package-path "$root" --product arabic-text >&2
    binary=$(swift build -c release --package-path "$root" --show-bin-path)/arabic-text
fi
[ -x "$binary" ] || { echo "bench-corpus: $binary is not an executable" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Documents, counted once with `terms` (one output line per document), untimed.
if ! "$binary" terms "${text_field[@]+"${text_field[@]}"}" "${threads[@]+"${threads[@]}"}" -- "${paths[@]}" \
        >"$work/terms.txt" 2>"$work/count.err"; then
    echo "bench-corpus: arabic-text could not read the corpus:" >&2
    head -n 20 "$work/count.err" >&2
    exit 1
fi
documents=$(wc -l <"$work/terms.txt")
rm -f "$work/terms.txt"

# The median, minimum and maximum of numbers, one per line.
median_min_max() { sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", m, v[1], v[NR] }'; }
# Seconds from GNU time's "h:mm:ss" or "m:ss.ss".
seconds_of() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f\n", s }'; }
human_seconds() { awk -v s="$1" 'BEGIN { if (s < 10) printf "%.2f s", s; else printf "%.1f s", s }'; }

rows=()
failed=0
for stage in "${stage_list[@]}"; do
    read -r -a command <<<"$(stage_command "$stage")"
    : >"$work/wall" ; : >"$work/rss"
    status=0
    for ((run = 1; run <= runs; run++)); do
        echo "bench-corpus: $stage, run $run of $runs" >&2
        if ! /usr/bin/time -v -o "$work/time" "$binary" "${command[@]}" "${text_field[@]+"${text_field[@]}"}" \
                "${threads[@]+"${threads[@]}"}" -- "${paths[@]}" >/dev/null 2>"$work/stderr"; then
            status=1
            break
        fi
        grep 'Elapsed (wall clock) time' "$work/time" | awk '{ print $NF }' | seconds_of >>"$work/wall"
        grep 'Maximum resident set size' "$work/time" | awk '{ print $NF }' >>"$work/rss"
    done
    if [ $status != 0 ]; then
        failed=1
        echo "bench-corpus: '$binary ${command[*]}' failed:" >&2
        head -n 20 "$work/stderr" >&2
        rows+=("| $stage | \`${command[*]}\` | failed (see standard error) | | | |")
        continue
    fi
    read -r wall low high < <(median_min_max <"$work/wall")
    read -r rss _ _ < <(median_min_max <"$work/rss")
    row=$(awk -v b="$input_bytes" -v d="$documents" -v w="$wall" -v k="$rss" 'BEGIN {
        if (w <= 0) w = 0.005
        printf "%.0f MB | %.1f | %.0f", k / 1024, b / 1e6 / w, d / w }')
    rows+=("| $stage | \`${command[*]}\` | $(human_seconds "$wall") ($(human_seconds "$low")–$(human_seconds "$high")) | ${row% | *} | ${row##* | } |")
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo
echo "## arabic-text on $(printf '%s ' "${paths[@]}")"
echo
echo "$(printf "%'d" "$documents" 2>/dev/null || echo "$documents") documents, $(awk -v b="$input_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB of input;" \
     "$("$binary" --version 2>/dev/null | head -n 1 || echo "arabic-text"), ${cpu:-unknown CPU}, $(nproc) processors," \
     "threads: ${threads[1]:-all}; median of $runs run(s) (min–max); $(date '+%Y-%m-%d %H:%M')."
echo
echo "| stage | command | wall time | peak memory | MB/s | documents/s |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
exit $failed
