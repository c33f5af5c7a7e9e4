#!/usr/bin/env bash
# Install the system packages the app and its tests need, where this machine allows it.
#   runtime: the libraries WeasyPrint renders PDFs with and a Times-compatible Vietnamese serif;
#   browser: Debian's Chromium for the browser tests (Playwright cannot download its own here);
#   office: LibreOffice Writer, which the tests print the Word files with, as a clerk's office does.
# Usage: scripts/system-packages.sh runtime|browser|office ...   Prints what is missing when it cannot install.
set -u

want=()
for group in "$@"; do
  case "$group" in
    runtime) want+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fontconfig) ;;
    browser) want+=(chromium) ;;
    office) want+=(libreoffice-writer-nogui) ;;
    *) echo "unknown group: $group" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Not a Debian-like system: install these packages (or their equivalents) yourself: ${missing[*]}" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    echo "Missing system packages (run as root to install them): sudo apt-get install ${missing[*]}" >&2
    exit 0
  fi
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# The package lists may be stale or absent on a new machine: refresh them once before installing.
$sudo apt-get update -qq >/dev/null 2>&1 || true
if ! $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  echo "Could not install: ${missing[*]} (apt-get failed). PDFs or browser tests may not work." >&2
fi
exit 0
