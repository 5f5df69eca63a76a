#!/usr/bin/env bash
# Installs Grid+ as systemd services on Debian 12: builds the release binaries (Swift's runtime
# linked in, so they do not depend on where the toolchain lives), installs WhistleService,
# ResponseService, EvaluationService and gridctl to /usr/local/bin, the units and gridplus.target
# to /etc/systemd/system, creates the system user `gridplus`, writes /etc/gridplus/gridplus.json
# from `gridctl config` (the embedded Jiading sample) if it does not exist, checks it, reloads
# systemd and enables gridplus.target. It does not start anything the first time.
#
# Safe to run again: an existing configuration is never overwritten, binaries are replaced
# atomically, and services that are running are restarted so they run the new binaries.
# See docs/operations.md.
#
# DESTDIR=/some/dir stages everything under that folder instead (for packaging or a dry look):
# no user is created, nothing is chowned, and systemctl is not called.
set -euo pipefail
cd "$(dirname "$0")/.."

destdir=${DESTDIR:-}
if [ -z "$destdir" ] && [ "$(id -u)" -ne 0 ]; then
    echo "error: install.sh must run as root (it writes /usr/local/bin, /etc/systemd/system and /etc/gridplus)." >&2
    echo "       Try: sudo bash deploy/install.sh" >&2
    exit 1
fi

source deploy/lib/prerequisites.sh
gridplus_prerequisites   # Swift 6 on PATH (clear error otherwise), libzmq3-dev, libsqlite3-dev, tzdata

bin_dir="$destdir/usr/local/bin"
unit_dir="$destdir/etc/systemd/system"
config_dir="$destdir/etc/gridplus"
config="$config_dir/gridplus.json"
services=(WhistleService ResponseService EvaluationService)
units=(gridplus-whistle.service gridplus-response.service gridplus-evaluation.service)

echo "building the release binaries…" >&2
build=(swift build -c release --static-swift-stdlib)
"${build[@]}"
built=$("${build[@]}" --show-bin-path)

# Copy to a temporary name, then rename: a running service keeps its old file and is never
# left with a half-written binary (copying over a running executable fails with "Text file busy").
install -d -m 0755 "$bin_dir"
for program in "${services[@]}" gridctl; do
    install -m 0755 "$built/$program" "$bin_dir/.$program.new"
    mv -f "$bin_dir/.$program.new" "$bin_dir/$program"
done

install -d -m 0755 "$unit_dir"
for unit in "${units[@]}" gridplus.target; do
    install -m 0644 "deploy/systemd/$unit" "$unit_dir/$unit"
done

if [ -z "$destdir" ] && ! getent passwd gridplus >/dev/null; then
    useradd --system --user-group --home-dir /var/lib/gridplus --no-create-home \
            --shell /usr/sbin/nologin --comment "Grid+ services" gridplus
    echo "created system user gridplus" >&2
fi

install -d -m 0750 "$config_dir"
if [ ! -e "$config" ]; then
    "$bin_dir/gridctl" config > "$config.new"
    chmod 0640 "$config.new"
    mv "$config.new" "$config"
    echo "wrote $config from the embedded default (the Jiading sample); edit it before the first start" >&2
else
    echo "kept the existing $config" >&2
fi
if [ -z "$destdir" ]; then
    chown root:gridplus "$config_dir" "$config"
fi

# Exit 78 with every mistake and its JSON pointer if the file cannot be used.
"$bin_dir/gridctl" --config "$config" check

if [ -n "$destdir" ]; then
    echo "staged under $destdir; systemctl was not called" >&2
    exit 0
fi

systemctl daemon-reload
systemctl enable gridplus.target "${units[@]}"
# Restart only what is running (an upgrade); a first install starts nothing.
systemctl try-restart "${units[@]}"

echo "Grid+ is installed. Start it with:  systemctl start gridplus.target" >&2
echo "Watch it with:  gridctl --config $config status   and   journalctl -u 'gridplus-*' -f" >&2
