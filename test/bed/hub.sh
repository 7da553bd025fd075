#!/usr/bin/env bash
# Starts or stops the real, unmodified JupyterHub as the unprivileged hub
# account, with Isobar's hub-config and the PAM authenticator.
#   hub.sh start | stop | status      (site config: $ISOBAR_SITE_CONFIG)
source "$(dirname "$0")/lib.sh"
need_root
site=${ISOBAR_SITE_CONFIG:-$ISOBAR_ETC/site.yaml}
pidfile=$BED_RUN/hub.pid
mkdir -p "$BED_RUN" "$BED_LOG"

case ${1:-status} in
  start)
    if pid_alive "$pidfile"; then log "hub already running (pid $(cat "$pidfile"))"; exit 0; fi
    if curl -fsS -o /dev/null "$PUBLIC_URL/hub/api/" 2>/dev/null; then
      log "something already answers at $PUBLIC_URL but it is not this bed's hub: stop it first"; exit 1
    fi
    cd "$HUB_HOME"
    "${AS_HUB[@]}" ISOBAR_SITE_CONFIG="$site" ISOBAR_LOG_LEVEL="${ISOBAR_LOG_LEVEL:-info}" \
      /usr/bin/jupyterhub -f "$ISOBAR_PREFIX/hub-config/jupyterhub_config.py" \
      >> "$BED_LOG/hub.log" 2>&1 < /dev/null &
    echo $! > "$pidfile"
    for _ in $(seq 300); do
      if ! pid_alive "$pidfile"; then
        log "the hub exited; last lines of $BED_LOG/hub.log:"; tail -n 20 "$BED_LOG/hub.log" >&2; rm -f "$pidfile"; exit 1
      fi
      curl -fsS "$PUBLIC_URL/hub/api/" >/dev/null 2>&1 && break
      sleep 0.1
    done
    curl -fsS "$PUBLIC_URL/hub/api/" >/dev/null || { log "the hub did not answer at $PUBLIC_URL"; exit 1; }
    log "hub up at $PUBLIC_URL (pid $(cat "$pidfile"), user $HUB_ACCOUNT)"
    ;;
  stop)
    if pid_alive "$pidfile"; then
      pid=$(cat "$pidfile")
      kill -TERM "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && { log "hub did not stop, killing"; kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"; }
      log "hub stopped"
    fi
    rm -f "$pidfile"
    ;;
  status)
    if pid_alive "$pidfile"; then echo "hub up (pid $(cat "$pidfile"))"; else echo "hub down"; fi
    ;;
  *) echo "usage: hub.sh start|stop|status" >&2; exit 2 ;;
esac
