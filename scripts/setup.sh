#!/usr/bin/env bash
# Install everything Counterwatch needs on a fresh Debian machine with Python 3.11: system libraries
# (apt), then a virtual environment in .venv with the package and its test tools (pip).
set -euo pipefail
cd "$(dirname "$0")/.."

# libicu-dev, pkg-config: build PyICU (followthemoney's name normalisation).
# postgresql: the team database server, started by scripts/postgres.sh for tests and teams.
# chromium, fonts-noto-cjk: the real browser for end-to-end tests of the atlas, with Chinese glyphs.
need_apt=()
for pkg in libicu-dev pkg-config postgresql chromium fonts-noto-cjk; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need_apt[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
