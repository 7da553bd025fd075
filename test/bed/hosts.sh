#!/usr/bin/env bash
# The test bed's hosts: one sshd per loopback address, each with its own host
# key, recorded in the hub account's known_hosts.
#   hosts.sh start [NAME...] | stop [NAME...] | status
source "$(dirname "$0")/lib.sh"
need_root

action=${1:-status}
shift || true
selected=("$@")

host_selected() {
  [ ${#selected[@]} -eq 0 ] && return 0
  local s
  for s in "${selected[@]}"; do [ "$s" = "$1" ] && return 0; done
  return 1
}

write_config() { # name address
  local dir=$BED_ETC/hosts/$1
  install -d -m 0755 "$dir"
  [ -f "$dir/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C "$1" -f "$dir/ssh_host_ed25519_key"
  cat > "$dir/sshd_config" <<CONF
# Test bed host $1: only the hub's restricted key gets in.
ListenAddress $2:$SSH_PORT
HostKey $dir/ssh_host_ed25519_key
PidFile $BED_RUN/sshd-$1.pid
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UsePAM no
AllowUsers ${BED_USERS[*]} $HUB_ACCOUNT
MaxStartups 100:30:200
MaxSessions 10
LogLevel VERBOSE
CONF
}

update_known_hosts() {
  local kh=$HUB_HOME/.ssh/known_hosts tmp entry name addr
  tmp=$(mktemp)
  for entry in "${BED_HOSTS[@]}"; do
    name=${entry%%:*}; addr=${entry#*:}
    printf '[%s]:%s %s\n' "$addr" "$SSH_PORT" "$(cut -d' ' -f1,2 "$BED_ETC/hosts/$name/ssh_host_ed25519_key.pub")" >> "$tmp"
  done
  install -m 0644 -o "$HUB_ACCOUNT" -g "$HUB_ACCOUNT" "$tmp" "$kh"
  rm -f "$tmp"
}

mkdir -p "$BED_RUN" "$BED_LOG" /run/sshd
for entry in "${BED_HOSTS[@]}"; do
  name=${entry%%:*}; addr=${entry#*:}
  host_selected "$name" || continue
  pidfile=$BED_RUN/sshd-$name.pid
  case $action in
    start)
      write_config "$name" "$addr"
      if pid_alive "$pidfile"; then log "$name ($addr) already up"; continue; fi
      /usr/sbin/sshd -f "$BED_ETC/hosts/$name/sshd_config" -E "$BED_LOG/sshd-$name.log"
      for _ in $(seq 50); do pid_alive "$pidfile" && break; sleep 0.1; done
      pid_alive "$pidfile" || { log "sshd for $name did not start; see $BED_LOG/sshd-$name.log"; exit 1; }
      log "$name up: sshd on $addr:$SSH_PORT (pid $(cat "$pidfile"))"
      ;;
    stop)
      pid=$(cat "$pidfile" 2>/dev/null || true)
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        # A host going down takes its open connections with it: end the
        # per-connection sshd processes too, not only the listener.
        pkill -TERM -P "$pid" 2>/dev/null || true
        kill "$pid"
        for _ in $(seq 50); do pid_alive "$pidfile" || break; sleep 0.1; done
        log "$name down"
      fi
      rm -f "$pidfile"
      ;;
    status)
      if pid_alive "$pidfile"; then echo "$name $addr:$SSH_PORT up"; else echo "$name $addr:$SSH_PORT down"; fi
      ;;
    *) echo "usage: hosts.sh start|stop|status [NAME...]" >&2; exit 2 ;;
  esac
done
[ "$action" = start ] && update_known_hosts
exit 0
