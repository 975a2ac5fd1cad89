#!/usr/bin/env bash
# The Windows program: cross-builds mingsheng.exe (x86_64-pc-windows-gnu,
# release), runs it under wine on a copy of the example workspace in a folder
# whose path has Chinese characters and a space, compares what it writes with
# the Linux build's, and packs target/dist/mingsheng-windows-x86_64.zip
# (the exe, the Chinese guides, the double-click launchers, the example
# workspace). The last line is "windows smoke: ok".
#
#   bash scripts/windows.sh
#
# Installs what it lacks: Debian's gcc-mingw-w64-x86-64 (linker), wine and zip
# via apt-get, the Rust standard library for the target via rustup. The first
# run also creates a wine prefix under target/windows/ (a minute or so).
# Not part of CI (.ci/run): CI needs neither wine nor mingw.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=x86_64-pc-windows-gnu
START=$(date +%s)
step() { printf '== [%3ss] %s\n' "$(($(date +%s) - START))" "$*"; }
fail() {
    echo "windows smoke: FAILED: $*" >&2
    exit 1
}

step "tools"
missing=()
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
[ -x /usr/lib/wine/wine64 ] || missing+=(wine wine64)
command -v zip >/dev/null || missing+=(zip)
command -v unzip >/dev/null || missing+=(unzip)
command -v iconv >/dev/null || missing+=(libc-bin)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! rustup target list --installed | grep -qx "$TARGET"; then
    rustup target add "$TARGET" ||
        fail "blocked: rustup could not download the standard library for $TARGET"
fi

step "build: $TARGET (release) and the Linux reference"
cargo build --release --locked --target "$TARGET"
cargo build --release --locked
EXE=$ROOT/target/$TARGET/release/mingsheng.exe
LINUX=$ROOT/target/release/mingsheng

step "wine prefix with the ProcessPrng shim"
WORK=$ROOT/target/windows
mkdir -p "$WORK"
export WINEDEBUG=-all WINEARCH=win64 WINEPREFIX=$WORK/wineprefix
# Prefer the shim over wine's own (missing) bcryptprimitives; no Mono/Gecko dialogs.
export WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree=;mshtml="
WINE=/usr/lib/wine/wine64
x86_64-w64-mingw32-gcc -O2 -shared -o "$WORK/bcryptprimitives.dll" \
    scripts/windows/processprng_shim.c -ladvapi32
if [ ! -d "$WINEPREFIX/drive_c/windows/system32" ]; then
    "$WINE" wineboot --init >/dev/null 2>&1 || true
    /usr/lib/wine/wineserver -w || true
fi
cp "$WORK/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

step "example workspace in a folder named with Chinese and a space"
SMOKE="$WORK/双牌县 民生实事/2023 年"
rm -rf "$WORK/双牌县 民生实事"
mkdir -p "$SMOKE"
# The example workspace as shipped: 2023-01 … 2023-11 closed (archive/), 2023-12 open.
cp -r seeds data "$SMOKE/"
[ -d archive ] && cp -r archive "$SMOKE/"
# One more file saved as GBK, as Excel on Chinese Windows saves "CSV", in the
# open month, so that `check --month 2023-12` reads it (beside the month's
# workbooks, 县人社局.xlsx among them).
GBK_FILE="$SMOKE/data/2023-12/县妇联.csv"
iconv -f UTF-8 -t GB18030 <(sed '1s/^\xEF\xBB\xBF//' "$GBK_FILE") >"$GBK_FILE.gbk"
mv "$GBK_FILE.gbk" "$GBK_FILE"
if iconv -f UTF-8 -t UTF-8 "$GBK_FILE" >/dev/null 2>&1; then fail "the GBK copy is still UTF-8"; fi
WIN_SMOKE=$("$WINE" winepath -w "$SMOKE" 2>/dev/null | tr -d '\r')
echo "   Windows path: $WIN_SMOKE"

OUT_WIN=$WORK/out-windows
OUT_LIN=$WORK/out-linux
rm -rf "$OUT_WIN" "$OUT_LIN"
mkdir -p "$OUT_WIN" "$OUT_LIN"
export MINGSHENG_TODAY=2023-12 NO_COLOR=1

# run NAME EXPECTED_EXIT ARGS...: the same command by both builds, from inside
# the workspace folder; stdout, stderr and the exit code kept side by side.
run() {
    local name=$1 want=$2
    shift 2
    local rc_w rc_l
    (cd "$SMOKE" && "$WINE" "$EXE" "$@" </dev/null >"$OUT_WIN/$name.out" 2>"$OUT_WIN/$name.err") && rc_w=0 || rc_w=$?
    (cd "$SMOKE" && "$LINUX" "$@" </dev/null >"$OUT_LIN/$name.out" 2>"$OUT_LIN/$name.err") && rc_l=0 || rc_l=$?
    printf '   %-22s exit windows %s, linux %s\n' "$name" "$rc_w" "$rc_l"
    [ "$rc_w" = "$want" ] || fail "$name: windows exit $rc_w, expected $want ($(head -c 400 "$OUT_WIN/$name.err"))"
    [ "$rc_l" = "$want" ] || fail "$name: linux exit $rc_l, expected $want"
}
# same FILE...: the two builds wrote identical bytes.
same() {
    for f in "$@"; do
        cmp -s "$OUT_WIN/$f" "$OUT_LIN/$f" || {
            diff <(head -c 2000 "$OUT_LIN/$f") <(head -c 2000 "$OUT_WIN/$f") | head -20 >&2 || true
            fail "$f differs between the Windows and the Linux build"
        }
    done
}
# same_zip FILE...: workbooks with the same members, byte for byte. The zip
# headers themselves differ in one byte per member, "version made by": the
# zip crate names the host system (0 MS-DOS on Windows, 3 Unix).
same_zip() {
    for f in "$@"; do
        rm -rf "$WORK/unz"
        mkdir -p "$WORK/unz/w" "$WORK/unz/l"
        unzip -q "$OUT_WIN/$f" -d "$WORK/unz/w"
        unzip -q "$OUT_LIN/$f" -d "$WORK/unz/l"
        diff -r "$WORK/unz/w" "$WORK/unz/l" >/dev/null || fail "$f: the contents differ"
        echo "   $f: same contents ($(cmp -l "$OUT_WIN/$f" "$OUT_LIN/$f" | wc -l) header bytes name the host system)"
    done
    rm -rf "$WORK/unz"
}
utf8() {
    for f in "$@"; do
        iconv -f UTF-8 -t UTF-8 "$OUT_WIN/$f" >/dev/null || fail "$f is not UTF-8"
    done
}

step "smoke test under wine"
run version 0 --version
run no-args 2
grep -q '用法' "$OUT_WIN/no-args.err" || fail "mingsheng alone: no help"
run help 0 --help
grep -q '用法' "$OUT_WIN/help.out" || fail "--help is not Chinese"
same help.out
run plan 0 plan
run plan-json 0 plan --format json
same plan.out plan-json.out
run check-month 0 check --month 2023-12
grep -q '2023-12' "$OUT_WIN/check-month.err" || fail "check printed no summary"
run check-json 0 check --format json
same check-month.err check-json.out
grep -q '"errors": 0' "$OUT_WIN/check-json.out" || fail "check --format json: errors"
run report 0 report --month 2023-06
run report-json 0 report --month 2023-06 --format json
run report-md 0 report --month 2023-06 --format md
same report.out report-json.out report-md.out
utf8 report.out report-json.out
echo "   redirected stdout is UTF-8, the same bytes as Linux's (a console gets UTF-16 instead)"
grep -q '月调度' "$OUT_WIN/report.out" || fail "the terminal report has no title"
# Exports: written by each build into its own folder, then compared.
for b in win lin; do
    dir=$OUT_WIN
    prog=("$WINE" "$EXE")
    if [ $b = lin ]; then dir=$OUT_LIN prog=("$LINUX"); fi
    (cd "$SMOKE" && "${prog[@]}" report --month 2023-06 -o 通报.html &&
        "${prog[@]}" report --month 2023-06 -o 通报.xlsx &&
        "${prog[@]}" report --month 2023-06 -o 通报.csv &&
        "${prog[@]}" score --quarter 2023Q2 -o 考评.xlsx) >/dev/null 2>&1 ||
        fail "exports ($b)"
    mv "$SMOKE/通报.html" "$SMOKE/通报.xlsx" "$SMOKE/通报.csv" "$SMOKE/考评.xlsx" "$dir/"
done
same 通报.html 通报.csv
echo "   通报.html 通报.csv: identical"
same_zip 通报.xlsx 考评.xlsx
if grep -qw docx <("$LINUX" report --help); then
    for b in win lin; do
        dir=$OUT_WIN
        prog=("$WINE" "$EXE")
        if [ $b = lin ]; then dir=$OUT_LIN prog=("$LINUX"); fi
        (cd "$SMOKE" && "${prog[@]}" report --month 2023-06 -o 通报.docx) >/dev/null 2>&1 ||
            fail "docx ($b)"
        mv "$SMOKE/通报.docx" "$dir/"
    done
    same_zip 通报.docx
else
    echo "   (report has no --format docx in this build: skipped)"
fi
run score 0 score --quarter 2023Q2
run score-json 0 score --quarter 2023Q2 --format json
same score.out score-json.out
# template writes forms only for units that have not filed: with the open
# month's files set aside, every unit gets one (into a folder of its own).
mv "$SMOKE/data/2023-12" "$WORK/2023-12.aside"
mkdir -p "$SMOKE/data/2023-12" "$SMOKE/下发 win" "$SMOKE/下发 lin"
(cd "$SMOKE" && "$WINE" "$EXE" template --month 2023-12 -o "下发 win" >/dev/null 2>&1) || fail "template (windows)"
(cd "$SMOKE" && "$LINUX" template --month 2023-12 -o "下发 lin" >/dev/null 2>&1) || fail "template (linux)"
diff -r "$SMOKE/下发 win" "$SMOKE/下发 lin" >/dev/null || fail "template files differ"
n=$(ls "$SMOKE/下发 win" | wc -l)
[ "$n" -gt 0 ] || fail "template wrote no form"
echo "   template: $n forms, identical"
rm -rf "$SMOKE/下发 win" "$SMOKE/下发 lin" "$SMOKE/data/2023-12"
mv "$WORK/2023-12.aside" "$SMOKE/data/2023-12"
# -C with a Windows path (drive letter, Chinese, space), from another folder.
(cd "$WORK" && "$WINE" "$EXE" -C "$WIN_SMOKE" report --month 2023-06 --format json >"$OUT_WIN/report-C.out" 2>/dev/null) ||
    fail "-C with a Windows path"
cmp -s "$OUT_WIN/report-C.out" "$OUT_WIN/report-json.out" || fail "-C gives another report"
# Exit codes for batch jobs: 1 for errors in the files, 2 for bad arguments.
FL="$SMOKE/data/2023-12/县妇联.csv"
cp "$FL" "$WORK/fl.bak"
printf '事项编号,指标,累计完成\n5.1,screenings,约3000\n' >"$FL"
run check-error 1 check --month 2023-12
grep -q 'bad-value' "$OUT_WIN/check-error.err" || fail "check: no bad-value"
same check-error.err
mv "$WORK/fl.bak" "$FL"
run bad-args 2 report --month 2023-13
grep -q '不是月份' "$OUT_WIN/bad-args.err" || fail "bad --month: message"
run no-workspace 2 -C 'C:\没有这个文件夹' plan

# A console, not a pipe: under a pseudo-terminal wine gives the exe a console,
# so text goes through WriteConsoleW (UTF-16) as in cmd.exe, and wine turns it
# into the terminal's UTF-8. mingsheng.exe alone in its console (as when
# double-clicked in Explorer) prints the help and waits for Enter.
if command -v script >/dev/null; then
    step "console under wine (a pseudo-terminal)"
    (cd "$SMOKE" && timeout 120 script -qc "$WINE $EXE report --month 2023-06" /dev/null </dev/null) \
        >"$WORK/console.out" 2>&1 || true
    grep -q '全县31项工作事项中' "$WORK/console.out" || fail "no Chinese through the console"
    echo "   report in a console: $(grep -o '全县31项工作事项中[^。]*。' "$WORK/console.out" | head -1)"
    ( (sleep 3; printf '\r') | timeout 120 script -qc "$WINE $EXE" /dev/null) >"$WORK/alone.out" 2>&1 || true
    grep -q '按回车键关闭' "$WORK/alone.out" || fail "mingsheng.exe alone did not wait for Enter"
    echo "   mingsheng.exe alone: the help, then 按回车键关闭"
fi

step "package"
DIST=$ROOT/target/dist
PKG=$DIST/mingsheng-windows-x86_64
rm -rf "$PKG" "$PKG.zip"
mkdir -p "$PKG"
cp "$EXE" "$PKG/"
cp -r seeds data "$PKG/"
[ -d archive ] && cp -r archive "$PKG/"
# The guides as text Notepad opens: UTF-8 with BOM, CRLF.
for g in 使用说明 填报说明; do
    { printf '\xEF\xBB\xBF'; sed 's/$/\r/' "docs/$g.md"; } >"$PKG/$g.txt"
done
# The launchers in GBK with CRLF: cmd.exe reads a .bat in the console's code
# page, 936 on Chinese Windows.
for b in scripts/windows/*.bat; do
    name=$(basename "$b")
    sed 's/$/\r/' "$b" | iconv -f UTF-8 -t GBK >"$PKG/$name" || fail "$name: not encodable in GBK"
done
(cd "$DIST" && zip -q -r -X "mingsheng-windows-x86_64.zip" "mingsheng-windows-x86_64")
echo "   $(du -h "$PKG.zip" | cut -f1) $PKG.zip"
unzip -l "$PKG.zip" | grep -E '\.(exe|bat|txt)$' | awk '{print "   " $4}'

# The launchers under wine's cmd, on a copy of the package. With a Chinese
# locale wine's code page is 936, as on Chinese Windows: cmd reads the GBK
# .bat files, and its own redirected output comes back in GBK.
step "launchers under wine's cmd (code page 936)"
if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
    [ -f /usr/share/i18n/locales/zh_CN ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq locales >/dev/null
    localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
fi
BAT=$WORK/launcher-test
rm -rf "$BAT"
cp -r "$PKG" "$BAT"
# Redirected, cmd's own lines (echo) are GBK and mingsheng.exe's are UTF-8
# (a console would get both as UTF-16): each line is decoded as what it is.
launcher() {
    (cd "$BAT" && echo | LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 timeout 120 "$WINE" cmd /c "$1" 2>&1) |
        tr -d '\r' | while IFS= read -r line; do
        if printf '%s' "$line" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; then
            printf '%s\n' "$line"
        else
            printf '%s\n' "$line" | iconv -f GBK -t UTF-8
        fi
    done >"$WORK/$1.out" || true
}
launcher 检查本月报表.bat
grep -q '正在检查 2023-12 的报表' "$WORK/检查本月报表.bat.out" &&
    grep -q '检查通过：2023-12 没有错误' "$WORK/检查本月报表.bat.out" ||
    fail "检查本月报表.bat: $(head -c 600 "$WORK/检查本月报表.bat.out")"
echo "   检查本月报表.bat: $(grep '检查通过' "$WORK/检查本月报表.bat.out")"
launcher 生成月调度通报.bat
[ -s "$BAT/通报/2023-12月调度通报.html" ] && [ -s "$BAT/通报/2023-12月调度通报.docx" ] &&
    [ -s "$BAT/通报/2023-12月调度通报.xlsx" ] ||
    fail "生成月调度通报.bat: $(head -c 600 "$WORK/生成月调度通报.bat.out")"
(cd "$BAT" && "$LINUX" report --month 2023-12 -o "$WORK/2023-12.html" 2>/dev/null)
cmp -s "$BAT/通报/2023-12月调度通报.html" "$WORK/2023-12.html" || fail "the launcher's notice differs"
echo "   生成月调度通报.bat: $(grep '已生成' "$WORK/生成月调度通报.bat.out")"

step "done in $(($(date +%s) - START)) s"
echo "windows smoke: ok"
