#!/usr/bin/env bash
# The bundle run as on a PC without Python: a copy of dist/reintegra/ in a temporary folder (so nothing
# in the checkout is in reach), started with an empty environment (no virtual environment, no
# PYTHONPATH, only /usr/bin and /bin on PATH, a fresh HOME for the data folder):
#   --version, a demo into a new database, the summary report as PDF and XLSX, the first window shown
#   offscreen, and the app left running for a few seconds (database opened, the main window's
#   modules loaded meanwhile) without a traceback.
#
# With REINTEGRA_SMOKE_POSTGRES_URL (an empty PostgreSQL database, as .ci/run makes), also the schema
# and a demo on the server through the bundled psycopg and libpq.
#
#   packaging/smoke-test.sh [BUNDLE]      BUNDLE: dist/reintegra (make bundle) unless given
set -euo pipefail
cd "$(dirname "$0")/.."

bundle="${1:-dist/reintegra}"
[ -x "$bundle/reintegra" ] || { echo "No bundle at $bundle: run make bundle first." >&2; exit 1; }
tmp="$(mktemp -d /tmp/reintegra-bundle.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
cp -a "$bundle" "$tmp/reintegra"
mkdir -p "$tmp/home" "$tmp/work"
exe="$tmp/reintegra/reintegra"

checks=0
step() { printf '\n== %s\n' "$*"; checks=$((checks + 1)); }
fail() { echo "Bundle smoke test failed: $*" >&2; exit 1; }
# From the work folder, with nothing of this shell's environment.
bare() {
    (cd "$tmp/work" && env -i PATH=/usr/bin:/bin HOME="$tmp/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        XDG_RUNTIME_DIR="$tmp/home" "$@")
}
no_traceback() {
    if grep -q -E 'Traceback|Could not load the Qt platform plugin|ModuleNotFoundError' "$1"; then
        cat "$1" >&2
        fail "$2"
    fi
}

echo "The bundle: $(du -sh "$tmp/reintegra" | cut -f1)"

step "--version"
version="$(bare "$exe" --version)"
echo "$version"
[[ "$version" == Reintegra\ * ]] || fail "--version printed '$version'"

step "demo into a new database"
start=$SECONDS
bare "$exe" --database "$tmp/work/demo.db" demo --participants 20 --seed 7 >"$tmp/demo.log" 2>&1 \
    || { cat "$tmp/demo.log" >&2; fail "the demo"; }
cat "$tmp/demo.log"
echo "($((SECONDS - start)) s)"

step "summary report, PDF and XLSX"
from="$(date -d '1 year ago' +%Y-%m-%d)"
to="$(date +%Y-%m-%d)"
for format in pdf xlsx; do
    bare "$exe" --database "$tmp/work/demo.db" report summary --from "$from" --to "$to" -o "$tmp/work/summary.$format" \
        >"$tmp/report.log" 2>&1 || { cat "$tmp/report.log" >&2; fail "report summary -o summary.$format"; }
    cat "$tmp/report.log"
done
[ "$(head -c 5 "$tmp/work/summary.pdf")" = "%PDF-" ] || fail "summary.pdf is not a PDF"
[ "$(stat -c %s "$tmp/work/summary.pdf")" -gt 2000 ] || fail "summary.pdf is nearly empty"
[ "$(head -c 2 "$tmp/work/summary.xlsx")" = "PK" ] || fail "summary.xlsx is not an XLSX file"
if command -v pdffonts >/dev/null; then  # the DejaVu fonts from the bundle, embedded (Polish letters)
    pdffonts "$tmp/work/summary.pdf" | grep -q DejaVuSans || fail "summary.pdf lacks the DejaVu fonts"
fi
ls -l "$tmp/work/summary.pdf" "$tmp/work/summary.xlsx"

if [ -n "${REINTEGRA_SMOKE_POSTGRES_URL:-}" ]; then
    step "PostgreSQL: schema and a demo on the server"
    bare "$exe" --database "$REINTEGRA_SMOKE_POSTGRES_URL" db upgrade >"$tmp/pg.log" 2>&1 \
        && bare "$exe" --database "$REINTEGRA_SMOKE_POSTGRES_URL" demo --participants 5 --years 1 --seed 7 \
            >>"$tmp/pg.log" 2>&1 \
        && bare "$exe" --database "$REINTEGRA_SMOKE_POSTGRES_URL" db check >>"$tmp/pg.log" 2>&1 \
        || { cat "$tmp/pg.log" >&2; fail "the database on PostgreSQL"; }
    cat "$tmp/pg.log"
fi

step "the first window, offscreen"
shown="$(bare env REINTEGRA_FIRST_WINDOW_PROBE=1 "$exe" --database "$tmp/work/demo.db" 2>"$tmp/window.log")" \
    || { cat "$tmp/window.log" >&2; fail "the first window"; }
no_traceback "$tmp/window.log" "the first window"
[ "$shown" = "shown" ] || fail "the first window was not shown (printed '$shown')"
echo "shown"

step "the app running for 8 s (sign-in on screen, database open, main window loaded)"
status=0
bare timeout 8 "$exe" --database "$tmp/work/demo.db" >"$tmp/app.log" 2>&1 || status=$?
no_traceback "$tmp/app.log" "the running app"
[ "$status" -eq 124 ] || { cat "$tmp/app.log" >&2; fail "the app stopped by itself with status $status"; }
echo "still running after 8 s, no traceback"

printf '\nBundle smoke test passed.\nbundle: %d passed, 0 failed\n' "$checks"
