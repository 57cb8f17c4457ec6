#!/usr/bin/env bash
# Starts and stops a standalone ActiveMQ Artemis 2.40.0 for the external-broker tests, on 127.0.0.1 only.
#   .ci/artemis.sh start   download (Maven Central), create an instance, start it, wait until it listens
#   .ci/artemis.sh stop    stop it (waits until it no longer listens)
# The instance lives in .ci/artemis/ (ignored by git). Port: ARTEMIS_PORT (default 61716).
set -euo pipefail
cd "$(dirname "$0")"
VERSION=2.40.0
PORT=${ARTEMIS_PORT:-61716}
HOME_DIR=$PWD/artemis
DIST=$HOME_DIR/apache-artemis-$VERSION
# One instance per port, so a test may run its own broker beside the default one.
INSTANCE=$HOME_DIR/instance
[ "$PORT" = 61716 ] || INSTANCE=$HOME_DIR/instance-$PORT
PASSWORD_FILE=$HOME_DIR/hub.password
FUNDER_USER=funder-demo-bank-fujian
FUNDER_PASSWORD_FILE=$HOME_DIR/funder.password

start() {
  mkdir -p "$HOME_DIR"
  if [ ! -x "$DIST/bin/artemis" ]; then
    mvn -q -B dependency:copy -Dartifact=org.apache.activemq:apache-artemis:$VERSION:tar.gz:bin \
      -DoutputDirectory="$HOME_DIR" -Dmdep.stripVersion=false
    tar -xzf "$HOME_DIR/apache-artemis-$VERSION-bin.tar.gz" -C "$HOME_DIR"
  fi
  for f in "$PASSWORD_FILE" "$FUNDER_PASSWORD_FILE"; do
    [ -f "$f" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$f"
  done
  if [ ! -d "$INSTANCE" ]; then
    "$DIST/bin/artemis" create "$INSTANCE" --silent --user hub --password "$(cat "$PASSWORD_FILE")" \
      --require-login --host 127.0.0.1 --http-host 127.0.0.1 --default-port "$PORT" \
      --no-amqp-acceptor --no-mqtt-acceptor --no-hornetq-acceptor --no-stomp-acceptor --no-web >/dev/null
    # The hub identifies a funder by the user the broker validated; the broker must stamp it on every message.
    sed -i 's#<persistence-enabled>true</persistence-enabled>#<persistence-enabled>true</persistence-enabled>\n      <populate-validated-user>true</populate-validated-user>#' \
      "$INSTANCE/etc/broker.xml"
    # One funder of the demo adapters, for the tests that send as a funder.
    printf "\n%s = %s\n" "$FUNDER_USER" "$(cat "$FUNDER_PASSWORD_FILE")" >> "$INSTANCE/etc/artemis-users.properties"
    sed -i "s/^amq = hub$/amq = hub,$FUNDER_USER/" "$INSTANCE/etc/artemis-roles.properties"
  fi
  "$INSTANCE/bin/artemis-service" start >/dev/null
  for _ in $(seq 1 60); do
    if (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null; then
      echo "artemis $VERSION listening on 127.0.0.1:$PORT"
      return 0
    fi
    sleep 1
  done
  echo "artemis did not start; log:" >&2
  tail -50 "$INSTANCE/log/artemis.log" >&2 || true
  exit 1
}

stop() {
  if [ -x "$INSTANCE/bin/artemis-service" ]; then
    "$INSTANCE/bin/artemis-service" stop >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do
      (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null || return 0
      sleep 1
    done
    "$INSTANCE/bin/artemis-service" force-stop >/dev/null 2>&1 || true
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
