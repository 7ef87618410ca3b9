#!/usr/bin/env bash
# Measures the console on the demo (the fat jar): the bytes and time to load each page with its assets, and the time of
# a settings save (validate, atomic write, reload of rules and settings) and of a check, each repeated N times.
# Run from the repository root after `mvn -B -q -DskipTests package`: server/bench/console-measure.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-20}
port=$((18000 + RANDOM % 1000))
log=$(mktemp)
jar=$(mktemp)
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar server/target/oncesync.jar demo --port "$port" --org-port 0 >"$log" 2>&1 &
demo=$!
trap 'kill $demo 2>/dev/null; rm -f "$log" "$jar"' EXIT
for _ in $(seq 1 240); do grep -q 'sign-in link' "$log" && break; sleep 0.5; done
link=$(grep 'sign-in link' "$log" | sed 's/.*sign-in link: //')
base=${link%%/console/*}
token=${link##*#token=}
curl -s -c "$jar" -H 'Content-Type: application/json' -d "{\"token\":\"$token\"}" "$base/console/api/sign-in" >/dev/null
csrf=$(curl -s -b "$jar" "$base/console/api/session" | sed 's/.*"csrf":"\([^"]*\)".*/\1/')

echo "page load (HTML shell + CSS + ES modules + the page's first API answer), bytes and seconds, median of $n:"
for page in settings dashboard deliveries connection rules audit; do
  api=""
  case $page in
    settings) api=/console/api/settings; mods="main api settings plan";;
    dashboard) api=/console/api/dashboard; mods="main api dashboard";;
    deliveries) api="/console/api/admin/deliveries?limit=100"; mods="main api deliveries plan";;
    connection) api=/console/api/receipt; mods="main api connection";;
    rules) api=/console/api/rules/files; mods="main api rules";;
    audit) api="/console/api/admin/audit?limit=50"; mods="main api audit";;
  esac
  urls="/console/$page /console/assets/console.css /console/api/session $api"
  for m in $mods; do urls="$urls /console/assets/js/$m.js"; done
  times=()
  bytes=0
  for _ in $(seq 1 "$n"); do
    total=0; bytes=0
    for u in $urls; do
      read -r t b < <(curl -s -o /dev/null -b "$jar" -w '%{time_total} %{size_download}\n' "$base$u")
      total=$(echo "$total + $t" | bc -l); bytes=$((bytes + b))
    done
    times+=("$total")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '  %-11s %7d bytes  %.3f s (sequential requests)\n' "$page" "$bytes" "$median"
done

form=$(curl -s -b "$jar" "$base/console/api/settings" | python3 -c 'import json,sys; print(json.dumps({"form": json.load(sys.stdin)["form"]}))')
for action in check save; do
  times=()
  for i in $(seq 1 "$n"); do
    body=$(echo "$form" | python3 -c "import json,sys; f=json.load(sys.stdin); f['form']['whenBothMatch']=['Contact','MostRecent'][$i % 2]; print(json.dumps(f))")
    t=$(curl -s -o /dev/null -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -d "$body" \
        -w '%{time_total}' "$base/console/api/settings/$action")
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk -v a="$action" '{x[NR]=$1} END {printf "settings %-5s n=%d  median %.3f s  p90 %.3f s  max %.3f s\n", a, NR, x[int((NR+1)/2)], x[int(NR*0.9+0.5)], x[NR]}'
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
