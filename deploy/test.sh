#!/usr/bin/env bash
# The CI tier: builds everything (services, gridctl, tests) and runs every test, including the
# integration tests that launch the three services as processes over real ZeroMQ and SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/lib/prerequisites.sh
# iproute2's ip makes the network namespaces of the separate-hosts tests.
GRIDPLUS_APT_PACKAGES+=(iproute2)
gridplus_prerequisites

swift build --build-tests
GRIDPLUS_BIN_DIR=$(swift build --show-bin-path) swift test --skip-build --disable-xctest "$@"
