#!/usr/bin/env bash
# docker-compose for the test that checks docker-compose.yml (`docker-compose config -q`: the file parses, merges and
# names only options Compose knows). Needs no Docker daemon.
exec bash "$(dirname "$0")/ensure-debian-package.sh" docker-compose docker-compose
