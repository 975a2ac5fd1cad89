@echo off
rem 生成月调度通报：双击运行。用本文件夹 data\ 下最新一个月的报表生成通报，
rem 写入“通报”文件夹（网页、Word 公文和 Excel 各一份），然后打开网页版。
rem 本文件以 GBK 编码、CRLF 换行保存（由 scripts/windows.sh 从 UTF-8 原稿转换）。
setlocal
pushd "%~dp0"
set "MONTH="
rem 月份文件夹按名称排序，最后一个即最新的月份。
for /f "delims=" %%d in ('dir /b /ad /on data\????-?? 2^>nul') do set "MONTH=%%d"
if not defined MONTH (
    echo 没有找到 data\YYYY-MM 月份文件夹（例如 data\2023-06）。
    goto end
)
if not exist "通报" mkdir "通报"
echo 正在生成 %MONTH% 月调度通报……
mingsheng.exe report --month %MONTH% -o "通报\%MONTH%月调度通报.html"
if errorlevel 1 goto failed
mingsheng.exe report --month %MONTH% -o "通报\%MONTH%月调度通报.docx"
if errorlevel 1 goto failed
mingsheng.exe report --month %MONTH% -o "通报\%MONTH%月调度通报.xlsx"
if errorlevel 1 goto failed
echo 已生成：通报\%MONTH%月调度通报.html、.docx（公文）和 .xlsx
start "" "通报\%MONTH%月调度通报.html"
goto end
:failed
echo.
echo 没有生成通报：请看上面的说明。报表有错误时，先双击“检查本月报表.bat”逐条修改。
echo 如果提示文件被占用，请先关闭已打开的通报（Excel 或浏览器）。
:end
popd
echo.
pause
