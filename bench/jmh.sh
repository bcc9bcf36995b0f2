#!/usr/bin/env bash
# bench/jmh.sh [JMH ARGS...]: the JMH microbenchmarks of the hot paths (ferry-jmh): command-line
# framing, LIST/MLSD line formatting, path resolution, a login's password hash. Never part of bin/test.
#   bench/jmh.sh                          all of them
#   bench/jmh.sh ListingFormat -f 1 -wi 2 -i 3    a regex of benchmark names, JMH options
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bin/lib/jdk.sh"
ferry_use_jdk
(cd "$root" && mvn -q -B -ntp -DskipTests package -pl ferry-jmh -am >/dev/null)
# The forked benchmark JVMs open the JDK's stat record to us and add the vector API, as bin/ferry
# serve does (core/vfs/UnixStat, core/auth/Argon2Compressions).
exec "$JAVA_HOME/bin/java" -cp "$root/ferry-jmh/target/classes:$root/ferry-jmh/target/lib/*" org.openjdk.jmh.Main \
  -jvmArgsPrepend "--add-opens=java.base/sun.nio.fs=ALL-UNNAMED --add-modules=jdk.incubator.vector" "$@"
