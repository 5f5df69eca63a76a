#!/usr/bin/env bash
# Installs Grid+ as systemd services on Debian 12: builds the release binaries (Swift's runtime
# linked in, so they do not depend on where the toolchain lives), installs WhistleService,
# ResponseService, EvaluationService and gridctl to /usr/local/bin, the units and gridplus.target
# to /etc/systemd/system, creates the system group `gridplus` and a user for each service
# (gridplus-whistle, gridplus-response, gridplus-evaluation), moves the data of an install from
# before those users into each service's own folder, writes /etc/gridplus/gridplus.json
# from `gridctl config` (the embedded Jiading sample) if it does not exist, checks it, reloads
# systemd and enables gridplus.target. It does not start anything the first time.
#
# Safe to run again: an existing configuration is never overwritten, binaries are replaced
# atomically, and services that are running are restarted so they run the new binaries.
#
# --uninstall stops and disables the units and removes the binaries and units; it keeps the
# configuration (/etc/gridplus) and the data (/var/lib/gridplus) unless --purge is given too.
# --bin-dir DIR installs the binaries already built in DIR instead of building them.
# See docs/operations.md and `install.sh --help`.
#
# DESTDIR=/some/dir stages everything under that folder instead (for packaging or a dry look):
# no user is created or removed, nothing is chowned, and systemctl is not called. --uninstall
# under DESTDIR removes from the staged tree.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    cat <<'USAGE'
usage: install.sh [--bin-dir DIR] [--services LIST]
       install.sh --uninstall [--purge]
       install.sh --help

Installs Grid+ under systemd (run as root): the three services and gridctl in /usr/local/bin,
their units and gridplus.target in /etc/systemd/system, /etc/gridplus/gridplus.json if missing.

  --bin-dir DIR  install the binaries already built in DIR (WhistleService, ResponseService,
                 EvaluationService, gridctl) instead of running `swift build -c release`
  --services LIST
                 install only these services, with gridctl: a comma-separated list of
                 whistle, response, evaluation (default: all three). For a service host of a
                 deployment on separate hosts (docs/operations.md, "Separate hosts")
  --uninstall    stop and disable the units, remove the binaries and units; keep the
                 configuration (/etc/gridplus) and the data (/var/lib/gridplus)
  --purge        with --uninstall: remove the configuration, the data, the services' users
                 and the group gridplus too
  --help, -h     print this and exit 0

DESTDIR=DIR stages the install or the uninstall under DIR: no user, no chown, no systemctl.
USAGE
}

given="$*"
mode=install
purge=no
prebuilt=""
services=""
while [ $# -gt 0 ]; do
    case $1 in
        --uninstall) mode=uninstall ;;
        --purge) purge=yes ;;
        --bin-dir)
            if [ $# -lt 2 ] || [ -z "$2" ]; then
                echo "error: --bin-dir needs a folder" >&2; usage >&2; exit 64
            fi
            prebuilt=$2; shift ;;
        --bin-dir=*) prebuilt=${1#--bin-dir=} ;;
        --services)
            if [ $# -lt 2 ] || [ -z "$2" ]; then
                echo "error: --services needs a list, like --services whistle" >&2; usage >&2; exit 64
            fi
            services=$2; shift ;;
        --services=*)
            services=${1#--services=}
            if [ -z "$services" ]; then
                echo "error: --services needs a list, like --services whistle" >&2; usage >&2; exit 64
            fi ;;
        --help|-h) usage; exit 0 ;;
        *) echo "error: unknown option: $1" >&2; usage >&2; exit 64 ;;
    esac
    shift
done
if [ "$purge" = yes ] && [ "$mode" != uninstall ]; then
    echo "error: --purge goes with --uninstall" >&2; usage >&2; exit 64
fi
if [ "$mode" = uninstall ] && [ -n "$prebuilt" ]; then
    echo "error: --bin-dir goes with an install, not --uninstall" >&2; usage >&2; exit 64
fi
if [ "$mode" = uninstall ] && [ -n "$services" ]; then
    echo "error: --services goes with an install; --uninstall removes whatever is installed" >&2; usage >&2; exit 64
fi

source deploy/lib/layout.sh
# The services this host runs: all three, or those --services names (each once, in the usual order).
selected=()
if [ -n "$services" ]; then
    IFS=, read -r -a named <<< "$services"
    for name in "${named[@]}"; do
        case " ${GRIDPLUS_SERVICES[*]} " in
            *" $name "*) ;;
            *) echo "error: --services: '$name' is not one of: ${GRIDPLUS_SERVICES[*]}" >&2; usage >&2; exit 64 ;;
        esac
    done
    for service in "${GRIDPLUS_SERVICES[@]}"; do
        case ",$services," in *",$service,"*) selected+=("$service") ;; esac
    done
else
    selected=("${GRIDPLUS_SERVICES[@]}")
fi

destdir=${DESTDIR:-}
if [ -z "$destdir" ] && [ "$(id -u)" -ne 0 ]; then
    echo "error: install.sh must run as root (it writes /usr/local/bin, /etc/systemd/system and /etc/gridplus)." >&2
    echo "       Try: sudo bash deploy/install.sh${given:+ $given}" >&2
    exit 1
fi

bin_dir="$destdir/usr/local/bin"
unit_dir="$destdir/etc/systemd/system"
config_dir="$destdir/etc/gridplus"
config="$config_dir/gridplus.json"
# Its subfolders are created by systemd (StateDirectory=gridplus/<service>) at the first start.
data_dir="$destdir/var/lib/gridplus"
# The selected services' binaries (and gridctl) and units; all three for --uninstall.
programs=()
units=()
for service in "${selected[@]}"; do
    programs+=("$(gridplus_program "$service")")
    units+=("gridplus-$service.service")
done
programs+=(gridctl)

if [ "$mode" = uninstall ]; then
    source deploy/lib/uninstall.sh
    gridplus_uninstall
    exit 0
fi

source deploy/lib/prerequisites.sh
if [ -n "$prebuilt" ]; then
    gridplus_require_packages   # libzmq and SQLite, which the binaries load
    built=$prebuilt
    for program in "${programs[@]}"; do
        if [ ! -x "$built/$program" ]; then
            echo "error: --bin-dir $built has no executable $program" >&2
            exit 1
        fi
    done
else
    gridplus_prerequisites   # Swift 6 on PATH (clear error otherwise), libzmq3-dev, libsqlite3-dev, libsodium-dev, tzdata
    echo "building the release binaries…" >&2
    build=(swift build -c release --static-swift-stdlib)
    "${build[@]}"
    built=$("${build[@]}" --show-bin-path)
fi

# Copy to a temporary name, then rename: a running service keeps its old file and is never
# left with a half-written binary (copying over a running executable fails with "Text file busy").
install -d -m 0755 "$bin_dir"
for program in "${programs[@]}"; do
    install -m 0755 "$built/$program" "$bin_dir/.$program.new"
    mv -f "$bin_dir/.$program.new" "$bin_dir/$program"
done

install -d -m 0755 "$unit_dir"
for unit in "${units[@]}" gridplus.target; do
    install -m 0644 "deploy/systemd/$unit" "$unit_dir/$unit"
done

if [ -z "$destdir" ]; then
    # A user of its own for each service, in the group gridplus, which reads the configuration.
    if ! getent group gridplus >/dev/null; then
        groupadd --system gridplus
        echo "created system group gridplus" >&2
    fi
    for service in "${selected[@]}"; do
        if ! getent passwd "gridplus-$service" >/dev/null; then
            useradd --system --gid gridplus --home-dir "/var/lib/gridplus/$service" --no-create-home \
                    --shell /usr/sbin/nologin --comment "Grid+ $service service" "gridplus-$service"
            echo "created system user gridplus-$service" >&2
        fi
    done
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

# An upgrade from the shared data folder: stop what runs, move each service's files into its own.
stopped=()
if gridplus_has_shared_data "$data_dir"; then
    for unit in "${units[@]}"; do
        systemctl is-active --quiet "$unit" && stopped+=("$unit")
    done
    if [ ${#stopped[@]} -gt 0 ]; then systemctl stop "${stopped[@]}"; fi
    gridplus_split_data "$data_dir"
fi

systemctl daemon-reload
systemctl enable gridplus.target "${units[@]}"
# Restart only what is running (an upgrade); a first install starts nothing.
systemctl try-restart "${units[@]}"
if [ ${#stopped[@]} -gt 0 ]; then systemctl start "${stopped[@]}"; fi

if [ -n "$services" ]; then
    echo "Grid+ (${selected[*]}) is installed. Start it with:  systemctl start ${units[*]}" >&2
else
    echo "Grid+ is installed. Start it with:  systemctl start gridplus.target" >&2
fi
echo "Watch it with:  gridctl --config $config status   and   journalctl -u 'gridplus-*' -f" >&2
