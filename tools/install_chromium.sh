#!/usr/bin/env bash
# The web tests drive Debian's Chromium (Playwright's own browser download cannot run here). Install it once, as
# root, when it is missing; without root the browser tests are skipped and say why.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
    echo "chromium is missing and this is not root: the browser tests will be skipped" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q chromium >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1 ||
        echo "chromium could not be installed: the browser tests will be skipped (pytest -ra says so)" >&2
fi
