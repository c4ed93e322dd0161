package org.stackvault;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What the build packages (run by Failsafe after the package phase): the WAR holds the
 * product only, with neither the tools (src/tools/java) nor the benchmarks (src/bench/java)
 * nor JMH, and no product class refers to them; target/stackvault-tools.jar holds the tools,
 * the benchmarks and the harness JMH generated for them, and no product class.
 */
class PackagingIT {
    /** Tools, benchmarks, JMH and its dependencies, as WAR entries. */
    private static final Pattern NOT_PRODUCT = Pattern.compile(
            "^WEB-INF/classes/org/stackvault/(cli|bench)/"
                    + "|jmh_generated|Benchmark[^/]*\\.class$|BenchmarkList|^WEB-INF/lib/(jmh-|jopt-simple-|commons-math3-|echarts-)");
    /** Names of tools, benchmark and JMH classes as a class file's constant pool holds them. */
    private static final List<String> NOT_PRODUCT_REFERENCES =
            List.of("org/stackvault/cli/", "org/stackvault/bench/", "org/openjdk/jmh/");
    /**
     * Entries of the tools jar outside the tools and benchmarks, that is, product classes (a
     * JMH benchmark lives in the package of what it measures, its harness below it).
     */
    private static final Pattern PRODUCT_CLASS = Pattern.compile(
            "^org/stackvault/(?!cli/|bench/|[a-z]+/jmh_generated/|[a-z]+/[A-Za-z]+Benchmark\\.class$)[^/]+.*\\.class$");

    @Test
    void war_holdsTheProductOnly() throws IOException {
        try (ZipFile war =
                new ZipFile(file("stackvault.war", "target/stackvault.war").toFile())) {
            List<String> names = names(war);
            assertTrue(names.contains("WEB-INF/classes/org/stackvault/Stackvault.class"), "the product's classes");
            assertTrue(names.contains("WEB-INF/classes/sample/stackalytics-sample.pickle"), "the bundled sample");
            assertTrue(
                    names.contains("WEB-INF/classes/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js"),
                    "ECharts' min file, without the rest of its WebJar");
            assertTrue(names.stream().anyMatch(n -> n.startsWith("WEB-INF/lib/jersey-server-")), "the libraries");
            assertEquals(
                    List.of(),
                    names.stream().filter(n -> NOT_PRODUCT.matcher(n).find()).toList());
            List<String> referring = new ArrayList<>();
            for (String name : names) {
                if (name.startsWith("WEB-INF/classes/") && name.endsWith(".class")) {
                    String constants = read(war, name);
                    NOT_PRODUCT_REFERENCES.stream()
                            .filter(constants::contains)
                            .forEach(reference -> referring.add(name + " refers to " + reference));
                }
            }
            assertEquals(List.of(), referring);
        }
    }

    @Test
    void toolsJar_holdsTheToolsAndTheBenchmarkHarness_andNoProductClass() throws IOException {
        try (ZipFile jar = new ZipFile(
                file("stackvault.tools.jar", "target/stackvault-tools.jar").toFile())) {
            List<String> names = names(jar);
            for (String expected : List.of(
                    "org/stackvault/cli/GenerateData.class",
                    "org/stackvault/cli/LoadDump.class",
                    "org/stackvault/cli/Dump.class",
                    "org/stackvault/bench/BenchDriver.class",
                    "org/stackvault/query/QueryKernelsBenchmark.class",
                    "META-INF/BenchmarkList")) {
                assertTrue(names.contains(expected), expected);
            }
            assertTrue(
                    names.stream().anyMatch(n -> n.startsWith("org/stackvault/query/jmh_generated/")),
                    "the harness JMH generated");
            assertEquals(
                    List.of(),
                    names.stream().filter(n -> PRODUCT_CLASS.matcher(n).find()).toList());
        }
    }

    /** The file the build names in a system property (pom.xml, maven-failsafe-plugin). */
    private static Path file(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback));
    }

    private static List<String> names(ZipFile zip) {
        return zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).toList();
    }

    /** An entry's bytes as ISO-8859-1 text: class names in the constant pool read as they are. */
    private static String read(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readAllBytes(), ISO_8859_1);
        }
    }
}
