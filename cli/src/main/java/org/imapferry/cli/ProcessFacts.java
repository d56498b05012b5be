package org.imapferry.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.OperatingSystemMXBean;

/**
 * What the JVM says about itself at the end of a run, for the statistics block's memory, load and
 * CPU lines.
 *
 * @param cpuSeconds  the process's CPU time since {@link Start}, or -1 when the JVM does not tell
 * @param wallSeconds the wall-clock time since {@link Start}, over which {@code cpuSeconds} was spent
 * @param loadAverage the system load average, or -1 when unknown
 */
public record ProcessFacts(
        double memoryStartMiB,
        double memoryEndMiB,
        double memoryPeakMiB,
        double loadAverage,
        int cores,
        double cpuSeconds,
        double wallSeconds) {

    private static final double MIB = 1024.0 * 1024.0;

    /**
     * The heap and CPU time when the run started. The CPU time is the whole process's since the JVM
     * started (its own start-up, and in the demo the embedded servers' filling), so only the
     * difference over the run, divided by the same run's wall time, is the run's %cpu.
     */
    public record Start(double memoryMiB, long cpuNanos, long wallNanos) {
        public static Start now() {
            return new Start(usedHeapMiB(), processCpuNanos(), System.nanoTime());
        }
    }

    public static double usedHeapMiB() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / MIB;
    }

    /** The facts now, over the time since {@code start}. */
    public static ProcessFacts since(Start start) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long cpuNow = processCpuNanos();
        double cpu = cpuNow >= 0 && start.cpuNanos() >= 0 ? (cpuNow - start.cpuNanos()) / 1e9 : -1;
        double wall = (System.nanoTime() - start.wallNanos()) / 1e9;
        return new ProcessFacts(
                start.memoryMiB(),
                usedHeapMiB(),
                peak / MIB,
                os.getSystemLoadAverage(),
                os.getAvailableProcessors(),
                cpu,
                wall);
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
