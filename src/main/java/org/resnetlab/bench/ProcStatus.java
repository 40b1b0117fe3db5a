package org.resnetlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of this process from /proc/self/status (Linux): current (VmRSS) and peak (VmHWM), in kB. */
public record ProcStatus(long rssKb, long peakRssKb) {

    public static ProcStatus parse(String status) {
        return new ProcStatus(field(status, "VmRSS:"), field(status, "VmHWM:"));
    }

    /** The current process, or (-1, -1) where /proc is missing. */
    public static ProcStatus read() {
        try {
            return parse(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException | UnsupportedOperationException e) {
            return new ProcStatus(-1, -1);
        }
    }

    /** The value in kB of a line such as {@code VmRSS:     123456 kB}; -1 when missing. */
    static long field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                if (parts.length > 1 && parts[1].equalsIgnoreCase("mB")) {
                    value *= 1024;
                }
                return value;
            }
        }
        return -1;
    }

    public double rssMb() { return rssKb / 1024.0; }

    public double peakRssMb() { return peakRssKb / 1024.0; }
}
