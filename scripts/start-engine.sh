#!/usr/bin/env bash
# Starts a Docker engine when none answers on /var/run/docker.sock (or
# $DOCKER_HOST). Bridge and iptables are off: containers get loopback only.
set -u
engine_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
engine_up && exit 0
if ! command -v dockerd >/dev/null 2>&1; then
  echo "start-engine: dockerd is not installed (scripts/install-deps.sh installs docker.io)" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "start-engine: no engine is running and starting dockerd needs root" >&2
  exit 1
fi
mkdir -p /var/log
nohup dockerd --bridge=none --iptables=false >/var/log/drydock-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  engine_up && exit 0
  sleep 1
done
echo "start-engine: dockerd did not come up; see /var/log/drydock-dockerd.log" >&2
exit 1
