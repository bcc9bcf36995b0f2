# Sourced by bin/ferry and bin/test. Java takes the encoding of file names from the locale; in a
# bare "C"/POSIX environment (CI, cron, systemd) it would turn every non-ASCII name into '?'.
ferry_utf8_locale() {
  local current
  current=$(locale charmap 2>/dev/null || echo unknown)
  if [ "$current" != "UTF-8" ]; then
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
      export LC_ALL=C.UTF-8
    elif locale -a 2>/dev/null | grep -qiE '^en_US\.utf-?8$'; then
      export LC_ALL=en_US.UTF-8
    fi
  fi
}
