#!/usr/bin/env bash
# The work of action.yml's Score step, kept in a file so that it runs (and is tested)
# outside GitHub: score every resume, write a JSON report (and the other formats asked
# for) per resume into one folder, append a summary table to the job summary, set the
# step outputs, and exit with the worst (highest) kwmatch exit code of all the resumes.
#
# Inputs, from the environment (action.yml maps its inputs onto these):
#   KWMATCH_FILES            resumes, one per line: a path, a glob pattern (** spans
#                            folders) or a folder (its PDF, DOCX, TXT and Markdown files).
#                            A line is never split, so names with spaces are fine.
#   KWMATCH_TAXONOMY         a taxonomy file or a shipped taxonomy's name (optional)
#   KWMATCH_JOB              a job posting to score against instead (optional)
#   KWMATCH_FAIL_UNDER       thresholds separated by spaces or lines: 0.6 or NAME=0.5
#   KWMATCH_FAIL_ON_MISSING  concept ids that must be evidenced, separated likewise
#   KWMATCH_FORMATS          reports besides JSON (always written): junit, markdown
#   KWMATCH_REPORTS_DIR      the folder for the reports (default: kwmatch-reports)
#   KWMATCH_SUMMARY          "false" leaves $GITHUB_STEP_SUMMARY alone
#   KWMATCH_PYTHON           the Python that reads the reports (default: python3, python)
# Outputs, to $GITHUB_OUTPUT (stdout when unset):
#   overall, fit             the lowest among the resumes (empty when no report has one)
#   report-json, report-junit  the reports written, one path per line
#   passed                   true when every resume passed (exit code 0)
# The summary goes to $GITHUB_STEP_SUMMARY (stdout when unset). Needs bash >= 4.4.

set -uo pipefail # not -e: a resume that fails is recorded, and the next one is scored

if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] < 404)); then
  echo "kwmatch action: needs bash 4.4 or later (this is $BASH_VERSION)" >&2
  exit 2
fi
shopt -s globstar nullglob extglob

die() {
  echo "kwmatch action: $1" >&2
  exit 2
}

# Split a value on whitespace into the array named by $1 (thresholds and concept ids
# never hold spaces; file names are never read this way).
split_words() {
  local -n into=$1
  into=()
  local _line _words
  while IFS= read -r _line || [[ -n $_line ]]; do
    read -ra _words <<<"$_line"
    into+=("${_words[@]}")
  done <<<"$2"
}

trim() {
  local s=${1%$'\r'}
  s=${s##+([[:space:]])}
  s=${s%%+([[:space:]])}
  printf '%s' "$s"
}

files=()
declare -A seen=()
add_file() {
  if [[ -z ${seen[$1]+set} ]]; then
    seen[$1]=1
    files+=("$1")
  fi
}

is_resume_name() {
  case "${1,,}" in
  *.pdf | *.docx | *.txt | *.md | *.markdown) return 0 ;;
  *) return 1 ;;
  esac
}

# One line of KWMATCH_FILES: a file, a folder or a glob pattern.
add_entry() {
  local entry=$1 f
  if [[ -d $entry ]]; then
    entry=${entry%%+(/)}
    for f in "${entry:-/}"/**/*; do
      if [[ -f $f ]] && is_resume_name "$f"; then add_file "$f"; fi
    done
  elif [[ -e $entry ]]; then
    add_file "$entry"
  else
    # Pathname expansion only: with IFS empty, the pattern is not split on spaces.
    local IFS=''
    # shellcheck disable=SC2206
    local matches=($entry) found=false
    for f in "${matches[@]}"; do
      if [[ -f $f ]]; then
        add_file "$f"
        found=true
      fi
    done
    # Nothing there: kwmatch reports the name as not found (exit 3), rather than the
    # step passing on a typo.
    $found || add_file "$entry"
  fi
}

while IFS= read -r line || [[ -n $line ]]; do
  line=$(trim "$line")
  if [[ -n $line && $line != '#'* ]]; then add_entry "$line"; fi
done <<<"${KWMATCH_FILES:-}"
((${#files[@]})) || die "no resumes given (set files: one path, glob or folder per line)"

role=()
taxonomy=$(trim "${KWMATCH_TAXONOMY:-}")
job=$(trim "${KWMATCH_JOB:-}")
if [[ -n $taxonomy && -n $job ]]; then die "set taxonomy or job, not both"; fi
if [[ -n $taxonomy ]]; then role+=(--taxonomy "$taxonomy"); fi
if [[ -n $job ]]; then role+=(--job "$job"); fi

thresholds=()
words=()
split_words words "${KWMATCH_FAIL_UNDER:-}"
for t in "${words[@]}"; do thresholds+=(--fail-under "$t"); done
split_words words "${KWMATCH_FAIL_ON_MISSING:-}"
for c in "${words[@]}"; do thresholds+=(--fail-on-missing "$c"); done

formats=()
requested=${KWMATCH_FORMATS-junit}
split_words words "${requested//,/ }"
for f in "${words[@]}"; do
  case $f in
  json | "") ;; # always written
  junit | markdown) formats+=("$f") ;;
  *) die "unknown format '$f' in formats (json is always written; junit, markdown)" ;;
  esac
done

python=${KWMATCH_PYTHON:-}
if [[ -z $python ]]; then
  if command -v python3 >/dev/null; then python=python3; else python=python; fi
fi
command -v kwmatch >/dev/null || die "kwmatch is not installed (pip install it first)"

reports=${KWMATCH_REPORTS_DIR:-kwmatch-reports}
mkdir -p "$reports" || die "cannot create the reports folder '$reports'"

# A report's name: the resume's file name, with the characters that artifact uploads
# refuse replaced, and a number added when two resumes share a name.
declare -A taken=()
report_base() {
  local base=${1##*/}
  base=${base//[\":<>|*?\\]/_}
  local name=$base n=2
  while [[ -n ${taken[$name]+set} ]]; do
    name="$base-$n"
    n=$((n + 1))
  done
  taken[$name]=1
  printf '%s' "$name"
}

# The fields of a JSON report that the summary and the outputs use, separated by the
# unit separator (a non-blank IFS character keeps empty fields).
read_report() {
  "$python" - "$1" <<'PY'
import json, sys

scores = json.load(open(sys.argv[1], encoding="utf-8"))["scores"]


def number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def pct(value):
    return "" if value is None else f"{100 * value:.0f}%"


overall, fit = number(scores.get("overall")), number(scores.get("fit"))
fields = [
    "" if overall is None else repr(overall), pct(overall),
    "" if fit is None else repr(fit), pct(fit),
    scores.get("best_level") or "", scores.get("best_specialization") or "",
]
print("\x1f".join(fields))
PY
}

lowest() {
  "$python" -c 'import sys; v = [float(x) for x in sys.argv[1:]]; print(repr(min(v)) if v else "")' "$@"
}

verdict() {
  case $1 in
  0) printf 'pass' ;;
  1) printf 'FAIL' ;;
  2) printf 'usage error' ;;
  3) printf 'unreadable' ;;
  4) printf 'taxonomy invalid' ;;
  *) printf 'error %s' "$1" ;;
  esac
}

md_escape() {
  local s=${1//|/\\|}
  s=${s//$'\n'/ }
  printf '%s' "$s"
}

worst=0
json_reports=()
junit_reports=()
markdown_reports=()
overalls=()
fits=()
rows=()
fit_rows=()
errlog=$(mktemp)
trap 'rm -f "$errlog"' EXIT

for file in "${files[@]}"; do
  base=$(report_base "$file")
  json="$reports/$base.json"
  echo "kwmatch: scoring $file" >&2
  kwmatch score "$file" --format json --output "$json" "${role[@]}" "${thresholds[@]}" 2>"$errlog"
  code=$?
  cat "$errlog" >&2
  ((code > worst)) && worst=$code
  reason=''
  while IFS= read -r message; do
    if [[ $message == 'kwmatch: error: '* ]]; then reason+="${reason:+; }${message#kwmatch: error: }"; fi
  done <"$errlog"
  overall='' overall_pct='–' fit='' fit_pct='–' level='–' spec='–'
  if ((code <= 1)) && [[ -s $json ]]; then
    json_reports+=("$json")
    IFS=$'\x1f' read -r overall overall_pct fit fit_pct level spec < <(read_report "$json")
    [[ -n $overall ]] && overalls+=("$overall")
    [[ -n $fit ]] && fits+=("$fit")
    for fmt in "${formats[@]}"; do
      case $fmt in
      junit) out="$reports/$base.junit.xml" ;;
      markdown) out="$reports/$base.md" ;;
      esac
      if kwmatch score "$file" --format "$fmt" --output "$out" "${role[@]}"; then
        if [[ $fmt == junit ]]; then junit_reports+=("$out"); else markdown_reports+=("$out"); fi
      else
        other=$?
        ((other > worst)) && worst=$other
      fi
    done
  fi
  name=${file//\`/\'}
  result=$(verdict "$code")
  [[ -n $reason ]] && result="$result: $reason"
  cells="| \`$(md_escape "$name")\` | ${overall_pct:-–} |"
  rows+=("$cells ${level:-–} | ${spec:-–} | $(md_escape "$result") |")
  fit_rows+=("$cells ${fit_pct:-–} | ${level:-–} | ${spec:-–} | $(md_escape "$result") |")
done

summary=${GITHUB_STEP_SUMMARY:-/dev/stdout}
if [[ ${KWMATCH_SUMMARY:-true} != false ]]; then
  {
    echo "### kwmatch: ${#files[@]} resume(s), $([[ $worst == 0 ]] && echo 'all passed' || echo 'not all passed')"
    echo
    if ((${#fits[@]})); then
      echo "| resume | overall | fit | best level | best specialization | result |"
      echo "|---|---:|---:|---|---|---|"
      printf '%s\n' "${fit_rows[@]}"
    else # no report has a fit score (yet): no such column
      echo "| resume | overall | best level | best specialization | result |"
      echo "|---|---:|---|---|---|"
      printf '%s\n' "${rows[@]}"
    fi
    echo
    for md in "${markdown_reports[@]}"; do
      cat "$md"
      echo
    done
  } >>"$summary"
fi

output=${GITHUB_OUTPUT:-/dev/stdout}
set_output() {
  if [[ $2 == *$'\n'* ]]; then
    local delimiter="kwmatch_EOF_$RANDOM$RANDOM"
    printf '%s<<%s\n%s\n%s\n' "$1" "$delimiter" "$2" "$delimiter"
  else
    printf '%s=%s\n' "$1" "$2"
  fi >>"$output"
}
join_lines() { if (($#)); then printf '%s\n' "$@"; fi; }
set_output overall "$(lowest "${overalls[@]}")"
set_output fit "$(lowest "${fits[@]}")"
set_output report-json "$(join_lines "${json_reports[@]}")"
set_output report-junit "$(join_lines "${junit_reports[@]}")"
set_output passed "$([[ $worst == 0 ]] && echo true || echo false)"
exit "$worst"
