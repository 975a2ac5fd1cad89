/* bcryptprimitives.dll for the smoke test under wine 8.0, never shipped.
 *
 * Rust's std on Windows draws random bytes (HashMap keys) from ProcessPrng in
 * bcryptprimitives.dll, which Windows 10 and later have and wine 8.0 lacks:
 * without it the exe dies at start with status c0000135. This shim exports
 * ProcessPrng over RtlGenRandom (advapi32's SystemFunction036). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    for (; len > 0x10000; data += 0x10000, len -= 0x10000)
        if (!SystemFunction036(data, 0x10000))
            return FALSE;
    return SystemFunction036(data, (ULONG)len);
}
