#!/usr/bin/env bash
# Size and start-up time of touchline jars, measured in one run so they compare on the same machine load:
#   bench/startup.sh RUNS JAR...        e.g. bench/startup.sh 7 /tmp/touchline-main.jar cli/target/touchline.jar
# Per run and jar, alternating jars: the wall time of `touchline --help`, and the time from starting `serve` on a
# fresh data directory to the first 200 from GET /index.html (a page served without a token). Medians at the end.
set -euo pipefail
runs=$1; shift
port=${PORT:-18931}
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
declare -A help serve
for i in $(seq "$runs"); do
  for jar in "$@"; do
    t0=$(date +%s%N); java -Xmx1g -jar "$jar" --help > /dev/null; help[$jar]+="$(ms "$t0") "
    dir=$(mktemp -d)
    t0=$(date +%s%N)
    java -Xmx1g -jar "$jar" serve --port "$port" -d "$dir/data" > "$dir/log" 2>&1 & pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/index.html"; do
      kill -0 "$pid" 2> /dev/null || { cat "$dir/log" >&2; exit 1; }
      sleep 0.01
    done
    serve[$jar]+="$(ms "$t0") "
    kill "$pid"; wait "$pid" 2> /dev/null || true; rm -rf "$dir"
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for jar in "$@"; do
  printf '%s: %s bytes (%.1f MB), %s classes and files\n' "$jar" "$(stat -c %s "$jar")" "$(echo "$(stat -c %s "$jar") / 1000000" | bc -l)" "$(unzip -l "$jar" | tail -1 | awk '{print $2}')"
  printf '  --help ms:            %s median %s\n' "${help[$jar]}" "$(echo "${help[$jar]}" | median)"
  printf '  serve to first 200 ms: %s median %s\n' "${serve[$jar]}" "$(echo "${serve[$jar]}" | median)"
done
