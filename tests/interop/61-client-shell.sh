#!/usr/bin/env bash
# `ferry shell` on a real pseudo-terminal (tmux): the live progress bar is drawn and cleaned up,
# the prompt comes back, Tab completes remote paths, history recalls commands, mput takes globs,
# Ctrl-C stops a transfer without leaving the shell, and get -c then resumes and verifies it.
. "$(dirname "$0")/lib.sh"
check_tool tmux || exit 0
start_server || { fail "server did not start"; exit 0; }
add_user erin 'erin-password-1'
HOME_E="$DATA/home/erin"
head -c $((40 * 1024 * 1024)) /dev/urandom >"$HOME_E/big.bin"
mkdir -p "$WORK/local" "$WORK/home"
echo one >"$WORK/local/m1.txt"; echo two >"$WORK/local/m2.txt"; echo no >"$WORK/local/other.dat"
echo keep >"$HOME_E/old"; echo keep >"$HOME_E/report.txt"; echo gone >"$HOME_E/old report.txt"
TM=(tmux -L "ferry-test-$$")
trap '"${TM[@]}" kill-server 2>/dev/null; cleanup' EXIT
"${TM[@]}" new-session -d -s t -x 110 -y 30 -c "$WORK/local" \
  "env HOME=$WORK/home TERM=xterm-256color $FERRY shell --limit-rate 16MiB/s ftp://erin:erin-password-1@127.0.0.1:$FTP_PORT/; sleep 30"
screen() { "${TM[@]}" capture-pane -p -t t; }
# wait_for REGEX SECONDS: until the screen shows it
wait_for() { local i; for i in $(seq 1 $(($2 * 10))); do screen | grep -qE -- "$1" && return 0; sleep 0.1; done; return 1; }
# prompt_back: the last non-empty line is the prompt again
prompt_back() { local i; for i in $(seq 1 $(($1 * 10))); do [[ "$(screen | sed '/^ *$/d' | tail -n 1)" =~ ^ferry:[^\ ]*\>\ *$ ]] && return 0; sleep 0.1; done; return 1; }
keys() { "${TM[@]}" send-keys -t t "$@"; }

test_case prompt-appears
if wait_for '^ferry:/>( |$)' 30; then pass; else fail "no prompt: $(screen)"; fi

test_case progress-bar-is-drawn-and-prompt-returns
keys 'get big.bin' Enter
if wait_for 'get big\.bin +[0-9]+% \[=*>? *\] .*MiB/s +ETA [0-9]+:[0-9]{2}' 15; then
  bar=$(screen | grep -E 'get big\.bin +[0-9]+% \[' | tail -n 1)
  if wait_for 'get big\.bin: 40\.0 MiB in' 30 && prompt_back 10 && ! screen | grep -qE '% \[' &&
     cmp -s "$HOME_E/big.bin" "$WORK/local/big.bin"; then
    pass "saw: ${bar%% }"
  else
    fail "after the bar: $(screen)"
  fi
else
  fail "no bar: $(screen)"
fi

test_case tab-completes-remote-paths
keys 'ls bi' Tab
if wait_for '^ferry:/> ls big\.bin' 5; then
  keys Enter
  if wait_for '^-  +41943040 .* big\.bin$' 5 && prompt_back 5; then pass; else fail "ls: $(screen)"; fi
else
  fail "no completion: $(screen)"
fi

test_case history-recalls-the-last-command
keys Up
if wait_for '^ferry:/> ls big\.bin *$' 5; then pass; else fail "$(screen)"; fi
keys C-u

test_case tab-quotes-a-name-with-a-space
keys "rm 'old r" Tab
if wait_for "^ferry:/> rm 'old report\.txt'" 5; then
  keys Enter
  if prompt_back 5 && [ ! -e "$HOME_E/old report.txt" ] && [ -f "$HOME_E/old" ] && [ -f "$HOME_E/report.txt" ]; then
    pass; else fail "removed the wrong files: $(ls "$HOME_E" | tr '\n' ' ') $(screen | tail -n 3)"; fi
else
  fail "no quoted completion: $(screen | tail -n 3)"
fi

test_case mput-takes-globs
keys 'mput m*.txt' Enter
if wait_for 'mput: 2 file\(s\)' 10 && prompt_back 5 && [ -f "$HOME_E/m1.txt" ] && [ -f "$HOME_E/m2.txt" ] && [ ! -e "$HOME_E/other.dat" ]; then
  pass
else
  fail "$(screen)"
fi

test_case ctrl-c-stops-a-transfer-and-get-c-resumes-it
keys 'get big.bin slow.bin' Enter
if wait_for 'get big\.bin +[0-9]+% \[' 15; then
  sleep 0.5; keys C-c
  if wait_for '^interrupted' 10 && prompt_back 5; then
    part=$(stat -c %s "$WORK/local/slow.bin")
    keys 'get -c big.bin slow.bin' Enter
    if wait_for 'verified sha256' 30 && prompt_back 5 && cmp -s "$HOME_E/big.bin" "$WORK/local/slow.bin"; then
      pass "stopped at $part bytes, resumed and verified"
    else
      fail "resume: $(screen)"
    fi
  else
    fail "Ctrl-C: $(screen)"
  fi
else
  fail "no bar: $(screen)"
fi

test_case cd-pwd-mkdir
keys 'mkdir sub' Enter 'cd sub' Enter 'pwd' Enter
if wait_for '^ferry:/sub>( |$)' 10 && wait_for '^/sub$' 5 && [ -d "$HOME_E/sub" ]; then pass; else fail "$(screen)"; fi

test_case errors-keep-the-shell
keys 'get no-such-file' Enter
if wait_for '^error: no such file on the server: /sub/no-such-file' 10 && prompt_back 5; then pass; else fail "$(screen)"; fi

test_case exit-leaves
pane=$("${TM[@]}" list-panes -t t -F '#{pane_pid}')
keys 'exit' Enter
gone=0
for i in $(seq 1 50); do pgrep -P "$pane" -f FerryMain >/dev/null || { gone=1; break; }; sleep 0.1; done
if [ "$gone" = 1 ]; then pass; else fail "the shell is still running: $(screen)"; fi

test_case get-on-a-terminal-draws-a-bar-then-one-summary-line
"${TM[@]}" new-session -d -s g -x 100 -y 10 -c "$WORK/local" \
  "$FERRY get --limit-rate 16MiB/s ftp://erin:erin-password-1@127.0.0.1:$FTP_PORT/big.bin cli.bin; echo exit=\$?; sleep 30"
gscreen() { "${TM[@]}" capture-pane -p -t g; }
seen=""
for i in $(seq 1 150); do
  s=$(gscreen)
  grep -qE 'get big\.bin +[0-9]+% \[' <<<"$s" && seen=1
  grep -q '^exit=' <<<"$s" && break
  sleep 0.1
done
s=$(gscreen | sed '/^ *$/d')
if [ -n "$seen" ] && grep -qx 'exit=0' <<<"$s" && [ "$(grep -c 'get big.bin' <<<"$s")" = 1 ] &&
   grep -qE '^get big\.bin: 40\.0 MiB in [0-9.]+ s \([0-9.]+ MiB/s\)$' <<<"$s"; then
  pass "$(head -n 1 <<<"$s")"
else
  fail "bar seen: ${seen:-no}; screen: $s"
fi

stop_server
