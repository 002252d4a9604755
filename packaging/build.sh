#!/bin/sh
# `make package`: the desktop bundle dist/BeliefWatch/ (PyInstaller onedir), launcher
# dist/BeliefWatch/beliefwatch. Builds from its own venv (build/pkg-venv) with a non-editable
# install of this checkout, so the bundle holds only what the app needs; .venv is not touched.
# BELIEFWATCH_TARBALL=1 also writes dist/BeliefWatch-VERSION-linux-ARCH.tar.gz.
set -eu
cd "$(dirname "$0")/.."
venv=${BELIEFWATCH_PKG_VENV:-build/pkg-venv}
started=$(date +%s)

suitable() {
    "$1" -c 'import sys; sys.exit(not ((3, 12) <= sys.version_info[:2] < (3, 15)))' 2>/dev/null
}

find_python() {
    for cand in ${BELIEFWATCH_PYTHON:-} python3.12 python3.13 python3.14 python3; do
        if command -v "$cand" >/dev/null 2>&1 && suitable "$(command -v "$cand")"; then
            command -v "$cand"; return 0
        fi
    done
    root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
    for cand in "$root"/versions/3.12*/bin/python3 "$root"/versions/3.13*/bin/python3; do
        if [ -x "$cand" ] && suitable "$cand"; then echo "$cand"; return 0; fi
    done
    return 1
}

stamp="$venv/.installed"
if [ ! -f "$stamp" ] || [ packaging/constraints.txt -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    py=$(find_python) || { echo "package: no Python 3.12-3.14 found (set BELIEFWATCH_PYTHON)" >&2; exit 1; }
    echo "package: build venv $venv from $py"
    rm -rf "$venv"
    "$py" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    # The versions the test suite runs on (packaging/constraints.txt), plus PyInstaller.
    "$venv/bin/python" -m pip install --quiet -c packaging/constraints.txt pyinstaller .
    touch "$stamp"
fi

# This checkout's code and case files, never a previous build's: fresh build folders.
rm -rf build/lib build/bdist.* build/pyinstaller dist/BeliefWatch
"$venv/bin/python" -m pip install --quiet --no-deps --force-reinstall .
echo "package: running PyInstaller (a few minutes)"
"$venv/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/beliefwatch.spec
bundle=dist/BeliefWatch

if [ "$(uname -s)" = Linux ]; then
    before=$(du -sm "$bundle" | cut -f1)
    # Debug symbols are most of libpython, llvmlite and arrow (~110 MB). The *.libs folders
    # hold wheels' vendored libraries rewritten by patchelf: strip can break those, so not them.
    if command -v strip >/dev/null 2>&1; then
        find "$bundle/_internal" -type f \( -name '*.so' -o -name '*.so.*' \) ! -path '*.libs/*' \
            -exec strip --strip-unneeded {} + 2>/dev/null || true
    fi
    echo "package: stripped $before MB -> $(du -sm "$bundle" | cut -f1) MB"
    # Desktop integration: icon, .desktop entry, the case-file MIME type and their installer.
    mkdir -p "$bundle/desktop"
    cp packaging/beliefwatch.png packaging/beliefwatch.svg packaging/beliefwatch.desktop \
        packaging/beliefwatch-mime.xml packaging/install-desktop.sh "$bundle/desktop/"
fi

# Compile the PyMC models an analyst meets first - the self-test's and the bundled example's -
# and ship them: Numba reuses them on any CPU of this architecture (the bundle compiles for a
# generic one, entry.py), so the first check in the window takes seconds, not ~20 s.
warm=$(mktemp -d)
env -i HOME="$warm" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    "$bundle/beliefwatch" --self-test >/dev/null
env -i HOME="$warm" PATH=/usr/bin:/bin LANG=C.UTF-8 "$bundle/beliefwatch" update --engine pymc \
    >/dev/null
mkdir -p "$bundle/_internal/beliefwatch/numba-cache"
cp "$warm"/.cache/BeliefWatch/pytensor/numba/* "$bundle/_internal/beliefwatch/numba-cache/"
echo "package: shipped $(du -sm "$bundle/_internal/beliefwatch/numba-cache" | cut -f1) MB of compiled models"
rm -rf "$warm"

size=$(du -sm "$bundle" | cut -f1)
echo "package: $bundle is $size MB, built in $(( $(date +%s) - started )) s"
echo "package: check it with: sh packaging/check.sh"

if [ "${BELIEFWATCH_TARBALL:-0}" = 1 ]; then
    version=$("$venv/bin/python" -c 'import beliefwatch; print(beliefwatch.__version__)')
    tarball="dist/BeliefWatch-$version-linux-$(uname -m).tar.gz"
    tar -C dist -czf "$tarball" BeliefWatch
    echo "package: $tarball ($(du -sm "$tarball" | cut -f1) MB)"
fi
