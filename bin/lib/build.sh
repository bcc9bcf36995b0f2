# Sourced by bin/ferry and bin/test: build the distribution when it is missing
# or older than any source, POM or resource. Serialised with a lock so that
# several launchers started at once build only once.

ferry_dist_stale() { # $1 = repo root
  local root="$1" stamp="$1/ferry-app/target/.ferry-built"
  [ -f "$stamp" ] || return 0
  [ -n "$(find "$root" -maxdepth 1 -name pom.xml -newer "$stamp" -print -quit)" ] && return 0
  [ -n "$(find "$root"/ferry-*/pom.xml "$root"/ferry-*/src/main -newer "$stamp" -print -quit 2>/dev/null)" ] && return 0
  return 1
}

ferry_build_dist() { # $1 = repo root
  local root="$1"
  mkdir -p "$root/ferry-app/target"
  (
    flock 9
    if ferry_dist_stale "$root"; then
      echo "ferry: building the distribution (first use or sources changed)..." >&2
      if ! (cd "$root" && mvn -q -B -ntp -DskipTests package >"$root/ferry-app/target/build.log" 2>&1); then
        echo "ferry: build failed; the log follows ($root/ferry-app/target/build.log)" >&2
        tail -n 60 "$root/ferry-app/target/build.log" >&2
        exit 1
      fi
      touch "$root/ferry-app/target/.ferry-built"
    fi
  ) 9>"$root/ferry-app/target/.build.lock"
}
