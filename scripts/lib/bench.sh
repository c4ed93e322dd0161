# The measuring harness shared by scripts/bench and scripts/soak: packages, the build (the
# WAR and target/stackvault-tools.jar), the generated data sets, memcached and Tomcat on free
# loopback ports, results.properties and the Java driver (org.stackvault.bench.BenchDriver).
# Source it after common.sh:
#   . "$(dirname "$0")/lib/common.sh"
#   . "$(dirname "$0")/lib/bench.sh"
# The caller sets LOG_NAME, SIZE, RECORDS, HEAP (empty: tomcat/setenv.sh sizes the heap for
# RECORDS) and START_SECONDS before using it, and RUN
# and RESULTS (the run directory and its results.properties) before starting servers or the
# driver. Sourcing it installs the EXIT, INT and TERM traps that stop every process it starts.

BENCH=$ROOT/target/bench
DATA=$BENCH/data
CONSUMER_ID=4242            # pid:4242 in memcached: a fixed cursor, so refreshes are incremental
SHARED_DEFAULT_DATA=$ROOT/../shared/default_data.json
RUN=
RESULTS=

# --- processes: every one started here is stopped on exit ---------------------------------------
MEMCACHED_PID=
TOMCAT_PID=
NGINX_PID=
WRK_PID=
DRIVER_PID=
INSTANCE_PIDS=()            # every Stackvault started (start_instance), each a process group
TOMCAT_EXTRA_OPTS=          # more JVM options for the instances (scripts/bench --nmt)

# stop PID [GROUP]: SIGTERM (to the process group with GROUP=group), SIGKILL after 30 s.
stop() {
  local pid=$1 target=$1 deadline
  [ -n "$pid" ] || return 0
  [ "${2:-}" = group ] && target=-$pid
  kill -TERM -- "$target" 2>/dev/null || true
  deadline=$((SECONDS + 30))
  while kill -0 -- "$target" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if kill -0 -- "$target" 2>/dev/null; then
    log "process $pid still running 30 s after SIGTERM: SIGKILL"
    kill -KILL -- "$target" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop "$DRIVER_PID"
  stop "$WRK_PID"
  stop "$NGINX_PID"
  stop "$TOMCAT_PID" group
  local pid
  for pid in "${INSTANCE_PIDS[@]}"; do stop "$pid" group; done
  stop "$MEMCACHED_PID"
  DRIVER_PID= WRK_PID= NGINX_PID= TOMCAT_PID= MEMCACHED_PID=
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- packages ------------------------------------------------------------------------------------
# have NAME: the command exists (also in /usr/sbin, which a non-root PATH may lack).
have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ]; }
# tool NAME: its path.
tool() { command -v "$1" 2>/dev/null || { [ -x "/usr/sbin/$1" ] && echo "/usr/sbin/$1"; } || echo "/usr/bin/$1"; }

# install_packages [COMMAND...]: a JDK, Maven and these commands (each its own Debian package).
install_packages() {
  local missing=() command
  have java && have javac || missing+=(openjdk-17-jdk-headless)
  have mvn || missing+=(maven)
  for command in "$@"; do
    have "$command" || missing+=("$command")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}" || die "could not install ${missing[*]}"
  fi
}

# --- build ---------------------------------------------------------------------------------------
CLASSPATH_FILE=$BENCH/classpath.txt
BUILD_STAMP=$BENCH/.built

build() {
  mkdir -p "$BENCH"
  if [ -f "$BUILD_STAMP" ] && [ -s "$CLASSPATH_FILE" ] && [ -f "$ROOT/target/stackvault.war" ] && [ -f "$TOOLS_JAR" ] \
      && [ -z "$(find "$ROOT/pom.xml" "$ROOT/src" "$ROOT/webapp" "$ROOT/conf" -newer "$BUILD_STAMP" \
                 -type f -print -quit)" ]; then
    log "build is up to date (target/stackvault.war, target/stackvault-tools.jar)"
    return 0
  fi
  log "building: mvn -Dmaven.test.skip=true package (the WAR, and the tools jar with the driver and JMH's benchmarks)"
  mvn_quiet -Dmaven.test.skip=true package "$DEPENDENCY_PLUGIN:build-classpath" \
      -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test || die "the build failed"
  tools_built
  touch "$BUILD_STAMP"
}

# bench_java [--limit SECONDS] JAVA-ARGS...: java with the tools jar (the driver and the
# benchmarks of src/bench/java), the project's classes and the test class path (JMH is a
# provided dependency); replaces the (sub)shell, so `(bench_java ...) &` gives java's pid.
# With --limit: under `timeout`, which stops it (SIGTERM, SIGKILL 30 s later) after SECONDS
# and passes it the signals it gets.
bench_java() {
  local limit=()
  if [ "$1" = --limit ]; then
    limit=(timeout -k 30 "$2")
    shift 2
  fi
  exec "${limit[@]}" java -cp "$TOOLS_JAR:$ROOT/target/classes:$(cat "$CLASSPATH_FILE")" \
      -Djava.util.logging.config.file="$ROOT/conf/logging.properties" "$@"
}

# --- data ----------------------------------------------------------------------------------------
DUMP=
REFERENCE_NOTE=
GENERATE_COMMAND=
GENERATED=

# ensure_data: the data set of RECORDS records (seed 42) in target/bench/data/, generated
# once; sets DUMP and the notes for the report.
ensure_data() {
  local default_data=() suffix=''
  mkdir -p "$DATA"
  if [ -f "$SHARED_DEFAULT_DATA" ]; then
    default_data=(--default-data "$SHARED_DEFAULT_DATA")
    REFERENCE_NOTE="reference data ../shared/default_data.json"
  else
    log "warning: ../shared/default_data.json is missing: using the generator's built-in reference data"
    suffix=-builtin
    REFERENCE_NOTE="the generator's built-in reference data (../shared/default_data.json missing)"
  fi
  DUMP=$DATA/stackalytics-$RECORDS-seed42$suffix.pickle
  GENERATE_COMMAND="scripts/generate-data --records $RECORDS --seed 42${default_data[*]:+ --default-data ../shared/default_data.json}"
  if [ -s "$DUMP" ]; then
    GENERATED="reused from target/bench/data/"
    log "data set: reusing ${DUMP#"$ROOT"/}"
    return 0
  fi
  log "data set: $GENERATE_COMMAND"
  local t=$SECONDS
  STACKVAULT_JAVA_OPTS=-Xmx2g "$ROOT/scripts/generate-data" --records "$RECORDS" --seed 42 "${default_data[@]}" \
      --out "$DUMP" >&2 || die "generate-data failed"
  GENERATED="generated in $((SECONDS - t)) s"
}

# --- results -------------------------------------------------------------------------------------
# put KEY VALUE: one figure into results.properties (backslashes and newlines escaped).
put() {
  local value=${2//\\/\\\\}
  value=${value//$'\n'/\\n}
  printf '%s=%s\n' "$1" "$value" >>"$RESULTS"
}

driver() {
  (bench_java -Xmx1g org.stackvault.bench.BenchDriver "$@" --results "$RESULTS")
}

# phase_begin / phase_done NAME: the length of a phase for the table, and (once the run
# directory exists) its wall-clock span, which the report matches with Tomcat's GC log
PHASES=()
PHASE_SECONDS=0
PHASE_EPOCH_MS=0
phase_begin() { PHASE_SECONDS=$SECONDS; PHASE_EPOCH_MS=$(date +%s%3N); }
phase_done() {
  PHASES+=("$1 $((SECONDS - PHASE_SECONDS)) s")
  if [ -n "$RESULTS" ]; then
    put "phase.${1// /-}.start_ms" "$PHASE_EPOCH_MS"
    put "phase.${1// /-}.end_ms" "$(date +%s%3N)"
  fi
}

# machine: the machine, the versions and the data set, into results.properties.
machine() {
  put meta.nproc "$(nproc)"
  put meta.cpu "$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n 1)"
  put meta.ram "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  put meta.os "$( (. /etc/os-release 2>/dev/null && printf '%s' "${PRETTY_NAME:-}") || true), kernel $(uname -r)"
  put meta.java_version "$(java -version 2>&1)"
  put meta.date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  put meta.loadavg_start "$(cut -d' ' -f1-3 /proc/loadavg)"
  put meta.tomcat_version "$(pom_property tomcat.version)"
  put meta.memcached_version "$("$(tool memcached)" -V 2>&1 | head -n 1)"
  if have nginx; then put meta.nginx_version "$("$(tool nginx)" -v 2>&1 | sed 's/^nginx version: //')"; fi
  if have wrk; then put meta.wrk_version "$("$(tool wrk)" -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"; fi
  put meta.size "$SIZE"
  put meta.records "$RECORDS"
  put meta.heap "$HEAP"
  put meta.consumer_id "$CONSUMER_ID"
  put meta.dump_bytes "$(stat -c %s "$DUMP")"
  put meta.generate_command "$GENERATE_COMMAND"
  put meta.reference_data "$REFERENCE_NOTE"
  put meta.generated "$GENERATED"
}

# finish_meta: the figures of the end of a run (load average, run time, phases).
finish_meta() {
  put meta.loadavg_end "$(cut -d' ' -f1-3 /proc/loadavg)"
  put meta.total_s "$((SECONDS - START_SECONDS))"
  put meta.phase_times "$(IFS=,; printf '%s' "${PHASES[*]}" | sed 's/,/, /g')"
}

# --- memcached -----------------------------------------------------------------------------------
MC_PORT=

# memcached_stat NAME: one value of memcached's `stats`.
memcached_stat() {
  timeout 10 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"; printf "stats\r\nquit\r\n" >&3; cat <&3' _ "$MC_PORT" 2>/dev/null \
    | tr -d '\r' | awk -v name="$1" '$1 == "STAT" && $2 == name { print $3 }'
}

# memcached_megabytes [EXTRA]: memcached's -m for the dump: about 1.2 times the dump (values
# are stored as pickled, like in the dump) plus room for slab rounding, plus EXTRA MB.
memcached_megabytes() {
  local dump_mb=$(( $(stat -c %s "$DUMP") / 1048576 ))
  printf '%s\n' $(( dump_mb * 12 / 10 + 64 + ${1:-0} ))
}

# start_memcached MEGABYTES: an empty memcached on a free loopback port (MC_PORT).
start_memcached() {
  local megabytes=$1 user=()
  MC_PORT=$(free_port)
  [ "$(id -u)" = 0 ] && user=(-u "$(id -un)")   # memcached refuses to run as root without -u
  "$(tool memcached)" -l 127.0.0.1 -p "$MC_PORT" -U 0 -m "$megabytes" -I 4m "${user[@]}" \
      >"$RUN/memcached.log" 2>&1 </dev/null &
  MEMCACHED_PID=$!
  local deadline=$((SECONDS + 10))
  until port_in_use "$MC_PORT"; do
    kill -0 "$MEMCACHED_PID" 2>/dev/null || { cat "$RUN/memcached.log" >&2; die "memcached did not start"; }
    [ "$SECONDS" -lt "$deadline" ] || die "memcached does not answer on port $MC_PORT"
    sleep 0.1
  done
  put meta.memcached_mb "$megabytes"
  log "memcached on 127.0.0.1:$MC_PORT (-m $megabytes -I 4m), pid $MEMCACHED_PID"
}

check_no_evictions() {
  local evictions
  evictions=$(memcached_stat evictions)
  [ "${evictions:-0}" = 0 ] || die "memcached evicted $evictions items ($1): its -m is too small for this data set"
}

# load_dump: the data set into memcached through scripts/load-dump, with its figures.
load_dump() {
  local t=$SECONDS
  log "loading the dump into memcached: scripts/load-dump"
  STACKVAULT_JAVA_OPTS=-Xmx2g "$ROOT/scripts/load-dump" "$DUMP" --memcached "127.0.0.1:$MC_PORT" >&2 \
    || die "load-dump failed"
  put meta.load_s "$((SECONDS - t))"
  check_no_evictions "after loading the dump"
  put meta.memcached_items "$(memcached_stat curr_items)"
  put meta.memcached_bytes "$(memcached_stat bytes)"
  put meta.memcached_evictions "$(memcached_stat evictions)"
}

# --- Tomcat --------------------------------------------------------------------------------------
HTTP_PORT=
STARTED_PID=
STARTED_PORT=

# start_instance NAME REFRESH-SECONDS [CONSUMER-ID [PORT]]: Stackvault in Tomcat through
# scripts/run on 127.0.0.1 only, on PORT or a free port, reading memcached, with a GC log;
# its output in $RUN/NAME.log. Waits until it is deployed: /api/1.0/health answers 200, or
# 503 while no vault is served (an empty memcached has none until reload() publishes it as
# it is). An empty CONSUMER-ID: the one the instance derives (host, pid, random). Sets
# STARTED_PID (the JVM, in a process group of its own, stopped on exit) and STARTED_PORT.
start_instance() {
  local name=$1 refresh=$2 consumer=${3:-} port=${4:-} gc log
  [ -n "$port" ] || port=$(free_port)
  log=$RUN/$name.log
  gc=$RUN/gc.log
  [ "$name" = tomcat ] || gc=$RUN/$name.gc.log
  log "starting Stackvault ($name) in Tomcat on 127.0.0.1:$port, STACKVAULT_RECORDS=$RECORDS STACKVAULT_HEAP=$HEAP," \
      "consumer id ${consumer:-derived}, refresh every $refresh s (log: ${log#"$ROOT"/})"
  # setsid: a process group of its own, stopped as a whole; scripts/run execs catalina.sh,
  # which execs java, so this pid becomes the JVM's
  # GC log (pauses, with wall-clock times): the report counts the pauses of each phase
  STACKVAULT_RECORDS=$RECORDS STACKVAULT_HEAP=$HEAP STACKVAULT_CONSUMER_ID=$consumer STACKVAULT_JMX_PORT= \
    CATALINA_OPTS="${CATALINA_OPTS:-} $(sh_quote "-Xlog:gc:file=$gc:time,uptime") $TOMCAT_EXTRA_OPTS" \
    setsid "$ROOT/scripts/run" --address 127.0.0.1 --port "$port" --memcached "127.0.0.1:$MC_PORT" \
        --refresh-interval "$refresh" >"$log" 2>&1 </dev/null &
  STARTED_PID=$!
  STARTED_PORT=$port
  INSTANCE_PIDS+=("$STARTED_PID")
  local deadline=$((SECONDS + 600))
  until [ "$(cat "/proc/$STARTED_PID/comm" 2>/dev/null)" = java ]; do
    kill -0 "$STARTED_PID" 2>/dev/null || { tail -n 40 "$log" >&2; die "scripts/run exited"; }
    [ "$SECONDS" -lt "$deadline" ] || die "pid $STARTED_PID did not become Tomcat's JVM within 600 s"
    sleep 0.2
  done
  log "Tomcat's JVM ($name) is pid $STARTED_PID; waiting for /api/1.0/health"
  wait_for_http "$port" /api/1.0/health 180 "$STARTED_PID" "200 503" \
    || { tail -n 40 "$log" >&2; die "Stackvault ($name) was not deployed"; }
}

# start_tomcat REFRESH-SECONDS: the one instance of scripts/bench and scripts/soak
# (TOMCAT_PID, HTTP_PORT, log tomcat.log), with the fixed consumer id CONSUMER_ID.
start_tomcat() {
  local refresh=$1
  put meta.refresh_interval "$refresh"
  start_instance tomcat "$refresh" "$CONSUMER_ID"
  TOMCAT_PID=$STARTED_PID
  HTTP_PORT=$STARTED_PORT
  # the JVM's options as it got them (setenv.sh, the GC log, --nmt): the report's header
  put meta.jvm_options "$(tr '\0' ' ' <"/proc/$TOMCAT_PID/cmdline" | tr ' ' '\n' | grep -E '^-X' \
    | grep -v '^-Xlog:gc:file=' | tr '\n' ' ' | sed 's/ $//')"
}

# quiet_rss LABEL: when Tomcat's JVM runs with -XX:G1PeriodicGCInterval, waits without
# requests (at most that interval + 60 s) until G1's periodic collection has run and the
# concurrent cycle it starts has ended, then records the RSS as rss LABEL: what an idle
# instance gives back by itself, without the full GCs of the heap measurements.
quiet_rss() {
  local interval lines waited=$SECONDS deadline
  interval=$(sed -n 's/^meta\.jvm_options=.*-XX:G1PeriodicGCInterval=\([0-9]*\).*/\1/p' "$RESULTS" | tail -n 1)
  [ -n "$interval" ] && [ "$interval" -gt 0 ] || return 0
  lines=$(wc -l <"$RUN/gc.log")
  deadline=$((SECONDS + interval / 1000 + 60))
  log "quiet: no requests until G1's periodic collection has run (G1PeriodicGCInterval=$((interval / 1000)) s)"
  until tail -n +"$((lines + 1))" "$RUN/gc.log" | sed -n '/Periodic Collection/,$p' \
          | grep -q 'Concurrent Mark Cycle [0-9]'; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "quiet: no periodic collection within $((interval / 1000 + 60)) s"
      return 0
    fi
    sleep 1
  done
  put "rss.$1.quiet_s" "$((SECONDS - waited))"
  rss "$1"
}

# rss LABEL: Tomcat's resident set now and its peak so far (/proc/PID/status: VmRSS, VmHWM).
rss() {
  local kb
  kb=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$TOMCAT_PID/status")
  put "rss.$1.bytes" "$((kb * 1024))"
  kb=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$TOMCAT_PID/status")
  put "rss.$1.peak_bytes" "$((kb * 1024))"
}

tomcat_alive() {
  kill -0 "$TOMCAT_PID" 2>/dev/null || { tail -n 40 "$RUN/tomcat.log" >&2; die "Tomcat (pid $TOMCAT_PID) died: $1"; }
}
