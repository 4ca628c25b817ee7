#!/bin/sh
# The image's entry point: the first argument picks what runs (see deploy/Dockerfile).
set -eu
cd "$(dirname "$0")/.."

SERVICES="cssm-server cssm-adapter licensing-agent scheduler device-gateway"
cmd="${1:-all}"
[ "$#" -gt 0 ] && shift

case "$cmd" in
  all)
    # Every service in one container, plus the demo account (tools/start.mjs).
    exec node tools/start.mjs "$@"
    ;;
  migrate)
    if [ "$#" -eq 0 ]; then
      exec node tools/migrate.mjs
    fi
    # One service's migrations, e.g. `migrate cssm-server` with FLEETLIC_CSSM_INSTANCE=onprem.
    exec node "dist/apps/$1/src/migrate.js"
    ;;
  seed)
    # Creates the demo account on the license server (what npm start does) and prints it.
    exec node dist/apps/cssm-server/src/seed-cli.js "$@"
    ;;
  healthcheck)
    exec node deploy/healthcheck.mjs "$@"
    ;;
  cssm-server|cssm-adapter|licensing-agent|scheduler|device-gateway)
    export OTEL_SERVICE_NAME="${OTEL_SERVICE_NAME:-$cmd}"
    # A smaller young generation: RSS under load drops by ~100 MB per service, CPU does not grow (docs/decisions.md).
    exec node --max-semi-space-size=8 --enable-source-maps --require ./dist/libs/telemetry/src/preload.js "dist/apps/$cmd/src/main.js" "$@"
    ;;
  *)
    echo "usage: entrypoint.sh <service>|migrate [service]|seed|all|healthcheck [service]" >&2
    echo "services: $SERVICES" >&2
    exit 64
    ;;
esac
