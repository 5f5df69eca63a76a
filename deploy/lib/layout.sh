# Sourced by deploy/install.sh. Each service runs as a user of its own (gridplus-whistle,
# gridplus-response, gridplus-evaluation, all in the group gridplus) with a data folder of its own,
# /var/lib/gridplus/<service> (mode 0700). Before, the three shared /var/lib/gridplus.

GRIDPLUS_SERVICES=(whistle response evaluation)

# The executable of `service` (whistle → WhistleService).
gridplus_program() {
    case $1 in
        whistle) echo WhistleService ;;
        response) echo ResponseService ;;
        evaluation) echo EvaluationService ;;
    esac
}

# The files of `service` in the shared folder `data_dir`: its database (with -wal and -shm) and its
# key files (evaluation-ballot.key, <service>-transport.key).
gridplus_shared_files() {
    local data_dir=$1 service=$2 file
    for file in "$data_dir/$service.sqlite" "$data_dir/$service.sqlite-wal" "$data_dir/$service.sqlite-shm" \
                "$data_dir/$service"-*.key; do
        [ -e "$file" ] && printf '%s\n' "$file"
    done
    return 0
}

# Whether `data_dir` still holds a service's files in the shared layout.
gridplus_has_shared_data() {
    local service
    for service in "${GRIDPLUS_SERVICES[@]}"; do
        [ -n "$(gridplus_shared_files "$1" "$service")" ] && return 0
    done
    return 1
}

# Moves each service's files from the shared `data_dir` into `data_dir/<service>` (mode 0700, owned
# by gridplus-<service>). Moves nothing if any of them is already in its new place: both layouts at
# once need a person to decide which is current. Run it with the services stopped.
gridplus_split_data() {
    local data_dir=$1 service file
    for service in "${GRIDPLUS_SERVICES[@]}"; do
        while IFS= read -r file; do
            if [ -e "$data_dir/$service/${file##*/}" ]; then
                echo "error: $file and $data_dir/$service/${file##*/} both exist; keep one and run install.sh again" >&2
                return 1
            fi
        done < <(gridplus_shared_files "$data_dir" "$service")
    done
    for service in "${GRIDPLUS_SERVICES[@]}"; do
        local files=()
        mapfile -t files < <(gridplus_shared_files "$data_dir" "$service")
        [ ${#files[@]} -eq 0 ] && continue
        install -d -m 0700 "$data_dir/$service"
        mv "${files[@]}" "$data_dir/$service/"
        chown -R "gridplus-$service:gridplus" "$data_dir/$service"
        echo "moved ${files[*]##*/} into $data_dir/$service" >&2
    done
}
