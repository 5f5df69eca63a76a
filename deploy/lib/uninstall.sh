# Sourced by deploy/install.sh for --uninstall. Uses its variables: destdir, bin_dir, unit_dir,
# config_dir, data_dir, programs, units and purge.
#
# Removes what install.sh installed and nothing else: the four binaries and the four units. The
# configuration (/etc/gridplus, and the operator's drop-ins /etc/systemd/system/gridplus-*.d)
# and the data (/var/lib/gridplus, which systemd created at the first start) stay unless
# purge=yes, which removes them and the services' users and group too. Each step looks before it acts,
# so a second run finds nothing to do and says so.

gridplus_uninstall() {
    local present_units=() present_programs=() leftovers=() configuration=() data=()
    local unit program path
    for unit in gridplus.target "${units[@]}"; do
        [ -e "$unit_dir/$unit" ] && present_units+=("$unit")
    done
    for program in "${programs[@]}"; do
        [ -e "$bin_dir/$program" ] && present_programs+=("$program")
        # What an install cut short leaves behind (it copies to a temporary name, then renames).
        [ -e "$bin_dir/.$program.new" ] && leftovers+=("$bin_dir/.$program.new")
    done
    for unit in "${units[@]}" gridplus.target; do
        [ -e "$unit_dir/$unit.d" ] && configuration+=("$unit_dir/$unit.d")
    done
    [ -e "$config_dir" ] && configuration+=("$config_dir")
    [ -e "$data_dir" ] && data+=("$data_dir")
    # The services' users (gridplus-<service>), and the user gridplus of installs before them.
    local users=() name
    if [ -z "$destdir" ] && [ "$purge" = yes ]; then
        for name in gridplus gridplus-whistle gridplus-response gridplus-evaluation; do
            getent passwd "$name" >/dev/null && users+=("$name")
        done
    fi
    local user=no
    if [ ${#users[@]} -gt 0 ] || { [ -z "$destdir" ] && [ "$purge" = yes ] && getent group gridplus >/dev/null; }; then user=yes; fi

    local work=no
    if [ ${#present_units[@]} -gt 0 ] || [ ${#present_programs[@]} -gt 0 ] || [ ${#leftovers[@]} -gt 0 ]; then
        work=yes
    fi
    if [ "$purge" = yes ] && { [ ${#configuration[@]} -gt 0 ] || [ ${#data[@]} -gt 0 ] || [ "$user" = yes ]; }; then
        work=yes
    fi
    if [ "$work" = no ]; then
        echo "Grid+ is not installed${destdir:+ under $destdir}: nothing to do" >&2
        gridplus_uninstall_kept "${configuration[@]}" "${data[@]}"
        return 0
    fi

    if [ -z "$destdir" ] && [ ${#present_units[@]} -gt 0 ]; then
        # Stop before removing: a service keeps running from a deleted binary otherwise.
        systemctl stop "${present_units[@]}"
        systemctl disable "${present_units[@]}"
        echo "stopped and disabled ${present_units[*]}" >&2
    fi
    for unit in "${present_units[@]}"; do
        rm -f "$unit_dir/$unit"
        echo "removed $unit_dir/$unit" >&2
    done
    # `systemctl disable` removes the links; the folder that held gridplus.target's is ours.
    rmdir "$unit_dir/gridplus.target.wants" 2>/dev/null || true
    for program in "${present_programs[@]}"; do
        rm -f "$bin_dir/$program"
        echo "removed $bin_dir/$program" >&2
    done
    for path in "${leftovers[@]}"; do
        rm -f "$path"
        echo "removed $path" >&2
    done

    if [ "$purge" = yes ]; then
        for path in "${configuration[@]}" "${data[@]}"; do
            rm -rf "$path"
            echo "removed $path" >&2
        done
        if [ "$user" = yes ]; then
            for name in "${users[@]}"; do
                userdel "$name"
                echo "removed the system user $name" >&2
            done
            if getent group gridplus >/dev/null; then
                groupdel gridplus
                echo "removed the system group gridplus" >&2
            fi
        fi
    fi

    if [ -z "$destdir" ] && [ ${#present_units[@]} -gt 0 ]; then
        systemctl daemon-reload
        # Forget a failed state of the units that are gone, so `systemctl --failed` does not list them.
        systemctl reset-failed "${present_units[@]}" 2>/dev/null || true
    fi
    if [ "$purge" = yes ]; then
        echo "Grid+ is uninstalled and purged${destdir:+ under $destdir}" >&2
    else
        echo "Grid+ is uninstalled${destdir:+ under $destdir}" >&2
        gridplus_uninstall_kept "${configuration[@]}" "${data[@]}"
    fi
}

gridplus_uninstall_kept() {
    [ $# -eq 0 ] && return 0
    echo "kept the configuration and data: $* (--uninstall --purge removes them)" >&2
}
