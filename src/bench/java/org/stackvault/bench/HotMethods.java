package org.stackvault.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest methods of a JFR recording ({@code scripts/bench --profile} makes one per
 * phase): execution samples counted by their top frame (self time) and by every method on
 * the stack (total time, each method once per sample), optionally only samples of threads
 * whose name starts with a prefix (e.g. {@code http-nio} for Tomcat's request threads).
 */
final class HotMethods {
    private HotMethods() {}

    static void print(Path jfr, int top, String threadPrefix) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            if (threadPrefix != null) {
                var thread = event.getThread("sampledThread");
                String name = thread == null ? "" : String.valueOf(thread.getJavaName());
                if (!name.startsWith(threadPrefix)) {
                    continue;
                }
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame.getMethod());
                if (seen.add(method)) {
                    total.merge(method, 1, Integer::sum);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %,d execution samples%s%n",
                jfr.getFileName(),
                samples,
                threadPrefix == null ? "" : " of threads " + threadPrefix + "*");
        table("self", self, samples, top);
        total.keySet().removeIf(method -> !interesting(method));
        table("total (on the stack; Stackvault, JSON writing, the response cache)", total, samples, top);
    }

    /** Methods worth a line in the total table (the container's frames are on every stack). */
    private static boolean interesting(String method) {
        return method.startsWith("org.stackvault.")
                || method.startsWith("org.ehcache.core.Ehcache.")
                || method.equals("com.fasterxml.jackson.jakarta.rs.base.ProviderBase.writeTo")
                || method.equals("org.apache.catalina.valves.AbstractAccessLogValve.log");
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private static void table(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("  " + title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf(
                        Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
