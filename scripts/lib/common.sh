# Shell functions shared by the scripts (run, test, bench, soak ...). Source it from bash:
#   . "$(dirname "$0")/lib/common.sh"
# It sets ROOT (the project root, absolute) and changes nothing else; it never cd's.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# The maven-dependency-plugin that fetches the server distributions (pinned: a bare
# `dependency:copy` would ask the network for the newest version on every run).
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

# log MESSAGE...: a progress line on stderr (stdout stays the server's or the test's).
log() {
  printf '%s: %s\n' "${LOG_NAME:-$0}" "$*" >&2
}

# die MESSAGE...: a fatal error, exit 1.
die() {
  log "error: $*"
  exit 1
}

# usage_error MESSAGE...: a bad command line, exit 2.
usage_error() {
  log "$*"
  log "try '${LOG_NAME:-$0} --help'"
  exit 2
}

# as_root COMMAND...: runs a command as root: directly when we are root, else through
# sudo when it exists; fails with a message otherwise.
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    log "need root for: $* (not root, and no sudo)"
    return 1
  fi
}

# apt_install PACKAGE...: installs Debian packages (as root, see as_root); refreshes the
# package lists only when the install fails without it (a fresh machine has none).
apt_install() {
  command -v apt-get >/dev/null 2>&1 || { log "no apt-get here: install $* by hand"; return 1; }
  log "installing $*"
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q --no-install-recommends)
  as_root "${apt[@]}" install "$@" \
    || { as_root env DEBIAN_FRONTEND=noninteractive apt-get -q update \
         && as_root "${apt[@]}" install "$@"; }
}

# sh_quote WORD: WORD single-quoted for a POSIX shell's eval (catalina.sh evals CATALINA_OPTS).
sh_quote() {
  printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# pom_property NAME: the value of <NAME> in pom.xml's <properties> (the server versions
# live there, next to the test dependencies that use the same versions).
pom_property() {
  local value
  value=$(sed -n "s:.*<$1>\\([^<]*\\)</$1>.*:\\1:p" "$ROOT/pom.xml" | head -n 1)
  [ -n "$value" ] || die "pom.xml has no property <$1>"
  printf '%s\n' "$value"
}

# mvn_quiet ARGS...: Maven with -q -B, its output (errors only) on stderr. Maven 3.8's
# console library writes colour resets even with -q and colour off: they are dropped.
mvn_quiet() {
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed: apt-get install maven"
  mvn -q -B -Dstyle.color=never -f "$ROOT/pom.xml" "$@" 2>&1 | sed 's/\x1b\[0m//g' >&2
  return "${PIPESTATUS[0]}"
}

# maven_fetch GROUP:ARTIFACT:VERSION:TYPE DIR: copies that artifact into DIR through Maven
# (so it is downloaded once into the local repository, ~/.m2, and later runs are offline)
# and prints the copied file's path.
maven_fetch() {
  local coords=$1 dir=$2 artifact version type file
  IFS=: read -r _ artifact version type <<<"$coords"
  file="$dir/$artifact-$version.$type"
  if [ ! -s "$file" ]; then
    mkdir -p "$dir"
    log "fetching $coords through Maven"
    mvn_quiet "$DEPENDENCY_PLUGIN:copy" -Dartifact="$coords" -DoutputDirectory="$dir" \
        -Dmdep.overWriteReleases=false || die "Maven could not fetch $coords"
    [ -s "$file" ] || die "Maven reported success but $file is missing"
  fi
  printf '%s\n' "$file"
}

# unpack_once ARCHIVE PARENT TOPDIR: extracts a .tar.gz that holds one folder TOPDIR into
# PARENT, unless PARENT/TOPDIR is already complete. Extraction goes to a scratch folder
# first, so an interrupted run never leaves a half-unpacked server that looks complete.
unpack_once() {
  local archive=$1 parent=$2 top=$3 scratch
  [ -f "$parent/$top/.unpacked" ] && return 0
  log "unpacking $(basename "$archive") into ${parent#"$ROOT"/}"
  mkdir -p "$parent"
  scratch=$(mktemp -d "$parent/.unpack.XXXXXX")
  tar -xzf "$archive" -C "$scratch" || { rm -rf "$scratch"; die "cannot unpack $archive"; }
  [ -d "$scratch/$top" ] || { rm -rf "$scratch"; die "$archive does not hold $top/"; }
  rm -rf "${parent:?}/$top"
  mv "$scratch/$top" "$parent/$top"
  rmdir "$scratch"
  touch "$parent/$top/.unpacked"
}

# war_lists WAR ENTRY-REGEX: true when the WAR holds an entry matching the (extended) regex.
# unzip where it exists, else the JDK's jar tool (a JDK is needed for the build anyway).
war_lists() {
  local war=$1 pattern=$2
  # grep reads the whole listing (no -q): under pipefail, a grep that quits at the first match
  # makes the lister die of SIGPIPE, and the pipeline fails although the entry is there
  if command -v unzip >/dev/null 2>&1; then
    unzip -Z1 "$war" 2>/dev/null | grep -E "$pattern" >/dev/null
  else
    jar tf "$war" 2>/dev/null | grep -E "$pattern" >/dev/null
  fi
}

# war_has_sample WAR: true when the WAR bundles the sample data set (classpath resource
# /sample/stackalytics-sample.pickle) that it serves when no source is configured.
war_has_sample() {
  war_lists "$1" '^WEB-INF/classes/sample/stackalytics-sample\.pickle$'
}

# port_in_use PORT: true when something accepts connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port: prints a TCP port that nothing listens on (random, 20000-59999).
free_port() {
  local port i
  for i in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" || { printf '%s\n' "$port"; return 0; }
  done
  die "found no free TCP port"
}

# http_get PORT PATH [SECONDS]: one HTTP/1.0 GET to 127.0.0.1:PORT through bash's /dev/tcp
# (no curl needed); prints the raw response: status line, headers, blank line, body.
http_get() {
  local port=$1 path=$2 seconds=${3:-30}
  timeout "$seconds" bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n" "$2" >&3
    cat <&3' http_get "$port" "$path"
}

# http_post_form PORT PATH BODY [SECONDS]: a POST of BODY (already form-encoded) to
# 127.0.0.1:PORT, printing the raw response (status line, headers, body).
http_post_form() {
  local port=$1 path=$2 body=$3 seconds=${4:-30}
  timeout "$seconds" bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "POST %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %s\r\n\r\n%s" "$2" "${#3}" "$3" >&3
    cat <&3' http_post_form "$port" "$path" "$body"
}

# http_status RESPONSE: the status code of a raw response.
http_status() {
  local line=${1%%$'\n'*}
  line=${line%$'\r'}
  set -- $line
  printf '%s\n' "${2:-0}"
}

# http_header RESPONSE NAME: the value of header NAME (case-insensitive), empty if absent.
http_header() {
  printf '%s\n' "${1%%$'\r\n\r\n'*}" | tr -d '\r' \
    | sed -n "s/^$2:[[:space:]]*//Ip" | head -n 1
}

# http_body RESPONSE: the body of a raw response.
http_body() {
  printf '%s' "${1#*$'\r\n\r\n'}"
}

# wait_for_http PORT PATH SECONDS [PID] [STATUSES]: waits until GET PATH answers 200 (or
# one of the space-separated STATUSES); gives up after SECONDS, or at once when process PID
# (the server) has died. Prints one dot per try (a try waits at most 3 s: a server may
# accept connections before it serves them).
wait_for_http() {
  local port=$1 path=$2 seconds=$3 pid=${4:-} wanted=" ${5:-200} " deadline status=none
  deadline=$((SECONDS + seconds))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      printf '\n' >&2
      log "the server (pid $pid) exited before answering"
      return 1
    fi
    status=$(http_status "$(http_get "$port" "$path" 3 2>/dev/null)")
    if [ -n "$status" ] && [[ $wanted == *" $status "* ]]; then
      printf '\n' >&2
      return 0
    fi
    printf '.' >&2
    sleep 0.5
  done
  printf '\n' >&2
  log "no${wanted}from http://127.0.0.1:$port$path within $seconds s (last status: $status)"
  return 1
}

# The command-line tools and the benchmarks (src/tools/java, src/bench/java): their jar and
# the runtime class path they need beside target/classes, both written by the build's
# process-classes phase (pom.xml: tools-jar, tools-classpath).
TOOLS_JAR=$ROOT/target/stackvault-tools.jar
TOOLS_CLASSPATH=$ROOT/target/tools-classpath.txt

# tools_built: marks the tools jar as built from the current sources (its class path file
# is the mark: the build leaves an unchanged file, and an unchanged jar, untouched).
tools_built() {
  touch "$TOOLS_CLASSPATH"
}

# java_main CLASS ARGS...: runs a command-line tool with the tools jar, target/classes and
# their runtime class path; builds them first (mvn process-classes: no tests, no WAR) when
# they are missing or older than the sources. Replaces the shell (exec).
java_main() {
  local main=$1
  shift
  command -v java >/dev/null 2>&1 || die "java (17 or newer) is needed: apt-get install openjdk-17-jdk-headless"
  if [ ! -s "$TOOLS_CLASSPATH" ] || [ ! -s "$TOOLS_JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" \
      "$ROOT/src/tools" "$ROOT/src/bench" -newer "$TOOLS_CLASSPATH" -type f -print -quit)" ]; then
    log "compiling"
    mvn_quiet process-classes || die "the build failed"
    tools_built
  fi
  exec java ${STACKVAULT_JAVA_OPTS:--Xmx2g} -Djava.util.logging.config.file="$ROOT/conf/logging.properties" \
      -cp "$TOOLS_JAR:$ROOT/target/classes:$(cat "$TOOLS_CLASSPATH")" "$main" "$@"
}
