#!/usr/bin/env bash
# Installs the hub the way it starts fastest: the jar extracted (Spring Boot's `-Djarmode=tools extract`: the
# application jar plus lib/) and a class data sharing archive recorded by a training run of it.
#   docker/cds-archive.sh <receivables-hub.jar> <folder>
# Run it in the hub's home (routes/, adapters/, mappings/, config/ beside it). The training run starts the hub
# with the defaults (embedded H2 and broker in a scratch data folder, random ports) and exits once its
# /actuator/health answers UP (hub.exit-when-ready=true), so the archive holds what the whole start loads (the routes,
# the SOAP endpoint and Tomcat included); the JVM writes those classes to <folder>/receivables-hub.jsa.
# Then start the hub with:
#   java @config/jvm.options -XX:SharedArchiveFile=<folder>/receivables-hub.jsa -jar <folder>/receivables-hub.jar [arguments]
# (the training run uses the same JVM options, config/jvm.options)
# The archive belongs to this jar and this JVM: make it again after either changes (a stale archive is ignored by
# the JVM, with a warning, and the hub starts without it).
set -euo pipefail
jar=${1:?usage: cds-archive.sh <receivables-hub.jar> <folder>}
dest=${2:?usage: cds-archive.sh <receivables-hub.jar> <folder>}
java=${JAVA:-java}
rm -rf "$dest"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dest" > /dev/null
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if ! "$java" @config/jvm.options -XX:ArchiveClassesAtExit="$dest/receivables-hub.jsa" \
    -jar "$dest/receivables-hub.jar" --hub.data-dir="$scratch/data" --server.port=0 --hub.broker.port=0 \
    --hub.exit-when-ready=true \
    > "$scratch/training.log" 2>&1 || [ ! -s "$dest/receivables-hub.jsa" ]; then
  echo "cds-archive: the training run failed; its log:" >&2
  tail -50 "$scratch/training.log" >&2
  exit 1
fi
