@echo off
rem 检查本月报表：双击运行。检查本文件夹 data\ 下最新一个月的各单位进展文件。
rem 本文件以 GBK 编码、CRLF 换行保存（由 scripts/windows.sh 从 UTF-8 原稿转换），
rem 这样中文在默认代码页 936 的命令提示符窗口里显示正确。
setlocal
rem pushd 也能进入网络共享文件夹（\\服务器\共享），cd 不能。
pushd "%~dp0"
set "MONTH="
rem 月份文件夹按名称排序，最后一个即最新的月份。
for /f "delims=" %%d in ('dir /b /ad /on data\????-?? 2^>nul') do set "MONTH=%%d"
if not defined MONTH (
    echo 没有找到 data\YYYY-MM 月份文件夹（例如 data\2023-06），请把各单位的报表放进去。
    goto end
)
echo 正在检查 %MONTH% 的报表……
echo.
mingsheng.exe check --month %MONTH%
set "RC=%ERRORLEVEL%"
echo.
if "%RC%"=="0" echo 检查通过：%MONTH% 没有错误（如有警告，请看上面的说明）。
if "%RC%"=="1" echo 发现错误：请按上面每条提示修改对应单位的文件（或请该单位重新报送），改好后再双击本文件检查。
if "%RC%"=="2" echo 无法运行：请看上面的说明（例如找不到 seeds\ 任务清单文件夹）。
:end
popd
echo.
pause
