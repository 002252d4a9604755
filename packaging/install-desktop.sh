#!/bin/sh
# Adds BeliefWatch to the desktop menu of the current user and lets case files open in it:
# run from the unpacked bundle, `sh BeliefWatch/desktop/install-desktop.sh`. Undo with
# `sh install-desktop.sh --remove`. Needs no root; writes under ~/.local/share only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
launcher=$(cd "$here/.." && pwd)/beliefwatch
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps="$data/applications"
icons="$data/icons/hicolor/256x256/apps"
mime="$data/mime/packages"

done=installed
if [ "${1:-}" = --remove ]; then
    done=removed
    rm -f "$apps/beliefwatch.desktop" "$icons/beliefwatch.png" "$mime/beliefwatch-mime.xml"
else
    mkdir -p "$apps" "$icons" "$mime"
    # The entry must name this bundle's launcher by its full path; quote it for spaces.
    sed "s|^Exec=beliefwatch|Exec=\"$launcher\"|" "$here/beliefwatch.desktop" > "$apps/beliefwatch.desktop"
    cp "$here/beliefwatch.png" "$icons/beliefwatch.png"
    cp "$here/beliefwatch-mime.xml" "$mime/beliefwatch-mime.xml"
fi
# Refresh the caches where the tools exist; the files above work without them after a relogin.
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q "$data/icons/hicolor" 2>/dev/null || true
echo "BeliefWatch desktop entry $done under $data"
