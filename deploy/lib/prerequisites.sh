# Sourced by deploy/*.sh: makes sure Swift 6 and the Debian packages Grid+ builds against are there.
# Idempotent: installs only what is missing, and runs apt-get update only when it must install.

GRIDPLUS_APT_PACKAGES=(libzmq3-dev libsqlite3-dev libsodium-dev tzdata pkg-config)

gridplus_require_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        echo "error: Swift 6 is required but 'swift' is not on PATH." >&2
        echo "       Install the Swift 6 toolchain for Debian 12 from swift.org and add its usr/bin to PATH." >&2
        exit 1
    fi
    local version
    version=$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9][0-9]*\)\..*/\1/p' | head -n1)
    if [ -z "$version" ] || [ "$version" -lt 6 ]; then
        echo "error: Swift 6 or later is required; found: $(swift --version 2>&1 | head -n1)" >&2
        exit 1
    fi
}

gridplus_require_packages() {
    local missing=()
    local package
    for package in "${GRIDPLUS_APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing Debian packages: ${missing[*]}" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            echo "error: missing packages ${missing[*]}; run as root or install them with apt-get" >&2
            exit 1
        fi
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

gridplus_prerequisites() {
    gridplus_require_swift
    gridplus_require_packages
}
