# Sourced by bin/ferry and bin/test: find a JDK >= 21 and export JAVA_HOME.
# Order: $JAVA_HOME if new enough, else the newest JDK under /usr/lib/jvm,
# else `java` on PATH if new enough, else a clear error.

ferry_java_major() { # $1 = path to a java binary; prints its feature version
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | sed 's/^1\.//; s/\..*//' | head -n 1
}

ferry_find_jdk() {
  local need=21 best="" best_major=0 home major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(ferry_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge "$need" ]; then
      echo "$JAVA_HOME"; return 0
    fi
  fi
  for home in /usr/lib/jvm/*; do
    [ -x "$home/bin/javac" ] || continue
    [ -L "$home" ] && continue
    major=$(ferry_java_major "$home/bin/java")
    if [ "${major:-0}" -gt "$best_major" ]; then best="$home"; best_major="$major"; fi
  done
  if [ "$best_major" -ge "$need" ]; then echo "$best"; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(ferry_java_major "$home/bin/java")
    if [ "${major:-0}" -ge "$need" ]; then echo "$home"; return 0; fi
  fi
  return 1
}

ferry_use_jdk() {
  local home
  if ! home=$(ferry_find_jdk); then
    echo "ferry: needs a JDK 21 or newer, and found none (looked at JAVA_HOME, /usr/lib/jvm/*, and javac on PATH)." >&2
    echo "ferry: install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+, or point JAVA_HOME at it." >&2
    exit 1
  fi
  export JAVA_HOME="$home"
  export PATH="$JAVA_HOME/bin:$PATH"
}
