#!/bin/sh
# Creates the project's virtual environment with a Python that PyMC 6 accepts (3.12-3.14).
# Fresh machines default to 3.11, with newer versions only under pyenv, so look there too.
set -eu
venv=${1:-.venv}

suitable() {
    "$1" -c 'import sys; sys.exit(not ((3, 12) <= sys.version_info[:2] < (3, 15)))' 2>/dev/null
}

find_python() {
    if [ -n "${BELIEFWATCH_PYTHON:-}" ]; then
        if command -v "$BELIEFWATCH_PYTHON" >/dev/null 2>&1 && suitable "$(command -v "$BELIEFWATCH_PYTHON")"; then
            command -v "$BELIEFWATCH_PYTHON"; return 0
        fi
        echo "bootstrap: skipping BELIEFWATCH_PYTHON=$BELIEFWATCH_PYTHON: not found, or not Python 3.12-3.14" >&2
    fi
    for cand in python3.12 python3.13 python3.14 python3; do
        if command -v "$cand" >/dev/null 2>&1 && suitable "$(command -v "$cand")"; then
            command -v "$cand"; return 0
        fi
    done
    root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
    for cand in "$root"/versions/3.12*/bin/python3 "$root"/versions/3.13*/bin/python3 "$root"/versions/3.14*/bin/python3; do
        if [ -x "$cand" ] && suitable "$cand"; then
            echo "$cand"; return 0
        fi
    done
    return 1
}

py=$(find_python) || {
    echo "bootstrap: no Python 3.12-3.14 found (set BELIEFWATCH_PYTHON=/path/to/python3.12)" >&2
    exit 1
}
echo "bootstrap: using $py ($("$py" --version))"
"$py" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -e '.[dev]'
