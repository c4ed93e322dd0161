# JVM settings for Stackvault. Tomcat's catalina.sh sources this file from
# $CATALINA_BASE/bin/setenv.sh (scripts/run installs it there); scripts/run also sources it
# for Jetty, so both containers run with the same settings. POSIX sh: catalina.sh runs
# under /bin/sh, which is dash on Debian.
#
# Knobs (environment): STACKVAULT_HEAP, STACKVAULT_JMX_PORT, STACKVAULT_CONFIG,
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

# Fixed heap (-Xms = -Xmx): the vault is one large, long-lived snapshot plus a second one
# while a refresh builds it, so the heap is sized for two snapshots up front; a fixed size
# means no resizing pauses and the memory is claimed at start, not under load.
# 1g holds the bundled sample and the 20k compatibility data set with room to spare; raise
# it for a production-sized memcached (see docs/benchmarks.md for bytes per record).
_sv_heap=${STACKVAULT_HEAP:-1g}
STACKVAULT_JAVA_OPTS="-Xms$_sv_heap -Xmx$_sv_heap"

# G1: region-based and mostly concurrent, so the big long-lived vault is marked alongside
# the requests and pauses stay short, while the per-request garbage dies young; on Java 17
# ZGC is not generational yet (it would rescan the whole vault every cycle) and Parallel
# GC stops every request for each old-generation collection.
STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -XX:+UseG1GC"

# The fixed heap's pages are touched once at start (a fraction of a second per GB), not by
# the first requests: until young collections have cycled through all of eden, every fresh
# allocation page-faults, which made a 1 M-record select take 16 ms instead of 1.2 ms in
# the JMH kernels (docs/benchmarks.md).
STACKVAULT_JAVA_OPTS="$STACKVAULT_JAVA_OPTS -XX:+AlwaysPreTouch"

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
unset _sv_heap _sv_config _sv_jmx _sv_valve
