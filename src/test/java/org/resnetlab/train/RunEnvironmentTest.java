package org.resnetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU a session records in run.json: its model name and the speed flags it has, read off /proc/cpuinfo's format. */
class RunEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void theCpuIsTheFirstModelNameWithTheBf16FlagsItHas() throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, """
                processor\t: 0
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R) Platinum 8488C
                flags\t\t: fpu sse2 avx2 avx512f avx512_bf16 amx_tile amx_bf16 amx_int8

                processor\t: 1
                model name\t: Intel(R) Xeon(R) Platinum 8488C
                flags\t\t: fpu sse2 avx2 avx512f avx512_bf16 amx_tile amx_bf16 amx_int8
                """);
        assertEquals("Intel(R) Xeon(R) Platinum 8488C (amx_bf16 avx512_bf16)", RunEnvironment.cpu(cpuinfo));
    }

    @Test
    void aCpuWithoutBf16IsItsNameAloneAndNoCpuinfoIsNull() throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 avx2\n");
        assertEquals("AMD EPYC", RunEnvironment.cpu(cpuinfo));
        assertNull(RunEnvironment.cpu(dir.resolve("missing")));
        Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu\n");
        assertNull(RunEnvironment.cpu(cpuinfo), "no model name line: nothing to record");
    }
}
