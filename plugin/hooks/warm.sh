# context-sync hook client, sourced by the commands in hooks.json with H (the hook's name) and
# R (the plugin root) set. POSIX sh (dash, bash, zsh's sh): it runs before every edit, after every
# edit and at every prompt, so it uses builtins wherever it can.
#
# When this Claude Code process's MCP server is alive it answers the hook (src/hooks-core/
# warm-service.ts): a shell and a FIFO round trip instead of a cold Node start-up. Otherwise, or
# when a hung server has not taken the call within 5 s, the Node bundle runs exactly as it would
# without the service. A live server that has taken the call gets 3 s more (the hook's own timeout
# is 10 s, which leaves time for the bundle), so a slow answer is not lost.
[ "${CONTEXT_SYNC_DISABLE:-}" = 1 ] && exit 0
[ "${CONTEXT_SYNC_WARM:-}" = 0 ] && exec node "$R/dist/hooks/$H.mjs"
d="${CONTEXT_SYNC_HOME:-${CLAUDE_CONFIG_DIR:-$HOME/.claude}/context-sync}/warm/${CLAUDE_PID:-none}"

# Wait up to $1 seconds for the answer and print it; true if one came (`fail`: the service gave the
# call back for the bundle to run). The watchdog ends the wait by opening the answer FIFO itself,
# read-write so that it never blocks (not even if this hook was killed), and writing nothing. Its
# output goes nowhere: Claude Code waits for the hook's pipes to close.
context_sync_answer() {
  ( sleep "$1"; [ -p "$d/$$.out" ] && : 1<> "$d/$$.out" ) > /dev/null 2>&1 < /dev/null &
  w=$!
  a=
  { read -r a && [ "$a" = out ] && cat; } < "$d/$$.out"
  kill "$w" 2> /dev/null
  [ -n "$a" ] && [ "$a" != fail ]
}

if [ -p "$d/in" ] && read -r s < "$d/pid" 2>/dev/null && kill -0 "$s" 2>/dev/null &&
  mkfifo -m 600 "$d/$$.out" 2>/dev/null; then
  if cat > "$d/$$.in"; then
    # Opened read-write, so this never blocks even if the service died a moment ago.
    k=-; [ -n "${CLAUDE_PLUGIN_ROOT:-}" ] && k=p
    printf '%s %s %s\n' "$H" "$$" "$k" 1<>"$d/in"
    context_sync_answer 5 && exit 0
    if [ "$a" != fail ] && [ ! -e "$d/$$.in" ] && kill -0 "$s" 2> /dev/null; then
      context_sync_answer 3 && exit 0
    fi
  fi
  # No answer. The service had not taken the call if the input is still here: take it back (a
  # rename, so the two can never both answer it) and run the bundle on it. If it had taken it and
  # died before recording it (its pid is gone), the call is still there under .work: take that.
  # The service is hung or gone: until it puts its pid back, the next hooks go straight to Node.
  rm -f "$d/$$.out"
  mv "$d/$$.in" "$d/$$.late" 2> /dev/null ||
    { ! kill -0 "$s" 2> /dev/null && mv "$d/$$.work" "$d/$$.late" 2> /dev/null; } || exit 0
  [ "${a:-}" = fail ] || rm -f "$d/pid"
  node "$R/dist/hooks/$H.mjs" < "$d/$$.late"
  rm -f "$d/$$.late"
  exit 0
fi
exec node "$R/dist/hooks/$H.mjs"
