package org.mdms.imaging.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time per process from /proc/PID/stat (Linux), so a benchmark phase can say where the machine's CPU went:
 * which process spent how many CPU milliseconds per operation. The processes come from the system property
 * {@code bench.pids} ("name=pid,name=pid"); this JVM (the load generator) is always included as "bench client".
 */
final class ProcessCpu {

    /** Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux unless the kernel was built otherwise). */
    private static final double TICKS_PER_SECOND = Double.parseDouble(System.getProperty("bench.clk-tck", "100"));

    private final Map<String, Long> pids = new LinkedHashMap<>();

    ProcessCpu() {
        String spec = System.getProperty("bench.pids", "");
        for (String part : spec.split(",")) {
            String[] nameAndPid = part.trim().split("=");
            if (nameAndPid.length == 2 && !nameAndPid[1].isBlank()) {
                pids.put(nameAndPid[0], Long.parseLong(nameAndPid[1].trim()));
            }
        }
        pids.put("bench client", ProcessHandle.current().pid());
    }

    boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** CPU seconds (user + system) used so far by each process; a process that is gone reads as 0. */
    Map<String, Double> snapshot() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(name, cpuSeconds(pid)));
        return cpu;
    }

    /** Prints CPU ms per operation for each process between two snapshots. */
    static void print(String label, Map<String, Double> before, Map<String, Double> after, int operations) {
        StringBuilder line = new StringBuilder("  CPU per " + label + " (ms):");
        double total = 0;
        for (String name : after.keySet()) {
            double ms = (after.get(name) - before.getOrDefault(name, 0.0)) * 1000 / operations;
            total += ms;
            line.append(String.format(" %s %.1f,", name, ms));
        }
        line.append(String.format(" total %.1f", total));
        System.out.println(line);
    }

    /**
     * One process's threads at one moment: CPU seconds per thread id with the group of what it does (HotSpot's and
     * Quarkus's thread names): the JIT compilers, the garbage collector (with the VM thread, whose safepoint work is
     * mostly collections), the Vert.x event loops and the thumbnail renderers; plus the process's own total.
     */
    record Threads(Map<Long, Thread> byId, double total) {
    }

    /** One thread's group and CPU seconds so far. */
    record Thread(String kind, double seconds) {
    }

    Threads threads(String process) {
        Map<Long, Thread> byId = new LinkedHashMap<>();
        Long pid = pids.get(process);
        if (pid == null) {
            return new Threads(byId, 0);
        }
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).trim();
                } catch (IOException gone) {
                    continue;
                }
                String kind = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "JIT compilers"
                        : name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread") ? "GC"
                        : name.startsWith("vert.x-eventloo") ? "event loops"
                        : name.contains("thumbnail") ? "renderers" : null;
                if (kind != null) {
                    byId.put(Long.parseLong(task.getFileName().toString()),
                            new Thread(kind, cpuSeconds(task.resolve("stat"))));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Threads(Map.of(), cpuSeconds(pid));
        }
        return new Threads(byId, cpuSeconds(pid));
    }

    /**
     * Prints one process's CPU ms per operation by thread group between two {@link #threads} readings: a group counts
     * what its threads spent in between (a thread that started meanwhile from zero); the rest of the process's CPU
     * (request workers, other threads, and threads that ended meanwhile, HotSpot's spare compiler threads included)
     * is "other".
     */
    static void printThreads(String process, Threads before, Threads after, int operations) {
        Map<String, Double> groups = new LinkedHashMap<>();
        for (String kind : new String[] {"JIT compilers", "GC", "event loops", "renderers"}) {
            groups.put(kind, 0.0);
        }
        after.byId().forEach((tid, thread) -> {
            Thread earlier = before.byId().get(tid);
            groups.merge(thread.kind(), thread.seconds() - (earlier == null ? 0 : earlier.seconds()), Double::sum);
        });
        double named = groups.values().stream().mapToDouble(Double::doubleValue).sum();
        groups.put("other", Math.max(0, after.total() - before.total() - named));
        StringBuilder line = new StringBuilder("    " + process + " by threads (ms):");
        groups.forEach((kind, seconds) -> line.append(String.format(" %s %.1f,", kind, seconds * 1000 / operations)));
        line.setLength(line.length() - 1);
        System.out.println(line);
    }

    private static double cpuSeconds(long pid) {
        return cpuSeconds(Path.of("/proc/" + pid + "/stat"));
    }

    private static double cpuSeconds(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            // the command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long userTicks = Long.parseLong(fields[11]);   // field 14 of the man page
            long systemTicks = Long.parseLong(fields[12]); // field 15
            return (userTicks + systemTicks) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
