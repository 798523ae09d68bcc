package dev.weft.crdt.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * What the Java heap holds: the bytes in use after full collections (the figure compared with the peers, taken
 * the way the JavaScript side takes V8's), and a class histogram of the live objects to show where they go.
 */
final class HeapProbe {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /** A histogram line: {@code   1:   12345   678900  [B (java.base@25)}. */
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private HeapProbe() {
    }

    /**
     * Collects garbage until the heap in use stops shrinking (a collection can leave finalizable or weakly
     * reachable objects to the next one) and returns the bytes still in use.
     */
    static long fullGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = MEMORY.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }

    /** Live instances and bytes per class, from the JVM's GC.class_histogram (which collects first). */
    static Map<String, ClassUsage> classHistogram() {
        String histogram;
        try {
            histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("the JVM offers no class histogram", e);
        }
        Map<String, ClassUsage> usage = new HashMap<>();
        for (String line : histogram.split("\n")) {
            Matcher m = HISTOGRAM_LINE.matcher(line);
            if (m.find()) {
                usage.put(m.group(3), new ClassUsage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
            }
        }
        return usage;
    }

    record ClassUsage(long instances, long bytes) {
        ClassUsage minus(ClassUsage other) {
            return other == null ? this : new ClassUsage(instances - other.instances, bytes - other.bytes);
        }
    }
}
