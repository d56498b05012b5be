package org.imapferry.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.OperatingSystemMXBean;

/**
 * What the JVM says about itself at the end of a run, for the statistics block's memory, load and
 * CPU lines.
 *
 * @param cpuSeconds the process's CPU time, or -1 when the JVM does not tell
 * @param loadAverage the system load average, or -1 when unknown
 */
public record ProcessFacts(double memoryStartMiB, double memoryEndMiB, double memoryPeakMiB, double loadAverage,
                           int cores, double cpuSeconds) {

    private static final double MIB = 1024.0 * 1024.0;

    public static double usedHeapMiB() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / MIB;
    }

    /** The facts now, given the heap in use when the run started. */
    public static ProcessFacts now(double memoryStartMiB) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        double cpu = -1;
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            cpu = sun.getProcessCpuTime() / 1e9;
        }
        return new ProcessFacts(memoryStartMiB, usedHeapMiB(), peak / MIB, os.getSystemLoadAverage(),
                os.getAvailableProcessors(), cpu);
    }
}
