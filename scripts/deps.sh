#!/usr/bin/env bash
# deps.sh: install what building and testing jetdb needs on Debian, when missing.
set -euo pipefail
need=()
for pkg in build-essential cmake pkg-config libcmocka-dev libsqlite3-dev liblmdb-dev libicu-dev binutils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing: ${need[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
