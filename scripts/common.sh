# Sourced by install.sh, demo.sh and test.sh: `say` and `apt_get`.
# tests/test_scripts.py checks that `say` follows the app's language and that `apt_get` waits.

# The scripts' own lines are in the app's language, by the app's rule (circular_app/settings.py
# LANGUAGE, circular_app/paths.py): "language" in settings.json of the data folder
# (KAIRAN_DATA_DIR, else ${XDG_DATA_HOME:-~/.local/share}/KairanDesk), chosen in the GUI's
# settings; Japanese when unset. Plain shell: install.sh runs before Python may exist.
kairan_language() {
  local dir="${KAIRAN_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/KairanDesk}"
  if [ -f "$dir/settings.json" ] \
    && grep -Eq '"language"[[:space:]]*:[[:space:]]*"en"' "$dir/settings.json"; then
    echo en
  else
    echo ja
  fi
}

KAIRAN_SCRIPT_LANGUAGE=$(kairan_language)

# say JAPANESE ENGLISH: print the line in the current language.
say() {
  if [ "$KAIRAN_SCRIPT_LANGUAGE" = en ]; then printf '%s\n' "$2"; else printf '%s\n' "$1"; fi
}

# apt_get ARGS...: apt-get that waits for a lock held by another apt or dpkg (unattended-upgrades,
# a second install), up to APT_LOCK_WAIT seconds, instead of failing at once with exit 100.
# `-o DPkg::Lock::Timeout` makes apt-get itself wait for dpkg's lock; `apt-get update` ignores
# that option for its lists lock (apt 2.6), so a run that failed on a lock is retried as well.
# apt's and dpkg's own (English) lines are shown only when it fails.
APT_LOCK_WAIT=${APT_LOCK_WAIT:-600}
apt_get() {
  local deadline=$((SECONDS + APT_LOCK_WAIT)) log status said=""
  log=$(mktemp)
  while :; do
    status=0
    apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@" >"$log" 2>&1 || status=$?
    if [ "$status" -eq 0 ] || ! grep -Eq 'Could not get lock|Unable to (lock|acquire)' "$log" \
      || [ $SECONDS -ge $deadline ]; then
      break
    fi
    if [ -z "$said" ]; then
      say "== 別の apt/dpkg の終了を待っています（最長 ${APT_LOCK_WAIT} 秒）…" \
        "== waiting for another apt/dpkg to finish (up to ${APT_LOCK_WAIT} s)…"
      said=1
    fi
    sleep 5
  done
  [ "$status" -eq 0 ] || cat "$log" >&2
  rm -f "$log"
  return "$status"
}
