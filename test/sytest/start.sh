#!/bin/sh
# test/sytest/start.sh: SyTest starts Switchboard through this, once per homeserver (server-0,
# server-1), in the project root, with the SYTEST_* variables set (see ../shared/sytest/README.md
# and test/sytest/README.md). It writes a Switchboard config into $SYTEST_DATA_DIR and execs node,
# so the server gets SyTest's SIGTERM directly.
# SYTEST_LOG_LEVEL (default warn) sets log_level, e.g. SYTEST_LOG_LEVEL=debug test/sytest/run.sh ...
set -eu

: "${SYTEST_SERVER_NAME:?}" "${SYTEST_TLS_PORT:?}" "${SYTEST_HTTP_PORT:?}" "${SYTEST_DATA_DIR:?}"
: "${SYTEST_TLS_CERT:?}" "${SYTEST_TLS_KEY:?}" "${SYTEST_CA_CERT:?}"

# SWITCHBOARD_DIST (default dist) lets several people run SyTest from one checkout with their own builds.
DIST="${SWITCHBOARD_DIST:-dist}"
MAIN="$DIST/apps/homeserver/src/main.js"
# test/sytest/run.sh builds once before SyTest starts; build here only when nobody did.
[ -f "$MAIN" ] || npx swc apps libs bridges --out-dir "$DIST" --quiet --ignore "**/*.spec.ts"

# Every address the bind host resolves to (localhost: 127.0.0.1, and ::1 where /etc/hosts says so).
BIND_HOST="${SYTEST_BIND_HOST:-localhost}"
ADDRS=$(getent ahosts "$BIND_HOST" 2>/dev/null | awk '{print $1}' | sort -u) || ADDRS=
[ -n "$ADDRS" ] || ADDRS=127.0.0.1
BIND=""
for a in $ADDRS; do BIND="${BIND:+$BIND, }\"$a\""; done

# app_service_config_files: ':'-separated registration YAMLs (only server-0 gets any).
AS_FILES=""
OLDIFS=$IFS; IFS=:
for f in ${SYTEST_APPSERVICE_CONFIGS:-}; do
  [ -n "$f" ] && AS_FILES="${AS_FILES:+$AS_FILES, }\"$f\""
done
IFS=$OLDIFS

SECRET="${SYTEST_REGISTRATION_SHARED_SECRET:-}"
if [ -n "$SECRET" ]; then SECRET="\"$SECRET\""; else SECRET=null; fi

# recaptcha, smtp and cas come only in SyTest's JSON config ($SYTEST_CONFIG); each becomes our
# section of that name (JSON is valid YAML). SyTest's fake identity server has a self-signed cert.
SY_SECTIONS=""
if [ -n "${SYTEST_CONFIG:-}" ] && [ -f "$SYTEST_CONFIG" ]; then
  SY_SECTIONS=$(node -e '
    const sy = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const out = [];
    if (sy.recaptcha) out.push("recaptcha: " + JSON.stringify({
      public_key: sy.recaptcha.public_key, private_key: sy.recaptcha.private_key,
      siteverify_api: sy.recaptcha.siteverify_api }));
    if (sy.smtp) out.push("email: " + JSON.stringify({
      smtp_host: sy.smtp.host, smtp_port: sy.smtp.port, notif_from: "switchboard@localhost" }));
    if (sy.cas) out.push("cas: " + JSON.stringify({ server_url: sy.cas.server_url }));
    process.stdout.write(out.join("\n"));
  ' "$SYTEST_CONFIG")
fi

CONFIG="$SYTEST_DATA_DIR/homeserver.yaml"
mkdir -p "$SYTEST_DATA_DIR"
cat > "$CONFIG" <<YAML
# Written by test/sytest/start.sh for SyTest server ${SYTEST_HS_INDEX:-0}.
server_name: "$SYTEST_SERVER_NAME"
public_baseurl: "${SYTEST_PUBLIC_BASEURL:-https://$SYTEST_SERVER_NAME}"
data_dir: "$SYTEST_DATA_DIR"
default_room_version: "10"
log_level: ${SYTEST_LOG_LEVEL:-warn}
listeners:
  - port: $SYTEST_TLS_PORT
    bind_addresses: [$BIND]
    tls: { certificate: "$SYTEST_TLS_CERT", key: "$SYTEST_TLS_KEY" }
    resources: [client, federation, admin, metrics]
  - port: $SYTEST_HTTP_PORT
    bind_addresses: [$BIND]
    tls: null
    resources: [client]
database: { url: null }
registration:
  enabled: true
  require_token: false
  allow_guest_access: true
  shared_secret: $SECRET
rate_limiting: { enabled: false }
federation:
  enabled: true
  verify_certificates: true
  trusted_ca_files: ["$SYTEST_CA_CERT"]
  ip_range_allowlist: ["127.0.0.0/8", "::1/128"]
media: { url_preview_ip_range_allowlist: ["127.0.0.0/8", "::1/128"] }
app_service_config_files: [$AS_FILES]
identity_servers: { verify_certificates: false }
$SY_SECTIONS
YAML

exec node "$MAIN" --config "$CONFIG"
