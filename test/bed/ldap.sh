#!/usr/bin/env bash
# The test bed's directory: an OpenLDAP slapd of its own, for LDAP groups.
#   ldap.sh install | start | stop | status
# install: Debian's slapd and ldap-utils, non-interactively (debconf preseed:
#   domain isobar.test, admin password from $ISOBAR_ETC/ldap-admin.secret).
#   The package's own system instance is configured but never started here.
# start:   installs if needed, then (unless already running) rebuilds this
#   instance's config and database from scratch under $LDAP_HOME and starts
#   slapd on $LDAP_URL only, so every start gives the same known directory.
# stop:    stops it by pid; nothing of it keeps running.
#
# The directory (base dc=isobar,dc=test):
#   ou=people   one inetOrgPerson per test user (uid=<name>), no passwords
#   ou=groups   posixGroup entries, members by login name (memberUid):
#               forecasters (jacintar, alice), atmosphere-ops (jacintar),
#               oceans-ops (bob)
#   cn=isobar-reader  the hub's read-only bind account; its password is in
#               $ISOBAR_ETC/ldap-reader.secret (0640, group isobar if it exists)
# posixGroup/memberUid is used, not groupOfNames/member, because the hub knows
# a person by login name: the lookup filter takes that name as it is, with no
# DN to build, just as unix groups do.
# Anonymous clients may bind but read nothing, so a failed bind is visible as
# an error rather than as an empty answer. StartTLS is offered with a
# certificate from the bed's own CA ($LDAP_HOME/tls/ca.crt).
source "$(dirname "$0")/lib.sh"
need_root

LDAP_HOME=${ISOBAR_LDAP_HOME:-/var/lib/isobar-ldap}
LDAP_PORT=${ISOBAR_LDAP_PORT:-3389}
LDAP_URL=ldap://127.0.0.1:$LDAP_PORT/
LDAP_BASE=dc=isobar,dc=test
LDAP_ADMIN_DN=cn=admin,$LDAP_BASE
LDAP_READER_DN=cn=isobar-reader,$LDAP_BASE
ADMIN_SECRET=$ISOBAR_ETC/ldap-admin.secret
READER_SECRET=$ISOBAR_ETC/ldap-reader.secret
PIDFILE=$LDAP_HOME/run/slapd.pid
SCHEMA_DIR=/etc/ldap/schema

# Writes a random secret to FILE (mode, group) unless it exists; fixes its mode either way.
ensure_secret() { # file mode group
  install -d -m 0755 "$ISOBAR_ETC"
  if [ ! -s "$1" ]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$1")
  fi
  chown "root:$3" "$1"
  chmod "$2" "$1"
}

packages_installed() {
  [ "$(dpkg-query -W -f='${Status}\n' slapd ldap-utils 2>/dev/null | grep -c '^install ok installed$')" = 2 ]
}

# Alive and really our slapd: a stale pid file may name a reused pid, and a
# killed slapd stays a zombie until init reaps it, which kill -0 cannot tell.
slapd_alive() {
  local pid state
  pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = slapd ] || return 1
  state=$(sed -e 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)
  [ -n "$state" ] && [ "$state" != Z ]
}

reader_group() { if getent group "$HUB_ACCOUNT" >/dev/null; then echo "$HUB_ACCOUNT"; else echo root; fi; }

install_packages() {
  ensure_secret "$ADMIN_SECRET" 0600 root
  if ! packages_installed; then
    log "installing slapd and ldap-utils"
    local password
    password=$(cat "$ADMIN_SECRET")
    debconf-set-selections <<PRESEED
slapd slapd/no_configuration boolean false
slapd slapd/domain string isobar.test
slapd shared/organization string Isobar test bed
slapd slapd/password1 password $password
slapd slapd/password2 password $password
slapd slapd/purge_database boolean true
slapd slapd/move_old_database boolean true
PRESEED
    # The package would start its system instance on port 389; the bed runs
    # its own, so keep the package from starting anything (as Docker does).
    local policy=/usr/sbin/policy-rc.d added=0
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 0755 "$policy" && added=1
    fi
    local status=0
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends slapd ldap-utils >&2 || status=$?
    if [ "$added" = 1 ]; then rm -f "$policy"; fi
    if [ "$status" != 0 ]; then exit "$status"; fi
  fi
}

ssha() { slappasswd -n -h '{SSHA}' -T "$1"; }

write_tls() {
  local dir=$LDAP_HOME/tls
  install -d -m 0750 -o root -g openldap "$dir"
  if [ ! -s "$dir/server.crt" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=Isobar test bed LDAP CA' \
      -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj '/CN=localhost' -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$dir/ext.cnf"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 3650 \
      -extfile "$dir/ext.cnf" -out "$dir/server.crt" 2>/dev/null
    rm -f "$dir/server.csr" "$dir/ext.cnf"
  fi
  chown root:openldap "$dir/server.key" && chmod 0640 "$dir/server.key"
  chmod 0600 "$dir/ca.key"
  chmod 0644 "$dir/ca.crt" "$dir/server.crt"
}

# cn=config for this instance: mdb database, the schemas posixGroup needs,
# access rules (reader reads, anonymous only authenticates), TLS.
config_ldif() { # admin-hash
  cat <<LDIF
dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: $PIDFILE
olcArgsFile: $LDAP_HOME/run/slapd.args
olcLogLevel: none
olcTLSCACertificateFile: $LDAP_HOME/tls/ca.crt
olcTLSCertificateFile: $LDAP_HOME/tls/server.crt
olcTLSCertificateKeyFile: $LDAP_HOME/tls/server.key

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

LDIF
  for schema in core cosine nis inetorgperson; do
    cat "$SCHEMA_DIR/$schema.ldif"
    echo
  done
  cat <<LDIF
dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcSizeLimit: 500

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by dn.exact=gidNumber=0+uidNumber=0,cn=peercred,cn=external,cn=auth manage by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcDbDirectory: $LDAP_HOME/db
olcSuffix: $LDAP_BASE
olcRootDN: $LDAP_ADMIN_DN
olcRootPW: $1
olcDbIndex: objectClass eq
olcDbIndex: memberUid eq
olcDbIndex: uid eq
olcAccess: {0}to attrs=userPassword by self =xw by anonymous auth by * none
olcAccess: {1}to * by dn.exact="$LDAP_READER_DN" read by self read by * none
LDIF
}

data_ldif() { # reader-hash
  cat <<LDIF
dn: $LDAP_BASE
objectClass: dcObject
objectClass: organization
dc: isobar
o: Isobar test bed

dn: ou=people,$LDAP_BASE
objectClass: organizationalUnit
ou: people

dn: ou=groups,$LDAP_BASE
objectClass: organizationalUnit
ou: groups

dn: $LDAP_READER_DN
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: isobar-reader
description: Isobar hub: reads groups, nothing else
userPassword: $1

LDIF
  local user
  for user in "${BED_USERS[@]}"; do
    printf 'dn: uid=%s,ou=people,%s\nobjectClass: inetOrgPerson\nuid: %s\ncn: %s\nsn: %s\n\n' \
      "$user" "$LDAP_BASE" "$user" "$user" "$user"
  done
  group_ldif forecasters 5001 jacintar alice
  group_ldif atmosphere-ops 5002 jacintar
  group_ldif oceans-ops 5003 bob
}

group_ldif() { # name gid member...
  local name=$1 gid=$2 member
  shift 2
  printf 'dn: cn=%s,ou=groups,%s\nobjectClass: posixGroup\ncn: %s\ngidNumber: %s\n' "$name" "$LDAP_BASE" "$name" "$gid"
  for member in "$@"; do printf 'memberUid: %s\n' "$member"; done
  echo
}

build_instance() {
  ensure_secret "$READER_SECRET" 0640 "$(reader_group)"
  write_tls
  rm -rf "$LDAP_HOME/slapd.d" "$LDAP_HOME/db"
  install -d -m 0750 -o openldap -g openldap "$LDAP_HOME/slapd.d" "$LDAP_HOME/db" "$LDAP_HOME/run"
  local tmp
  tmp=$(mktemp -d)
  config_ldif "$(ssha "$ADMIN_SECRET")" > "$tmp/config.ldif"
  data_ldif "$(ssha "$READER_SECRET")" > "$tmp/data.ldif"
  slapadd -q -n 0 -F "$LDAP_HOME/slapd.d" -l "$tmp/config.ldif"
  slapadd -q -n 1 -F "$LDAP_HOME/slapd.d" -l "$tmp/data.ldif"
  rm -rf "$tmp"
  chown -R openldap:openldap "$LDAP_HOME/slapd.d" "$LDAP_HOME/db"
}

start() {
  install_packages
  if slapd_alive; then
    log "slapd already up on $LDAP_URL (pid $(cat "$PIDFILE"))"
    return 0
  fi
  build_instance
  /usr/sbin/slapd -h "$LDAP_URL" -F "$LDAP_HOME/slapd.d" -u openldap -g openldap
  local _
  for _ in $(seq 100); do
    if slapd_alive && ldapsearch -x -H "$LDAP_URL" -s base -b '' -LLL namingContexts >/dev/null 2>&1; then
      log "slapd up on $LDAP_URL (pid $(cat "$PIDFILE")), base $LDAP_BASE"
      return 0
    fi
    sleep 0.1
  done
  log "slapd did not start; try: slaptest -F $LDAP_HOME/slapd.d, or slapd -d 256 -h $LDAP_URL -F $LDAP_HOME/slapd.d"
  exit 1
}

stop() {
  if slapd_alive; then
    local pid _
    pid=$(cat "$PIDFILE")
    kill -TERM "$pid"
    for _ in $(seq 100); do slapd_alive || break; sleep 0.1; done
    # slapd waits for open operations; a test bed does not.
    if slapd_alive; then kill -KILL "$pid"; fi
    log "slapd down"
  fi
  rm -f "$PIDFILE"
}

case ${1:-status} in
  install) install_packages ;;
  start) start ;;
  stop) stop ;;
  status) if slapd_alive; then echo "slapd $LDAP_URL up"; else echo "slapd $LDAP_URL down"; fi ;;
  *) echo "usage: ldap.sh install|start|stop|status" >&2; exit 2 ;;
esac
