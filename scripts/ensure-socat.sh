#!/usr/bin/env bash
# socat for the edge bridge's serial tests and throughput script: they join the bridge and the simulated field
# devices through a real pseudo-terminal pair (socat pty,raw,echo=0 pty,raw,echo=0).
exec bash "$(dirname "$0")/ensure-debian-package.sh" socat socat
