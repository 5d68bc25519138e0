#!/bin/sh
# Runs a command (the server) with a small tmpfs mounted on its data folder, in a mount namespace
# of its own (`unshare -rm`, so no root is needed and nothing is left mounted), to try it on a
# full or read-only disk. With a control FIFO, the shell stays to fill or free the disk on
# request ("fill", "free") and passes SIGTERM on to the server.
#   unshare -rm sh tmpfs-server.sh <folder> <size> <rw|ro> <fifo|-> <command…>
set -e
dir=$1 size=$2 mode=$3 control=$4
shift 4
mount -t tmpfs -o "size=$size,$mode" tmpfs "$dir"
if [ "$control" = "-" ]; then exec "$@"; fi
set +e
"$@" &
server=$!
reader=
trap 'kill -TERM "$server"; wait "$server"; status=$?; [ -n "$reader" ] && kill "$reader" 2>/dev/null; exit $status' TERM INT
while :; do
  # Read in the background and wait: `wait` returns at once on a signal, so the trap runs.
  cat "$control" > "$control.command" &
  reader=$!
  wait "$reader" || continue
  case "$(cat "$control.command")" in
    fill) dd if=/dev/zero of="$dir/filler" bs=1M 2>/dev/null ;;
    free) rm -f "$dir/filler" ;;
  esac
done
