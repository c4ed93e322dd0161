package org.stackvault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No static mutable state in the application's classes, nor in the tools' and benchmarks'
 * (src/tools/java, src/bench/java): every static field is final, a static collection or map
 * is unmodifiable, a static array is private to its class (a table of constants nobody else
 * can write), and no static counters.
 */
class NoStaticMutableStateTest {
    private static final java.util.regex.Pattern JTE_TEMPLATE =
            java.util.regex.Pattern.compile("org\\.stackvault\\.web\\.Jte\\w+Generated(\\$.*)?");
    private static final List<String> UNMODIFIABLE = List.of(
            "java.util.ImmutableCollections$",
            "java.util.Collections$Unmodifiable",
            "java.util.Collections$Empty",
            "java.util.Collections$Singleton");

    @Test
    void staticFields_ofTheApplication_holdNothingMutable() throws Exception {
        Path classes = Path.of(Stackvault.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> mutable = new ArrayList<>();
        // jte's generated templates (org.stackvault.web.Jte*Generated) publish their line table,
        // JTE_LINE_INFO, as a public static array its runtime reads for error messages; nothing
        // writes it
        int fields = scan(
                classes,
                name -> !JTE_TEMPLATE.matcher(name).matches(),
                getClass().getClassLoader(),
                mutable);
        assertTrue(fields > 50, "the scan saw the application's classes: " + fields + " static fields");
        assertEquals(List.of(), mutable);
    }

    /**
     * The tools and benchmarks (target/tools-classes, named by the build) as well, less the
     * harness JMH generates for the benchmarks (jmh_generated: JMH's own shared state).
     */
    @Test
    void staticFields_ofTheTools_holdNothingMutable() throws Exception {
        Path classes = Path.of(System.getProperty("stackvault.tools.classes", "target/tools-classes"));
        List<String> mutable = new ArrayList<>();
        int fields;
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            fields = scan(classes, name -> !name.contains(".jmh_generated."), loader, mutable);
        }
        assertTrue(fields > 50, "the scan saw the tools' classes in " + classes + ": " + fields + " static fields");
        assertEquals(List.of(), mutable);
    }

    /**
     * Adds to {@code mutable} each static field that holds something mutable, of the classes
     * under {@code classes} whose names {@code scanned} accepts; returns how many static fields
     * it saw.
     */
    private static int scan(Path classes, Predicate<String> scanned, ClassLoader loader, List<String> mutable)
            throws Exception {
        int fields = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!scanned.test(name)) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, loader);
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                        continue;
                    }
                    fields++;
                    String problem = problem(field);
                    if (problem != null) {
                        mutable.add(name + "." + field.getName() + ": " + problem);
                    }
                }
            }
        }
        return fields;
    }

    private static String problem(Field field) throws IllegalAccessException {
        int modifiers = field.getModifiers();
        Class<?> type = field.getType();
        if (!Modifier.isFinal(modifiers)) {
            return "not final";
        }
        if (type.isArray()) {
            return Modifier.isPrivate(modifiers) ? null : "an array others can write";
        }
        if (type.getPackageName().equals("java.util.concurrent.atomic")) {
            return "an atomic (a shared counter or reference)";
        }
        if (!Collection.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type)) {
            return null;
        }
        field.setAccessible(true);
        Object value = field.get(null);
        String implementation = value == null ? "null" : value.getClass().getName();
        return value == null || UNMODIFIABLE.stream().anyMatch(implementation::startsWith)
                ? null
                : "a modifiable " + implementation;
    }
}
