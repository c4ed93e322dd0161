# JVM settings for Stackvault. Tomcat's catalina.sh sources this file from
# $CATALINA_BASE/bin/setenv.sh (scripts/run installs it there); scripts/run also sources it
# for Jetty, so both containers run with the same settings. POSIX sh: catalina.sh runs
# under /bin/sh, which is dash on Debian.
#
# Knobs (environment): STACKVAULT_RECORDS, STACKVAULT_HEAP, STACKVAULT_JMX_PORT, STACKVAULT_CONFIG,
# STACKVAULT_HOME (the project; scripts/run sets it, else it is found from CATALINA_BASE).
#
# Output: STACKVAULT_JAVA_OPTS (the options, each word quoted for eval, as catalina.sh evals
# them), also appended to CATALINA_OPTS: those apply to `catalina.sh run|start` only, not
# to `catalina.sh stop`, which must not try to bind the JMX port a second time.

# The project root: CATALINA_BASE is <project>/target/tomcat-<port>.
if [ -z "${STACKVAULT_HOME:-}" ]; then
  STACKVAULT_HOME=$(cd "$CATALINA_BASE/../.." && pwd)
fi

# _sv_q WORD: WORD single-quoted, so paths with spaces survive catalina.sh's eval.
_sv_q() {
  printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# The heap, sized from the data (docs/operations.md, Memory, has the measurements behind it):
#   -Xmx = 128 MiB + 896 bytes × records   the peak under saturating load, with room: per
#            record the served vault (84 B at 1 M records) and the one a refresh builds
#            beside it (84), about 88 B of the build's transient arrays, and 640 B for
#            the requests' selections (a release=all query holds about 12 B per record
#            while it runs; 64 connections on 2 cores keep dozens in flight) and G1's room;
#            128 MiB for the application without data (about 21 MiB), the connections'
#            buffers and Ehcache's 16-entry heap tier. Measured at 1 M records: 384m ran
#            out of room in back-to-back full builds (2 full GCs), 752m in scripts/soak
#            (to-space exhausted once, an 869 ms pause); the former fixed 1g soaked with
#            neither. A cap, not a claim: G1 commits it only while builds or bursts need it
#   -Xms = 64 MiB + 192 bytes × records    the heap a loaded instance keeps: its live
#            data (about 21 MiB + 84 B × records, the retained heap) stays under 45 % of
#            it, where G1 starts a concurrent cycle; with -Xms at live / 0.7 (160m at
#            1 M records) G1 marked after nearly every young collection under uncached
#            load. Below -Xms nothing is given back.
# records = STACKVAULT_RECORDS (default 1,000,000): memcached's record:count, rounded up.
# STACKVAULT_HEAP (e.g. 2g) sets -Xmx instead, and caps -Xms. Beside the heap the JVM's
# RSS holds 240-280 MB more (measured at 1 M records with Native Memory Tracking,
# docs/benchmarks.md, Memory): G1's structures (45-62 MiB at these heap sizes), Ehcache's
# off-heap store (64 MB, conf/ehcache.xml, zeroed and so resident from the start),
# metaspace, class data, JIT code and symbols (about 90 MB), thread stacks (maxThreads
# 200 × -Xss 1 MiB reserved; only touched pages are resident: 14 MB with 100
# connections) and what the C library and the JVM's own code take outside Native Memory
# Tracking (37-48 MB).
_sv_records=${STACKVAULT_RECORDS:-1000000}
case $_sv_records in
  ''|*[!0-9]*) echo "tomcat/setenv.sh: STACKVAULT_RECORDS must be a whole number, not '$_sv_records'" >&2
               _sv_records=1000000 ;;
esac
# _sv_mib BYTES: MiB, rounded up to a multiple of 16
_sv_mib() {
  echo $(( ($1 + 16777215) / 16777216 * 16 ))
}
_sv_xmx=$(_sv_mib $(( 134217728 + 896 * _sv_records )))m
_sv_xms_mib=$(_sv_mib $(( 67108864 + 192 * _sv_records )))
if [ -n "${STACKVAULT_HEAP:-}" ]; then
  _sv_xmx=$STACKVAULT_HEAP
  # -Xms no larger than -Xmx
  case $STACKVAULT_HEAP in
    *[gG]) _sv_cap=$(( ${STACKVAULT_HEAP%?} * 1024 )) ;;
    *[mM]) _sv_cap=${STACKVAULT_HEAP%?} ;;
    *[kK]) _sv_cap=$(( ${STACKVAULT_HEAP%?} / 1024 )) ;;
    *) _sv_cap=$(( STACKVAULT_HEAP / 1048576 )) ;;
  esac
  [ "$_sv_cap" -lt "$_sv_xms_mib" ] && _sv_xms_mib=$_sv_cap
fi
STACKVAULT_JAVA_OPTS="-Xms${_sv_xms_mib}m -Xmx$_sv_xmx"

# G1: region-based and mostly concurrent, so the big long-lived vault is marked alongside
# the requests and pauses stay short, while the per-request garbage dies young; on Java 17
# ZGC is not generational yet (it would rescan the whole vault every cycle) and Parallel
# GC stops every request for each old-generation collection.
STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -XX:+UseG1GC"

# Memory goes back to the system: a refresh grows the heap towards -Xmx while two vaults
# coexist; at the end of each concurrent cycle (and of a full GC) G1 gives back what
# exceeds the used heap by more than MaxHeapFreeRatio (30 %: at most used / 0.7 stays
# committed; default 70 %, which keeps up to 3.3 × used), and keeps at least
# MinHeapFreeRatio (10 %) free. An idle instance starts such a cycle itself after
# G1PeriodicGCInterval (30 s without a collection). No -XX:+AlwaysPreTouch: it made every
# page of -Xmx resident at start, used or not.
STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -XX:G1PeriodicGCInterval=30000"

# A JVM that ran out of memory is left in an unknown state: exit, so that a supervisor (or
# the person at the terminal) restarts it, rather than serving errors.
STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -XX:+ExitOnOutOfMemoryError"

# The configuration file: every key of the WAR (memcached, dump, refresh-interval, ...).
# Environment variables STACKVAULT_<KEY>, context parameters and -Dstackvault.<key>
# system properties (scripts/run's options) override it, in that order.
_sv_config=${STACKVAULT_CONFIG:-$STACKVAULT_HOME/conf/stackvault.properties}
STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS $(_sv_q "-Dstackvault.config=$_sv_config")"

# Logging: java.util.logging. Tomcat reads conf/logging.properties (its own, to which
# scripts/run appends tomcat/logging.properties: org.stackvault at INFO, chatty libraries
# at WARNING); Jetty gets conf/logging.properties of the project, with the same levels.

# Remote JMX (the vault's refresh()/reload() operations and statistics, the JVM's own
# beans): off unless STACKVAULT_JMX_PORT is set. Local tools (jconsole, jcmd by pid) work
# without it through the attach API.
if [ -n "${STACKVAULT_JMX_PORT:-}" ]; then
  _sv_jmx=$STACKVAULT_HOME/target/jmx
  if [ ! -s "$_sv_jmx/jmxremote.password" ] || [ ! -s "$_sv_jmx/jmxremote.access" ] \
      || [ ! -s "$_sv_jmx/password" ]; then
    # A random password, written once into owner-only files (the JVM refuses a password
    # file that others can read; at its first login check it replaces the password there
    # by a salted hash). The operator reads it from target/jmx/password, also owner-only:
    # whoever can read that file runs as this user and could attach to the JVM anyway,
    # whereas the console output ends up in Tomcat's log, which others may read or ship.
    # Delete target/jmx for a new one.
    mkdir -p "${_sv_jmx%/*}"
    (
      umask 077
      mkdir -p "$_sv_jmx"
      chmod 700 "$_sv_jmx"
      _sv_password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
      # user "stackvault" may invoke operations (refresh, reload), not only read
      printf 'stackvault readwrite\n' >"$_sv_jmx/jmxremote.access"
      printf 'stackvault %s\n' "$_sv_password" >"$_sv_jmx/jmxremote.password"
      printf '%s\n' "$_sv_password" >"$_sv_jmx/password"
      chmod 600 "$_sv_jmx/jmxremote.access" "$_sv_jmx/jmxremote.password" "$_sv_jmx/password"
    )
    echo "JMX: user stackvault; a new random password is in $_sv_jmx/password (readable by this user only)" >&2
  fi
  # The registry and the RMI server on one known port (default: a random second port,
  # which no firewall rule can name).
  STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -Dcom.sun.management.jmxremote.port=$STACKVAULT_JMX_PORT"
  STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -Dcom.sun.management.jmxremote.rmi.port=$STACKVAULT_JMX_PORT"
  # Loopback only: listen on 127.0.0.1, and hand out stubs that point there too. Reach it
  # from elsewhere through an SSH tunnel, never by opening the port.
  STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -Dcom.sun.management.jmxremote.host=127.0.0.1"
  STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -Djava.rmi.server.hostname=127.0.0.1"
  # Password authentication and per-user rights, even on loopback: any local user could
  # otherwise connect and call reload().
  STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -Dcom.sun.management.jmxremote.authenticate=true"
  STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS $(_sv_q "-Dcom.sun.management.jmxremote.password.file=$_sv_jmx/jmxremote.password")"
  STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS $(_sv_q "-Dcom.sun.management.jmxremote.access.file=$_sv_jmx/jmxremote.access")"
  # No TLS: the traffic never leaves the machine (loopback), and an SSH tunnel encrypts it
  # when it does.
  STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -Dcom.sun.management.jmxremote.ssl=false"
  STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -Dcom.sun.management.jmxremote.registry.ssl=false"
fi

# Tomcat's error valve (server.xml: the answers to requests Tomcat refuses before the
# application, in the application's JSON with nosniff): tomcat/JsonErrorValve.java,
# compiled against this Tomcat into CATALINA_BASE/lib, a folder of Tomcat's common class
# loader, when it is missing or older than its source or Tomcat. Only when catalina.sh
# sources this file (scripts/run also sources it for Jetty, where there is no such base).
if [ -n "${CATALINA_BASE:-}" ] && [ -f "${CATALINA_HOME:-}/lib/catalina.jar" ]; then
  _sv_valve=$CATALINA_BASE/lib/org/stackvault/tomcat/JsonErrorValve.class
  if [ ! -f "$_sv_valve" ] || [ "$STACKVAULT_HOME/tomcat/JsonErrorValve.java" -nt "$_sv_valve" ] \
      || [ "$CATALINA_HOME/lib/catalina.jar" -nt "$_sv_valve" ]; then
    mkdir -p "$CATALINA_BASE/lib"
    javac -nowarn -d "$CATALINA_BASE/lib" -cp "$CATALINA_HOME/lib/*" \
        "$STACKVAULT_HOME/tomcat/JsonErrorValve.java" \
      || echo "tomcat/setenv.sh: javac could not compile tomcat/JsonErrorValve.java (a JDK is needed)" >&2
  fi
fi

CATALINA_OPTS="${CATALINA_OPTS:-} $STACKVAULT_JAVA_OPTS"
unset _sv_records _sv_xmx _sv_xms_mib _sv_cap _sv_config _sv_jmx _sv_valve
